package io.promregator.core.cf.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.promregator.core.cf.CfApplication;
import io.promregator.core.cf.CfInstanceState;
import io.promregator.core.cf.CfOrganization;
import io.promregator.core.cf.CfProcess;
import io.promregator.core.cf.CfRoute;
import io.promregator.core.cf.CfSpace;
import io.promregator.core.cf.CloudControllerException;
import io.promregator.core.cf.client.CfTestServer.Recorded;
import io.promregator.core.cf.client.CfTestServer.Reply;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The v3 calls over HTTP against a scripted Cloud Controller: queries, pagination, chunking, bootstrap. */
class HttpCloudControllerTest {
    private final CfTestServer server = new CfTestServer();
    private final FakeTime time = new FakeTime();
    private HttpCloudController controller;

    @AfterEach
    void close() {
        if (controller != null) {
            controller.close();
        }
        server.close();
    }

    private HttpCloudController controller() {
        return controller(CloudControllerSettings.builder());
    }

    private HttpCloudController controller(CloudControllerSettings.Builder builder) {
        controller = new HttpCloudController(builder.apiUrl(URI.create(server.base()))
                .credentials(UaaCredentials.password("marissa", "koala"))
                .clock(time)
                .sleeper(time)
                .build());
        return controller;
    }

    /** A list page of apps named after their guids, in space {@code s}. */
    private static String appsPage(String nextHref, String... guids) {
        String resources = String.join(
                ",", Arrays.stream(guids).map(guid -> """
                        {"guid": "%s", "name": "app-%s", "state": "STARTED",
                         "relationships": {"space": {"data": {"guid": "s"}}}, "unknown": {"x": 1}}""".formatted(guid, guid)).toList());
        String next = nextHref == null ? "null" : "{\"href\": \"" + nextHref + "\"}";
        return """
                {"pagination": {"total_results": 3, "total_pages": 3, "next": %s, "previous": null},
                 "resources": [%s]}""".formatted(next, resources);
    }

    private List<Recorded> ccRequests(String path) {
        return server.requests("/v3" + path);
    }

    @Test
    void listsOrganizationsByNameWithTheBearerToken() {
        server.withFoundation()
                .get("/v3/organizations?names=org1,org%20two&per_page=5000", Reply.ok("v3_organizations_list.json"));

        List<CfOrganization> organizations = controller().organizations(List.of("org1", "org two"));

        assertThat(organizations).extracting(CfOrganization::name).containsExactly("org1", "org2");
        Recorded request = ccRequests("/organizations").get(0);
        assertThat(request.uri().getRawQuery()).isEqualTo("names=org1,org%20two&per_page=5000");
        assertThat(request.header("Authorization")).startsWith("bearer eyJhbGciOiJIUzI1NiJ9.");
        assertThat(request.header("Accept")).isEqualTo("application/json");
    }

    @Test
    void listsAllOrganizationsWithoutNames() {
        server.withFoundation().get("/v3/organizations?per_page=5000", Reply.ok("v3_organizations_list.json"));

        assertThat(controller().organizations(List.of())).hasSize(2);
        assertThat(ccRequests("/organizations").get(0).query()).containsOnlyKeys("per_page");
    }

    @Test
    void listsAllOrganizationsWhenANameHasAComma() {
        server.withFoundation().get("/v3/organizations?per_page=5000", Reply.ok("v3_organizations_list.json"));

        assertThat(controller().organizations(List.of("acme, inc"))).hasSize(2);
    }

    @Test
    void listsSpacesOfOrganizations() {
        server.withFoundation()
                .get("/v3/spaces?organization_guids=o1,o2&per_page=5000", Reply.ok("v3_spaces_list.json"));

        assertThat(controller().spaces(List.of("o1", "o2", "o1")))
                .extracting(CfSpace::name)
                .containsExactly("space1", "space2");
    }

    @Test
    void listsWebProcessesOfSpaces() {
        server.withFoundation()
                .get("/v3/processes?space_guids=s1&types=web&per_page=5000", Reply.ok("v3_app_processes_list.json"));
        String next = "https://api.example.org/v3/apps/ccc25a0f-c8f4-4b39-9f1b-de9f328d0ee5/processes";
        server.get("/v3/apps/ccc25a0f-c8f4-4b39-9f1b-de9f328d0ee5/processes?page=2&per_page=2", Reply.json(200, """
                        {"pagination": {"next": null}, "resources": []}"""));

        List<CfProcess> processes = controller().webProcesses(List.of("s1"));

        assertThat(processes).extracting(CfProcess::instances).containsExactly(5, 1);
        assertThat(server.requests().stream().map(r -> r.uri().getRawPath()))
                .contains(URI.create(next).getRawPath());
    }

    @Test
    void followsNextLinksVerbatimAcrossThreePages() {
        String page2 = "https://api.example.org/v3/apps?order_by=%2Bcreated_at&page=2&per_page=5000&space_guids=s1";
        String page3 = "https://api.example.org/v3/apps?order_by=%2Bcreated_at&page=3&per_page=5000&space_guids=s1";
        server.withFoundation()
                .get("/v3/apps?space_guids=s1&per_page=5000", Reply.json(200, appsPage(page2, "a1")))
                .get(
                        URI.create(page2).getRawPath() + "?" + URI.create(page2).getRawQuery(),
                        Reply.json(200, appsPage(page3, "a2")))
                .get(
                        URI.create(page3).getRawPath() + "?" + URI.create(page3).getRawQuery(),
                        Reply.json(200, appsPage(null, "a3")));

        List<CfApplication> apps = controller().applications(List.of("s1"));

        assertThat(apps).extracting(CfApplication::id).containsExactly("a1", "a2", "a3");
        List<Recorded> requests = ccRequests("/apps");
        assertThat(requests).hasSize(3);
        assertThat(requests.get(1).uri().getRawQuery())
                .isEqualTo(URI.create(page2).getRawQuery());
        assertThat(requests.get(2).uri().getRawQuery())
                .isEqualTo(URI.create(page3).getRawQuery());
        assertThat(controller.requestCount(RequestType.APPLICATIONS)).isEqualTo(3);
    }

    @Test
    void followsTheDocsSampleNextLinkWithItsTypos() {
        server.withFoundation()
                .get(
                        "/v3/apps?space_guids=2f35885d-0c9d-4423-83ad-fd05066f8576&per_page=5000",
                        Reply.ok("v3_apps_list.json"))
                .get("/v3/apps?page=2&per_page=2", Reply.json(200, appsPage(null, "a3")));

        assertThat(controller().applications(List.of("2f35885d-0c9d-4423-83ad-fd05066f8576")))
                .extracting(CfApplication::name)
                .containsExactly("my_app", "my_app2", "app-a3");
    }

    @Test
    void failsOnAPaginationLoop() {
        server.withFoundation()
                .get(
                        "/v3/apps?space_guids=s1&per_page=5000",
                        Reply.json(
                                200, appsPage("https://api.example.org/v3/apps?space_guids=s1&per_page=5000", "a1")));

        assertThat(catchThrowableOfType(() -> controller().applications(List.of("s1")), CloudControllerException.class))
                .hasMessageContaining("repeats an earlier page");
    }

    @Test
    void splitsLongGuidListsIntoRequestsOfAtMostOneHundred() {
        List<String> spaces = IntStream.range(0, 250)
                .mapToObj(i -> "%08d-0000-4000-8000-000000000000".formatted(i))
                .toList();
        server.withFoundation()
                .onAnyQuery(
                        "GET",
                        "/v3/apps",
                        Reply.json(200, appsPage(null, "a1")),
                        Reply.json(200, appsPage(null, "a2")),
                        Reply.json(200, appsPage(null, "a3")));

        List<CfApplication> apps = controller().applications(spaces);

        assertThat(apps).extracting(CfApplication::id).containsExactly("a1", "a2", "a3");
        List<Recorded> requests = ccRequests("/apps");
        assertThat(requests)
                .extracting(r -> r.query().get("space_guids").split(",").length)
                .containsExactly(100, 100, 50);
        List<String> sent = new ArrayList<>();
        requests.forEach(r -> sent.addAll(List.of(r.query().get("space_guids").split(","))));
        assertThat(sent).containsExactlyElementsOf(spaces);
        assertThat(requests)
                .allSatisfy(r -> assertThat(r.uri().toString().length()).isLessThan(4096));
    }

    @Test
    void sendsNoRequestForAnEmptyGuidList() {
        server.withFoundation();

        assertThat(controller().spaces(List.of())).isEmpty();
        assertThat(controller.applications(List.of())).isEmpty();
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void readsRoutesWithTheirIncludedDomains() {
        server.withFoundation().get("/v3/routes?space_guids=s1&include=domain&per_page=5000", Reply.json(200, """
                {"pagination": {"next": null},
                 "resources": [
                   {"guid": "r1", "protocol": "http", "url": "app.apps.internal", "port": null,
                    "destinations": [{"app": {"guid": "a1", "process": {"type": "web"}}, "port": 8080}],
                    "relationships": {"domain": {"data": {"guid": "d-int"}}}},
                   {"guid": "r2", "protocol": "http", "url": "app.example.org/metrics",
                    "destinations": [{"app": {"guid": "a2"}}, {"app": {"guid": "a1"}}, {"app": {"guid": "a2"}}],
                    "relationships": {"domain": {"data": {"guid": "d-ext"}}}}],
                 "included": {"domains": [
                   {"guid": "d-ext", "name": "example.org", "internal": false},
                   {"guid": "d-int", "name": "apps.internal", "internal": true, "router_group": null}]}}
                """));

        List<CfRoute> routes = controller().routes(List.of("s1"));

        assertThat(routes)
                .containsExactly(
                        new CfRoute("r1", "app.apps.internal", "http", "d-int", "apps.internal", true, List.of("a1")),
                        new CfRoute(
                                "r2",
                                "app.example.org/metrics",
                                "http",
                                "d-ext",
                                "example.org",
                                false,
                                List.of("a2", "a1")));
    }

    @Test
    void readsInstanceStatesIncludingDownOnes() {
        server.withFoundation()
                .get("/v3/processes/p1/stats", Reply.ok("v3_process_stats_running_crashed_down.DERIVED.json"));

        List<CfInstanceState> instances = controller().instances("p1");

        assertThat(instances)
                .containsExactly(
                        new CfInstanceState(0, "RUNNING", Optional.of(true)),
                        new CfInstanceState(1, "CRASHED", Optional.of(false)),
                        new CfInstanceState(2, "DOWN", Optional.empty()));
        assertThat(instances)
                .filteredOn(CfInstanceState::isScrapable)
                .extracting(CfInstanceState::index)
                .containsExactly(0);
        assertThat(ccRequests("/processes/p1/stats").get(0).query()).isEmpty();
    }

    @Test
    void reportsErrorsOfGuidEndpoints() {
        server.withFoundation().get("/v3/processes/gone/stats", Reply.fixture(404, "v3_error_resource_not_found.json"));

        CloudControllerException e =
                catchThrowableOfType(() -> controller().instances("gone"), CloudControllerException.class);

        assertThat(e.status()).isEqualTo(404);
        assertThat(e.hasError("CF-ResourceNotFound")).isTrue();
        assertThat(e.getMessage())
                .startsWith("GET " + server.base() + "/v3/processes/gone/stats: answered HTTP 404")
                .contains("CF-ResourceNotFound (10010): Process not found")
                .doesNotContain("eyJhbGciOiJIUzI1NiJ9");
    }

    @Test
    void readsTheRootDocumentOnceAndPrefersTheLoginLink() {
        server.withFoundation().get("/v3/spaces?organization_guids=o1&per_page=5000", Reply.ok("v3_spaces_list.json"));

        controller().spaces(List.of("o1"));
        controller.spaces(List.of("o1"));

        assertThat(server.requests("/")).hasSize(1);
        assertThat(server.requests("/login/oauth/token")).hasSize(1);
        assertThat(controller.requestCount(RequestType.ROOT)).isEqualTo(1);
        assertThat(controller.requestCount(RequestType.TOKEN)).isEqualTo(1);
        assertThat(controller.requestCount()).isEqualTo(4);
    }

    @Test
    void connectsOnceForManyConcurrentCallers() throws Exception {
        server.get("/", Reply.ok("v3_root.json").after(Duration.ofMillis(100)))
                .on(
                        "POST",
                        "/login/oauth/token",
                        Reply.ok("uaa_token_minimal.json").after(Duration.ofMillis(100)))
                .get("/v3/spaces?organization_guids=o1&per_page=5000", Reply.ok("v3_spaces_list.json"));
        HttpCloudController shared = controller();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<CfSpace>>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> shared.spaces(List.of("o1"))));
            }
            for (Future<List<CfSpace>> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS)).hasSize(2);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(shared.requestCount(RequestType.ROOT)).isEqualTo(1);
        assertThat(shared.requestCount(RequestType.TOKEN)).isEqualTo(1);
        assertThat(shared.requestCount(RequestType.SPACES)).isEqualTo(8);
    }

    @Test
    void getsTokensFromTheUaaLinkWithoutALoginLink() {
        server.get("/", Reply.json(200, """
                        {"links": {"cloud_controller_v3": {"href": "https://api.example.org/v3"},
                                   "uaa": {"href": "https://uaa.example.org"}, "login": null}}""")).on("POST", "/uaa/oauth/token", Reply.ok("uaa_token_minimal.json"));

        controller().connect();

        assertThat(server.requests("/uaa/oauth/token")).hasSize(1);
    }

    @Test
    void getsTokensFromAConfiguredLoginUrl() {
        server.get("/", Reply.ok("v3_root.json")).on("POST", "/custom/oauth/token", Reply.ok("uaa_token_minimal.json"));

        controller(CloudControllerSettings.builder().loginUrl(URI.create(server.base() + "/custom/")))
                .connect();

        assertThat(server.requests("/custom/oauth/token")).hasSize(1);
        assertThat(server.requests("/login/oauth/token")).isEmpty();
    }

    @Test
    void refusesAFoundationWithoutV3() {
        server.get("/", Reply.json(200, """
                {"links": {"self": {"href": "https://api.example.org"},
                           "cloud_controller_v2": {"href": "https://api.example.org/v2"},
                           "login": {"href": "https://login.example.org"}}}"""));

        CloudControllerException e =
                catchThrowableOfType(() -> controller().organizations(List.of()), CloudControllerException.class);

        assertThat(e.getMessage()).contains("CF API v3 is not available at " + server.base());
        assertThat(server.requests("/login/oauth/token")).isEmpty();
    }

    @Test
    void retriesTheBootstrapOnTheNextCallAfterItFailed() {
        server.get("/", Reply.empty(404), Reply.ok("v3_root.json"))
                .on("POST", "/login/oauth/token", Reply.ok("uaa_token_minimal.json"));

        assertThat(catchThrowableOfType(() -> controller().connect(), CloudControllerException.class)
                        .status())
                .isEqualTo(404);
        controller.connect();

        assertThat(server.requests("/")).hasSize(2);
    }

    @Test
    void rejectsARootDocumentThatIsNotJson() {
        server.get("/", new Reply(200, Map.of("Content-Type", "text/html"), "<html>hello</html>", Duration.ZERO));

        assertThat(catchThrowableOfType(() -> controller().connect(), CloudControllerException.class))
                .hasMessageContaining("not JSON");
    }
}
