package io.promregator.core.cf.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.promregator.core.cf.CfApplication;
import io.promregator.core.cf.CfError;
import io.promregator.core.cf.CfInstanceState;
import io.promregator.core.cf.CfOrganization;
import io.promregator.core.cf.CfProcess;
import io.promregator.core.cf.CfRoute;
import io.promregator.core.cf.CfSpace;
import io.promregator.core.cf.CloudControllerException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every v3 fixture through the mapping the client uses for it. */
class V3ResourcesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final URI API = URI.create("https://api.example.org");

    private static JsonNode json(String fixture) {
        try {
            return MAPPER.readTree(Fixtures.text(fixture));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> List<T> all(String fixture, Function<JsonNode, Optional<T>> mapper) {
        return V3Page.of(json(fixture), "GET test").resources().stream()
                .map(mapper)
                .flatMap(Optional::stream)
                .toList();
    }

    @Test
    void readsOrganizations() {
        assertThat(all("v3_organizations_list.json", V3Resources::organization))
                .containsExactly(
                        new CfOrganization("885735b5-aea4-4cf5-8e44-961af0e41920", "org1"),
                        new CfOrganization("d4c91047-7b29-4fda-b7f9-04033e5c9c9f", "org2"));
        assertThat(V3Resources.organization(json("v3_organization.json")))
                .map(CfOrganization::name)
                .hasValue("my-organization");
    }

    @Test
    void readsSpacesWithTheirOrganization() {
        assertThat(all("v3_spaces_list.json", V3Resources::space))
                .containsExactly(
                        new CfSpace(
                                "885735b5-aea4-4cf5-8e44-961af0e41920",
                                "space1",
                                "e00705b9-7b42-4561-ae97-2520399d2133"),
                        new CfSpace(
                                "d4c91047-7b29-4fda-b7f9-04033e5c9c9f",
                                "space2",
                                "b4ce91bd-31df-4b7d-8fd4-21a6b533276b"));
        assertThat(V3Resources.space(json("v3_space.json"))).map(CfSpace::name).hasValue("my-space");
    }

    @Test
    void readsAppsDespiteTheDocsTypos() {
        List<CfApplication> apps = all("v3_apps_list.json", V3Resources::application);
        assertThat(apps)
                .extracting(CfApplication::name, CfApplication::state, CfApplication::spaceId)
                .containsExactly(
                        tuple("my_app", "STARTED", "2f35885d-0c9d-4423-83ad-fd05066f8576"),
                        tuple("my_app2", "STOPPED", "2f35885d-0c9d-4423-83ad-fd05066f8576"));
        assertThat(apps.get(0).isStarted()).isTrue();
        assertThat(apps.get(0).annotations()).isEmpty();
        assertThat(V3Resources.application(json("v3_app.json")))
                .map(CfApplication::id)
                .hasValue("1cb006ee-fb05-47e1-b541-c34179ddc446");
    }

    @Test
    void readsAnnotationsAndSkipsNullOnes() throws Exception {
        JsonNode app = MAPPER.readTree("""
                {"guid": "a", "name": "n", "state": "STARTED",
                 "relationships": {"space": {"data": {"guid": "s"}}},
                 "metadata": {"annotations": {"prometheus.io/scrape": "true", "gone": null}}}
                """);
        assertThat(V3Resources.application(app))
                .map(CfApplication::annotations)
                .hasValue(Map.of("prometheus.io/scrape", "true"));
    }

    @Test
    void skipsResourcesThatLackWhatTheyNeed() {
        // The docs' include example elides state and relationships with "...": nothing to build from.
        V3Page page = V3Page.of(json("v3_apps_list_include_space_organization.json"), "GET test");
        assertThat(page.resources()).hasSize(2);
        assertThat(page.included().path("spaces")).hasSize(2);
        assertThat(page.next()).isEmpty();
        assertThat(all("v3_apps_list_include_space_organization.json", V3Resources::application))
                .isEmpty();
    }

    @Test
    void readsProcessesWithTheirInstanceCounts() {
        assertThat(all("v3_app_processes_list.json", V3Resources::process))
                .containsExactly(
                        new CfProcess(
                                "6a901b7c-9417-4dc1-8189-d3234aa0ab82",
                                "ccc25a0f-c8f4-4b39-9f1b-de9f328d0ee5",
                                "web",
                                5),
                        new CfProcess(
                                "3fccacd9-4b02-4b96-8d02-8e865865e9eb",
                                "ccc25a0f-c8f4-4b39-9f1b-de9f328d0ee5",
                                "worker",
                                1));
        assertThat(V3Resources.process(json("v3_process.json")))
                .map(CfProcess::type)
                .hasValue("web");
        assertThat(V3Resources.process(json("v3_process_with_embedded_instances.json")))
                .map(CfProcess::instances)
                .isPresent();
    }

    @Test
    void readsRoutesWithDestinationsInOrder() {
        List<CfRoute> routes = all("v3_routes_list.json", r -> V3Resources.route(r, Map.of()));
        assertThat(routes).singleElement().satisfies(route -> {
            assertThat(route.url()).isEqualTo("a-hostname.a-domain.com/some_path");
            assertThat(route.protocol()).isEqualTo("http");
            assertThat(route.domainId()).isEqualTo("0b5f3633-194c-42d2-9408-972366617e0e");
            assertThat(route.applicationIds())
                    .containsExactly("0a6636b5-7fc4-44d8-8752-0db3e40b35a5", "f61e59fa-2121-4217-8c7b-15bfd75baf25");
            // Not among included domains: external, as the original treated it.
            assertThat(route.internalDomain()).isFalse();
            assertThat(route.domainName()).isEmpty();
        });
        assertThat(all("v3_app_routes_list.json", r -> V3Resources.route(r, Map.of())))
                .hasSize(1);
        assertThat(V3Resources.route(json("v3_route.json"), Map.of()))
                .map(CfRoute::protocol)
                .hasValue("tcp");
    }

    @Test
    void readsDomainsAndTheirInternalFlag() {
        assertThat(V3Resources.domains(wrap("v3_domains_list_with_internal.DERIVED.json")))
                .containsExactly(Map.entry(
                        "c5a0a5f1-0d7f-4b0e-9b3f-5d8d2f1c0a11", new V3Resources.Domain("apps.internal", true)));
        assertThat(V3Resources.domains(wrap("v3_domains_list.json")).values())
                .hasSize(2)
                .allSatisfy(domain -> assertThat(domain.internal()).isFalse());
        JsonNode single = MAPPER.createObjectNode()
                .set("domains", MAPPER.createArrayNode().add(json("v3_domain.json")));
        assertThat(V3Resources.domains(single)).hasSize(1);
    }

    /** A domain list's resources as a route list's {@code included}. */
    private static JsonNode wrap(String domainList) {
        return MAPPER.createObjectNode().set("domains", json(domainList).path("resources"));
    }

    @Test
    void readsInstanceStatesIncludingDownEntries() {
        assertThat(V3Resources.instances(json("v3_process_stats_running_crashed_down.DERIVED.json")))
                .containsExactly(
                        new CfInstanceState(0, "RUNNING", Optional.of(true)),
                        new CfInstanceState(1, "CRASHED", Optional.of(false)),
                        new CfInstanceState(2, "DOWN", Optional.empty()));
        assertThat(V3Resources.instances(json("v3_process_stats.json")))
                .containsExactly(
                        new CfInstanceState(0, "RUNNING", Optional.of(true)),
                        new CfInstanceState(1, "STARTING", Optional.of(false)));
        assertThat(V3Resources.instances(json("v3_process_instances.json")))
                .extracting(CfInstanceState::state)
                .containsExactly("RUNNING", "STARTING", "DOWN");
    }

    @Test
    void readsPaginationNextLinks() {
        assertThat(V3Page.of(json("v3_pagination_example.json"), "GET test").next())
                .hasValue(URI.create("https://api.example.org/v3/people?page=2&per_page=1"));
        assertThat(V3Page.of(json("v3_apps_list.json"), "GET test").next()).isPresent();
        assertThat(V3Page.of(json("v3_organizations_list.json"), "GET test").next())
                .isEmpty();
    }

    @Test
    void rejectsARelativeNextLink() throws Exception {
        JsonNode body = MAPPER.readTree("""
                {"pagination": {"next": {"href": "/v3/apps?page=2"}}, "resources": []}
                """);
        assertThatThrownBy(() -> V3Page.of(body, "GET /v3/apps"))
                .isInstanceOf(CloudControllerException.class)
                .hasMessageContaining("relative pagination.next.href");
    }

    @Test
    void readsTheRootLinksPreferringLogin() {
        RootLinks links = RootLinks.of(json("v3_root.json"), API, "GET /");
        assertThat(links.v3()).isEqualTo(URI.create("https://api.example.org/v3"));
        assertThat(links.login()).isEqualTo(URI.create("https://login.example.org"));
        assertThat(RootLinks.tokenEndpoint(links.login()))
                .isEqualTo(URI.create("https://login.example.org/oauth/token"));
        assertThat(links.resolve("/apps?per_page=5000"))
                .isEqualTo(URI.create("https://api.example.org/v3/apps?per_page=5000"));
    }

    @ParameterizedTest
    @CsvSource({"v3_api_root.json", "v3_info.json"})
    void rejectsDocumentsWithoutAV3Link(String fixture) {
        assertThatThrownBy(() -> RootLinks.of(json(fixture), API, "GET https://api.example.org/"))
                .isInstanceOf(CloudControllerException.class)
                .hasMessageContaining("CF API v3 is not available at https://api.example.org");
    }

    @ParameterizedTest
    @CsvSource({
        "v3_error_example.json, 10008, CF-UnprocessableEntity, something went wrong",
        "v3_error_app_not_found.json, 10010, CF-ResourceNotFound, App not found",
        "v3_error_resource_not_found.json, 10010, CF-ResourceNotFound, Process not found",
        "v3_error_invalid_auth_token.DERIVED.json, 1000, CF-InvalidAuthToken, Invalid Auth Token",
        "v3_error_not_authenticated.DERIVED.json, 10002, CF-NotAuthenticated, Authentication error",
        "v3_error_rate_limit_exceeded.DERIVED.json, 10013, CF-RateLimitExceeded, Rate Limit Exceeded",
        "v3_error_uaa_rate_limited.DERIVED.json, 20008, CF-UaaRateLimited,"
                + " The UAA is currently rate limited. Please try again later",
        "v3_error_bad_query_parameter_per_page.DERIVED.json, 10005, CF-BadQueryParameter,"
                + " The query parameter is invalid: Per page must be between 1 and 5000",
        "capi_nginx_v2_disabled_404.json, 10000, CF-NotFound, Unknown request"
    })
    void readsErrorBodies(String fixture, int code, String title, String detail) {
        assertThat(JsonBodies.errors(Fixtures.text(fixture).getBytes(StandardCharsets.UTF_8)))
                .containsExactly(new CfError(code, title, detail));
    }

    @ParameterizedTest
    @CsvSource({
        "uaa_token_error_bad_credentials.json, invalid_client, Bad credentials",
        "uaa_token_error_password_change_required.json, unauthorized, password change required"
    })
    void readsUaaErrorBodies(String fixture, String error, String description) {
        assertThat(JsonBodies.uaaErrors(Fixtures.text(fixture).getBytes(StandardCharsets.UTF_8)))
                .containsExactly(new CfError(0, error, description));
    }

    @Test
    void findsNoErrorsInBodiesThatAreNotErrors() {
        assertThat(JsonBodies.errors(new byte[0])).isEmpty();
        assertThat(JsonBodies.errors("<html>502</html>".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
        assertThat(JsonBodies.uaaErrors(Fixtures.text("v3_error_example.json").getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
    }
}
