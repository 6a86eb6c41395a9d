package io.promregator.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every kind of simulator response has the field names of its real Cloud Foundry counterpart. */
class FixtureShapeTest {
    private static CfSimulator sim;
    private static SimHttp http;
    private static String token;
    private static Foundation foundation;

    @BeforeAll
    static void start() {
        foundation = Foundation.builder()
                .org(
                        "org",
                        org -> org.space(
                                "space",
                                space -> space.app(
                                                "web",
                                                app -> app.instances("RUNNING", "CRASHED", "STARTING", "DOWN")
                                                        .route("web.apps.example.com"))
                                        .app("worker", app -> app.internalRoute("worker.apps.internal"))
                                        .app("dora", app -> app.route("dora.superman.routing.cf-app.com"))))
                .build();
        sim = TestFoundations.start(foundation);
        http = new SimHttp(sim);
        token = http.token(TestFoundations.USER, TestFoundations.PASSWORD);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void rootAndInfo() {
        assertSameShape("v3_root.json", http.getJson("/", null), "$.links.cloud_controller_v2");
        assertSameShape("v3_info.json", http.getJson("/v3/info", null), "$.custom");
    }

    @Test
    void organizationsAndSpaces() {
        assertSameShape("v3_organizations_list.json", http.getJson("/v3/organizations", token));
        String orgId = foundation.organization("org").id();
        assertSameShape("v3_organization.json", http.getJson("/v3/organizations/" + orgId, token));
        assertSameShape("v3_spaces_list.json", http.getJson("/v3/spaces", token));
        String spaceId = foundation.organization("org").spaces().get(0).id();
        assertSameShape("v3_space.json", http.getJson("/v3/spaces/" + spaceId, token));
    }

    @Test
    void appsWithNextPage() {
        JsonNode fixture = Shapes.fixture("v3_apps_list.json");
        JsonNode page = http.getJson("/v3/apps?per_page=2", token);
        assertThat(page.get("pagination").get("next").isObject()).isTrue();
        assertThat(Shapes.differences(fixture.get("pagination"), page.get("pagination"), Set.of()))
                .isEmpty();
        assertThat(Shapes.differences(
                        fixture.get("resources").get(0), page.get("resources").get(0), Set.of()))
                .isEmpty();
        assertSameShape(
                "v3_app.json",
                http.getJson("/v3/apps/" + foundation.application("web").id(), token));
    }

    @Test
    void processes() {
        JsonNode fixture = Shapes.fixture("v3_app_processes_list.json");
        JsonNode page = http.getJson("/v3/processes", token);
        assertThat(Shapes.differences(
                        fixture.get("resources").get(0), page.get("resources").get(0), Set.of()))
                .isEmpty();
        String processId = foundation.application("web").processId();
        assertThat(Shapes.differences(
                        fixture.get("resources").get(0), http.getJson("/v3/processes/" + processId, token), Set.of()))
                .isEmpty();
    }

    @Test
    void statsOfEveryInstanceState() {
        String processId = foundation.application("web").processId();
        JsonNode stats =
                http.getJson("/v3/processes/" + processId + "/stats", token).get("resources");
        JsonNode derived = Shapes.fixture("v3_process_stats_running_crashed_down.DERIVED.json")
                .get("resources");
        assertThat(stats.get(0).get("state").asText()).isEqualTo("RUNNING");
        assertThat(Shapes.differences(derived.get(0), stats.get(0), Set.of())).isEmpty();
        assertThat(stats.get(1).get("state").asText()).isEqualTo("CRASHED");
        assertThat(Shapes.differences(derived.get(1), stats.get(1), Set.of())).isEmpty();
        assertThat(stats.get(3).get("state").asText()).isEqualTo("DOWN");
        assertThat(names(stats.get(3))).isEqualTo(names(derived.get(2)));
        JsonNode starting =
                Shapes.fixture("v3_process_stats.json").get("resources").get(1);
        assertThat(stats.get(2).get("state").asText()).isEqualTo("STARTING");
        // The docs sample lacks instance_guid; the current presenter sends it for every non-DOWN instance.
        assertThat(Shapes.differences(starting, stats.get(2), Set.of("$.instance_guid")))
                .isEmpty();
    }

    @Test
    void routesAndDomains() {
        JsonNode routes = http.getJson("/v3/routes?include=domain", token);
        JsonNode route = Shapes.fixture("v3_route.json");
        routes.get("resources")
                .forEach(r -> assertThat(Shapes.differences(route, r, Set.of())).isEmpty());
        JsonNode domain = Shapes.fixture("v3_domains_list_with_internal.DERIVED.json")
                .get("resources")
                .get(0);
        routes.get("included")
                .get("domains")
                .forEach(
                        d -> assertThat(Shapes.differences(domain, d, Set.of())).isEmpty());
        assertSameShape("v3_domains_list_with_internal.DERIVED.json", http.getJson("/v3/domains", token));
    }

    @Test
    void cloudControllerErrorsEqualTheirFixtures() {
        assertThat(SimHttp.json(http.get("/v3/apps", null)))
                .isEqualTo(Shapes.fixture("v3_error_not_authenticated.DERIVED.json"));
        assertThat(SimHttp.json(http.get("/v3/apps", "expired")))
                .isEqualTo(Shapes.fixture("v3_error_invalid_auth_token.DERIVED.json"));
        assertThat(SimHttp.json(http.get("/v3/apps?per_page=5001", token)))
                .isEqualTo(Shapes.fixture("v3_error_bad_query_parameter_per_page.DERIVED.json"));
        assertThat(SimHttp.json(http.get("/v3/apps/not-found", token)))
                .isEqualTo(Shapes.fixture("v3_error_app_not_found.json"));
        assertThat(SimHttp.json(http.get("/v3/processes/not-found/stats", token)))
                .isEqualTo(Shapes.fixture("v3_error_resource_not_found.json"));
        sim.knobs().rateLimitNext(1, 1);
        assertThat(SimHttp.json(http.get("/v3/apps", token)))
                .isEqualTo(Shapes.fixture("v3_error_rate_limit_exceeded.DERIVED.json"));
    }

    @Test
    void tokenResponses() {
        HttpResponse<String> password = http.postToken(
                SimHttp.CF_CLIENT_BASIC,
                Map.of(
                        "grant_type",
                        "password",
                        "username",
                        TestFoundations.USER,
                        "password",
                        TestFoundations.PASSWORD));
        assertSameShape("uaa_token_password_grant_jwt.json", SimHttp.json(password));
        String refreshToken = SimHttp.json(password).get("refresh_token").asText();
        assertSameShape(
                "uaa_token_refresh_grant.json",
                SimHttp.json(http.postToken(
                        SimHttp.CF_CLIENT_BASIC,
                        Map.of("grant_type", "refresh_token", "refresh_token", refreshToken))));
        String client = "Basic "
                + Base64.getEncoder()
                        .encodeToString((TestFoundations.CLIENT + ":" + TestFoundations.CLIENT_SECRET)
                                .getBytes(StandardCharsets.UTF_8));
        assertSameShape(
                "uaa_token_client_credentials.json",
                SimHttp.json(http.postToken(client, Map.of("grant_type", "client_credentials"))));
        JsonNode wrong = SimHttp.json(http.postToken(
                "Basic " + Base64.getEncoder().encodeToString("cf:x".getBytes(StandardCharsets.UTF_8)),
                Map.of("grant_type", "password", "username", "u", "password", "p")));
        assertThat(wrong).isEqualTo(Shapes.fixture("uaa_token_error_bad_credentials.json"));
        JsonNode wrongPassword = SimHttp.json(http.postToken(
                SimHttp.CF_CLIENT_BASIC, Map.of("grant_type", "password", "username", "u", "password", "p")));
        assertSameShape("uaa_token_error_password_change_required.json", wrongPassword);
    }

    @Test
    void gorouterErrorsEqualTheirFixture() throws Exception {
        HttpClient proxied = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .proxy(ProxySelector.of(sim.gorouterProxy()))
                .build();
        JsonNode responses =
                Shapes.fixture("gorouter_app_instance_responses.DERIVED.json").get("responses");
        String[][] requests = {
            {"http://dora.superman.routing.cf-app.com/", "aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa:1"},
            {"http://dora.superman.routing.cf-app.com/", "AAAAAAAA-aaaa-aaaa-aaaa-aaaaaaaaaaaa:1"},
            {"http://example.com/", null}
        };
        for (int i = 0; i < requests.length; i++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(requests[i][0]));
            if (requests[i][1] != null) {
                request.header("X-CF-APP-INSTANCE", requests[i][1]);
            }
            HttpResponse<String> response = proxied.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode expected = responses.get(i);
            assertThat(response.statusCode()).isEqualTo(expected.get("status").asInt());
            assertThat(response.body()).isEqualTo(expected.get("body").asText());
            expected.get("headers")
                    .fields()
                    .forEachRemaining(header -> assertThat(response.headers().firstValue(header.getKey()))
                            .as(header.getKey())
                            .hasValue(header.getValue().asText()));
        }
    }

    @Test
    void comparisonNoticesMissingExtraAndRetypedFields() {
        JsonNode fixture = Shapes.fixture("v3_app.json");
        ObjectNode changed = fixture.deepCopy();
        changed.remove("state");
        changed.put("extra", 1);
        changed.put("name", 7);
        ((ObjectNode) changed.get("links")).remove("self");
        assertThat(Shapes.differences(fixture, changed, Set.of()))
                .containsExactlyInAnyOrder(
                        "$.state: missing",
                        "$.extra: not in the fixture",
                        "$.name: NUMBER where the fixture has STRING",
                        "$.links.self: missing");
    }

    private static void assertSameShape(String fixture, JsonNode actual, String... ignored) {
        assertThat(Shapes.differences(Shapes.fixture(fixture), actual, Set.of(ignored)))
                .as(fixture)
                .isEmpty();
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
