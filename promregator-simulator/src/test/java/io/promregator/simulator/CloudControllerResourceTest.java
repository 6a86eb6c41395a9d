package io.promregator.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CloudControllerResourceTest {
    private static CfSimulator sim;
    private static SimHttp http;
    private static String token;
    private static Foundation foundation;

    @BeforeAll
    static void start() {
        sim = TestFoundations.start(TestFoundations.small());
        http = new SimHttp(sim);
        token = http.token(TestFoundations.USER, TestFoundations.PASSWORD);
        foundation = sim.live().current();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void rootLinksPointAtTheSimulatorsOwnUaa() {
        JsonNode links = http.getJson("/", null).get("links");
        assertThat(links.get("cloud_controller_v3").get("href").asText()).isEqualTo(sim.apiUrl() + "/v3");
        assertThat(links.get("login").get("href").asText()).isEqualTo(sim.apiUrl() + "/login");
        assertThat(links.get("uaa").get("href").asText()).isEqualTo(sim.uaaUrl().toString());
        assertThat(links.has("cloud_controller_v2")).isFalse();
        assertThat(http.getJson("/v3/info", null).get("rate_limits").has("enabled"))
                .isTrue();
    }

    @Test
    void includesDomainsOfRoutes() {
        Application shop = foundation.application("shop-org", "production", "shop");
        Application worker = foundation.application("internal-worker");
        JsonNode page =
                http.getJson("/v3/routes?app_guids=" + shop.id() + "," + worker.id() + "&include=domain", token);
        assertThat(page.get("resources")).hasSize(2);
        JsonNode shopRoute = page.get("resources").get(0);
        assertThat(shopRoute.get("host").asText()).isEqualTo("shop");
        assertThat(shopRoute.get("path").asText()).isEmpty();
        assertThat(shopRoute.get("url").asText()).isEqualTo("shop.apps.example.com");
        assertThat(shopRoute.get("destinations").get(0).get("app").get("guid").asText())
                .isEqualTo(shop.id());
        assertThat(shopRoute.get("destinations").get(0).get("port").asInt()).isEqualTo(8080);
        JsonNode domains = page.get("included").get("domains");
        assertThat(domains).hasSize(2);
        assertThat(domains.get(0).get("name").asText()).isEqualTo("apps.example.com");
        assertThat(domains.get(0).get("internal").asBoolean()).isFalse();
        assertThat(domains.get(1).get("name").asText()).isEqualTo("apps.internal");
        assertThat(domains.get(1).get("internal").asBoolean()).isTrue();
        String domainId = shopRoute
                .get("relationships")
                .get("domain")
                .get("data")
                .get("guid")
                .asText();
        assertThat(domainId).isEqualTo(domains.get(0).get("guid").asText());
    }

    @Test
    void includesSpacesAndOrganizationsOfApps() {
        JsonNode page = http.getJson("/v3/apps?names=shop&include=space.organization", token);
        JsonNode included = page.get("included");
        assertThat(names(included.get("spaces"))).containsExactly("production", "dev");
        assertThat(names(included.get("organizations"))).containsExactly("shop-org", "other-org");
        JsonNode spaces = http.getJson("/v3/spaces?include=organization", token);
        assertThat(names(spaces.get("included").get("organizations"))).containsExactly("shop-org", "other-org");
        assertThat(http.getJson("/v3/apps?names=shop", token).has("included")).isFalse();
    }

    @Test
    void leavesOutWhatTheUserMayNotSee() {
        assertThat(names(http.getJson("/v3/spaces", token).get("resources"))).containsExactly("production", "dev");
        assertThat(http.getJson("/v3/apps?names=secret", token).get("resources"))
                .isEmpty();
        Application secret = foundation.application("secret");
        HttpResponse<String> response = http.get("/v3/apps/" + secret.id(), token);
        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode error = SimHttp.json(response).get("errors").get(0);
        assertThat(error.get("title").asText()).isEqualTo("CF-ResourceNotFound");
        assertThat(error.get("code").asInt()).isEqualTo(10010);
        assertThat(error.get("detail").asText()).isEqualTo("App not found");
        assertThat(http.get("/v3/processes/" + secret.processId() + "/stats", token)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void answersSingleResourcesByGuid() {
        Application shop = foundation.application("shop-org", "production", "shop");
        JsonNode app = http.getJson("/v3/apps/" + shop.id(), token);
        assertThat(app.get("name").asText()).isEqualTo("shop");
        assertThat(app.get("state").asText()).isEqualTo("STARTED");
        JsonNode process = http.getJson("/v3/processes/" + shop.processId(), token);
        assertThat(process.get("command").asText()).isNotEqualTo("[PRIVATE DATA HIDDEN IN LISTS]");
        assertThat(http.get("/v3/apps/00000000-0000-0000-0000-000000000000", token)
                        .statusCode())
                .isEqualTo(404);
        HttpResponse<String> unknown = http.get("/v3/service_instances", token);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("CF-NotFound");
    }

    @Test
    void reportsInstanceStatesByIndex() {
        Application shop = foundation.application("shop-org", "production", "shop");
        JsonNode stats = http.getJson("/v3/processes/" + shop.processId() + "/stats", token);
        assertThat(stats.has("pagination")).isFalse();
        List<String> states = new ArrayList<>();
        stats.get("resources")
                .forEach(i ->
                        states.add(i.get("index").asInt() + ":" + i.get("state").asText()));
        assertThat(states).containsExactly("0:RUNNING", "1:RUNNING", "2:CRASHED");
        assertThat(stats.get("resources").get(0).get("routable").asBoolean()).isTrue();
        assertThat(stats.get("resources").get(2).get("routable").asBoolean()).isFalse();
    }

    @Test
    void reportsEveryInstanceOfAStoppedAppDown() {
        Application billing = foundation.application("billing");
        JsonNode app = http.getJson("/v3/apps/" + billing.id(), token);
        assertThat(app.get("state").asText()).isEqualTo("STOPPED");
        JsonNode instance = http.getJson("/v3/processes/" + billing.processId() + "/stats", token)
                .get("resources")
                .get(0);
        assertThat(instance.get("state").asText()).isEqualTo("DOWN");
        assertThat(instance.get("routable").isNull()).isTrue();
        assertThat(instance.has("host")).isFalse();
    }

    @Test
    void exposesLabelsAndAnnotations() {
        JsonNode app =
                http.getJson("/v3/apps?names=annotated", token).get("resources").get(0);
        assertThat(app.get("metadata")
                        .get("annotations")
                        .get("prometheus.io/scrape")
                        .asText())
                .isEqualTo("true");
        assertThat(app.get("metadata")
                        .get("annotations")
                        .get("prometheus.io/path")
                        .asText())
                .isEqualTo("/actuator/prometheus");
        assertThat(app.get("metadata").get("labels").size()).isZero();
    }

    private static List<String> names(JsonNode resources) {
        List<String> names = new ArrayList<>();
        resources.forEach(r -> names.add(r.get("name").asText()));
        return names;
    }
}
