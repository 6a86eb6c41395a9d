package io.promregator.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CloudControllerListTest {
    private static CfSimulator sim;
    private static SimHttp http;
    private static String token;

    @BeforeAll
    static void start() {
        sim = TestFoundations.start(TestFoundations.small());
        http = new SimHttp(sim);
        token = http.token(TestFoundations.USER, TestFoundations.PASSWORD);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void followsNextLinksToTheLastPage() {
        List<String> names = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String next = "/v3/apps?per_page=2";
        JsonNode page = null;
        while (next != null) {
            page = http.getJson(next, token);
            page.get("resources").forEach(app -> names.add(app.get("name").asText()));
            pageSizes.add(page.get("resources").size());
            JsonNode link = page.get("pagination").get("next");
            next = link.isNull() ? null : link.get("href").asText();
            assertThat(next == null || next.startsWith(sim.apiUrl() + "/v3/apps?"))
                    .isTrue();
        }
        assertThat(names).containsExactly("shop", "billing", "internal-worker", "annotated", "tool", "Shop");
        assertThat(pageSizes).containsExactly(2, 2, 2);
        JsonNode pagination = page.get("pagination");
        assertThat(pagination.get("total_results").asInt()).isEqualTo(6);
        assertThat(pagination.get("total_pages").asInt()).isEqualTo(3);
        assertThat(query(pagination.get("first").get("href").asText())).isEqualTo(Map.of("page", "1", "per_page", "2"));
        assertThat(query(pagination.get("previous").get("href").asText())).containsEntry("page", "2");
    }

    @Test
    void nextLinkCarriesEveryFilter() {
        String orgId = sim.live().current().organization("shop-org").id();
        JsonNode page = http.getJson(
                "/v3/apps?organization_guids=" + orgId + "&names=shop,billing,annotated&per_page=1", token);
        String next = page.get("pagination").get("next").get("href").asText();
        assertThat(URI.create(next).getRawQuery()).contains("names=shop%2Cbilling%2Cannotated");
        assertThat(query(next))
                .isEqualTo(Map.of(
                        "organization_guids", orgId, "names", "shop,billing,annotated", "page", "2", "per_page", "1"));
        assertThat(page.get("pagination").get("total_pages").asInt()).isEqualTo(3);
        JsonNode second = http.getJson(next, token);
        assertThat(second.get("resources").get(0).get("name").asText()).isEqualTo("billing");
    }

    @Test
    void answersAnEmptyResultWithOnePage() {
        JsonNode page = http.getJson("/v3/apps?names=nothing-like-this", token);
        assertThat(page.get("resources")).isEmpty();
        assertThat(page.get("pagination").get("total_results").asInt()).isZero();
        assertThat(page.get("pagination").get("total_pages").asInt()).isEqualTo(1);
        assertThat(page.get("pagination").get("next").isNull()).isTrue();
        assertThat(query(page.get("pagination").get("last").get("href").asText()))
                .containsEntry("page", "1");
    }

    @Test
    void defaultsToFiftyPerPage() {
        JsonNode page = http.getJson("/v3/organizations", token);
        assertThat(query(page.get("pagination").get("first").get("href").asText()))
                .containsEntry("per_page", "50");
    }

    @Test
    void rejectsPerPageOutsideOneToFiveThousand() {
        for (String perPage : List.of("0", "5001", "abc", "-1")) {
            HttpResponse<String> response = http.get("/v3/apps?per_page=" + perPage, token);
            assertThat(response.statusCode()).as(perPage).isEqualTo(400);
            JsonNode error = SimHttp.json(response).get("errors").get(0);
            assertThat(error.get("title").asText()).isEqualTo("CF-BadQueryParameter");
            assertThat(error.get("code").asInt()).isEqualTo(10005);
            assertThat(error.get("detail").asText())
                    .isEqualTo("The query parameter is invalid: Per page must be between 1 and 5000");
        }
        assertThat(http.get("/v3/apps?per_page=5000", token).statusCode()).isEqualTo(200);
    }

    @Test
    void rejectsNonPositivePage() {
        HttpResponse<String> response = http.get("/v3/spaces?page=0", token);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Page must be a positive integer");
    }

    @Test
    void rejectsUnknownQueryParameters() {
        HttpResponse<String> response = http.get("/v3/apps?state=STARTED&names=shop", token);
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = SimHttp.json(response).get("errors").get(0);
        assertThat(error.get("title").asText()).isEqualTo("CF-BadQueryParameter");
        assertThat(error.get("detail").asText())
                .startsWith(
                        "The query parameter is invalid: Unknown query parameter(s): 'state'. Valid parameters are: ")
                .contains("'space_guids'");
    }

    @Test
    void rejectsIncludesTheEndpointDoesNotHave() {
        HttpResponse<String> response = http.get("/v3/apps?include=domain", token);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Invalid included resource: 'domain'");
        assertThat(http.get("/v3/organizations?include=space", token).statusCode())
                .isEqualTo(400);
    }

    @Test
    void matchesNamesIgnoringCase() {
        JsonNode page = http.getJson("/v3/apps?names=SHOP", token);
        assertThat(names(page)).containsExactly("shop", "Shop");
        assertThat(names(http.getJson("/v3/organizations?names=Shop-Org", token)))
                .containsExactly("shop-org");
    }

    @Test
    void combinesFiltersWithAndAndValuesWithOr() {
        String otherOrg = sim.live().current().organization("other-org").id();
        JsonNode page = http.getJson("/v3/apps?names=shop,tool&organization_guids=" + otherOrg, token);
        assertThat(names(page)).containsExactly("tool", "Shop");
        String space =
                sim.live().current().organization("shop-org").spaces().get(0).id();
        assertThat(names(http.getJson("/v3/spaces?guids=" + space, token))).containsExactly("production");
    }

    @Test
    void ordersByNameWhenAsked() {
        JsonNode page = http.getJson("/v3/apps?order_by=-name&per_page=3", token);
        assertThat(names(page)).containsExactly("tool", "shop", "Shop");
        assertThat(http.get("/v3/processes?order_by=name", token).statusCode()).isEqualTo(400);
    }

    @Test
    void filtersProcessesByAppAndType() {
        Application shop = sim.live().current().application("shop-org", "production", "shop");
        JsonNode page = http.getJson("/v3/processes?app_guids=" + shop.id() + "&types=web", token);
        assertThat(page.get("resources")).hasSize(1);
        JsonNode process = page.get("resources").get(0);
        assertThat(process.get("guid").asText()).isEqualTo(shop.processId());
        assertThat(process.get("instances").asInt()).isEqualTo(3);
        assertThat(process.get("relationships")
                        .get("app")
                        .get("data")
                        .get("guid")
                        .asText())
                .isEqualTo(shop.id());
        assertThat(process.get("command").asText()).isEqualTo("[PRIVATE DATA HIDDEN IN LISTS]");
        assertThat(http.getJson("/v3/processes?types=worker", token).get("resources"))
                .isEmpty();
    }

    @Test
    void filtersRoutesAndDomains() {
        JsonNode routes = http.getJson("/v3/routes?hosts=shop", token);
        assertThat(routes.get("resources")).hasSize(1);
        assertThat(routes.get("resources").get(0).get("url").asText()).isEqualTo("shop.apps.example.com");
        JsonNode domains = http.getJson("/v3/domains?names=APPS.INTERNAL", token);
        assertThat(domains.get("resources")).hasSize(1);
        assertThat(domains.get("resources").get(0).get("internal").asBoolean()).isTrue();
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.get("resources").forEach(r -> names.add(r.get("name").asText()));
        return names;
    }

    private static Map<String, String> query(String href) {
        return QueryString.parse(URI.create(href).getRawQuery());
    }
}
