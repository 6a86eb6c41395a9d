package io.promregator.core.cf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.promregator.core.Promregator;
import io.promregator.core.TestBuilder;
import io.promregator.core.config.ConfigLoader;
import io.promregator.core.exposition.ExpositionFormat;
import io.promregator.core.exposition.ExpositionParser;
import io.promregator.simulator.CfSimulator;
import io.promregator.simulator.Foundation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** /discovery and /singleTargetMetrics against the simulated foundation over real HTTP. */
class SingleTargetEndpointsTest {
    private final CfSimulator simulator = CfSimulator.builder()
            .user("promregator", "secret")
            .foundation(Foundation.demo())
            .start();
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<Promregator> started = new ArrayList<>();
    private final String shopId = simulator
            .live()
            .current()
            .application("demo-org", "production", "shop")
            .id();

    @AfterEach
    void stop() {
        started.forEach(Promregator::close);
        simulator.close();
    }

    private Promregator start(String extra) {
        return start(extra, "");
    }

    private Promregator start(String extra, String scraping) {
        Promregator promregator = TestBuilder.create()
                .config(ConfigLoader.load(
                        """
                        cf:
                          api_host: %s
                          username: promregator
                          password: secret
                        promregator:
                          scraping:
                            proxy: {host: 127.0.0.1, port: %d}
                        %s
                          targets:
                            - orgName: demo-org
                              spaceName: production
                              applicationRegex: (shop|legacy)
                              protocol: http
                        %s
                        server:
                          address: 127.0.0.1
                          port: 0
                        """.formatted(
                                simulator.apiUrl(), simulator.gorouterProxy().getPort(), scraping, extra),
                        Map.of()))
                .build()
                .start();
        started.add(promregator);
        return promregator;
    }

    private HttpResponse<String> get(Promregator promregator, String path, String accept) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + promregator.port() + path))
                        .header("Accept", accept)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void discoveryListsEveryInstanceInTheOriginalsShapeForHttpSd() throws Exception {
        Promregator promregator = start("");

        HttpResponse<String> response = get(promregator, "/discovery", "application/json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        JsonNode entries = new ObjectMapper().readTree(response.body());
        assertThat(entries).hasSize(5); // shop x3, legacy, own metrics
        JsonNode second = entries.get(2); // legacy/0, shop/0, shop/1, ...
        assertThat(second.get("targets").get(0).asText()).isEqualTo("127.0.0.1:" + promregator.port());
        assertThat(second.get("labels").toString())
                .isEqualTo("{\"__meta_promregator_target_orgName\":\"demo-org\","
                        + "\"__meta_promregator_target_spaceName\":\"production\","
                        + "\"__meta_promregator_target_applicationName\":\"shop\","
                        + "\"__meta_promregator_target_applicationId\":\"" + shopId + "\","
                        + "\"__meta_promregator_target_instanceNumber\":\"1\","
                        + "\"__meta_promregator_target_instanceId\":\"" + shopId + ":1\","
                        + "\"__meta_promregator_target_path\":\"/singleTargetMetrics/" + shopId + "/1\","
                        + "\"__metrics_path__\":\"/singleTargetMetrics/" + shopId + "/1\"}");
        assertThat(entries.get(4).get("labels").toString())
                .isEqualTo("{\"__meta_promregator_target_path\":\"/promregatorMetrics\","
                        + "\"__metrics_path__\":\"/promregatorMetrics\"}");
        assertThat(response.body()).doesNotContain("null");
    }

    @Test
    void configuredHostPortAndSchemeMakeEveryInstanceAnswerTheSameBytes() throws Exception {
        String discovery = """
                  discovery:
                    hostname: promregator.apps.example.com
                    port: 443
                    ownMetricsEndpoint: false
                """;
        Promregator first = start(discovery);
        Promregator second = start(discovery);

        String a = get(first, "/discovery", "*/*").body();
        String b = get(second, "/discovery", "*/*").body();

        assertThat(a).isEqualTo(b);
        JsonNode entries = new ObjectMapper().readTree(a);
        assertThat(entries).hasSize(4);
        assertThat(entries.get(0).get("targets").get(0).asText()).isEqualTo("promregator.apps.example.com:443");
        assertThat(entries.get(0).get("labels").get("__scheme__").asText()).isEqualTo("https");
    }

    @Test
    void singleTargetMetricsScrapesThatInstanceEnrichedInTheAskedFormat() throws Exception {
        Promregator promregator = start("");

        HttpResponse<String> openMetrics = get(
                promregator,
                "/singleTargetMetrics/" + shopId + "/1",
                "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5");
        HttpResponse<String> text = get(promregator, "/singleTargetMetrics/" + shopId + "/1", "text/plain");

        assertThat(openMetrics.statusCode()).isEqualTo(200);
        assertThat(openMetrics.headers().firstValue("Content-Type"))
                .contains(ExpositionFormat.OPENMETRICS.contentType());
        assertThat(ExpositionParser.parse(openMetrics.body(), ExpositionFormat.OPENMETRICS)
                        .sampleCount())
                .isPositive();
        assertThat(text.headers().firstValue("Content-Type")).contains(ExpositionFormat.PROMETHEUS_TEXT.contentType());
        assertThat(text.body())
                .contains(
                        "promregator_up{org_name=\"demo-org\",space_name=\"production\",app_name=\"shop\",cf_instance_id=\""
                                + shopId + ":1\",cf_instance_number=\"1\"} 1")
                .contains("cf_instance_id=\"" + shopId + ":1\"")
                .doesNotContain(shopId + ":0\"");
        assertThat(simulator.gorouterRequests())
                .allSatisfy(r -> assertThat(r.header("x-cf-app-instance")).contains(shopId + ":1"));
    }

    @Test
    void withoutEnrichmentTheBodyIsTheInstancesOwnPlusUnlabelledUp() throws Exception {
        Promregator promregator = start("", "    labelEnrichment: false");

        String text = get(promregator, "/singleTargetMetrics/" + shopId + "/0", "text/plain")
                .body();

        assertThat(text).contains("\npromregator_up 1\n").doesNotContain("org_name=");
    }

    @Test
    void malformedRequestsAre400AndUnknownInstances404() throws Exception {
        Promregator promregator = start("");

        assertThat(get(promregator, "/singleTargetMetrics/NOT-A-GUID/0", "*/*").statusCode())
                .isEqualTo(400);
        assertThat(get(promregator, "/singleTargetMetrics/" + shopId + "/x", "*/*")
                        .body())
                .isEqualTo("Invalid instance index \"x\": the path is /singleTargetMetrics/<appGuid>/<instanceIndex>,"
                        + " with the index a number such as 0\n");
        HttpResponse<String> unknown = get(promregator, "/singleTargetMetrics/" + shopId + "/7", "*/*");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("not in the current discovery", "/explainTargets");
    }

    @Test
    void aMissingInstanceIndexIsNamedWithThePathsShape() throws Exception {
        Promregator promregator = start("");

        for (String path : List.of("/singleTargetMetrics/" + shopId, "/singleTargetMetrics/" + shopId + "/")) {
            HttpResponse<String> response = get(promregator, path, "*/*");

            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.body())
                    .as(path)
                    .isEqualTo("Missing instance index: the path is /singleTargetMetrics/<appGuid>/<instanceIndex>,"
                            + " e.g. /singleTargetMetrics/" + shopId + "/0\n");
        }
        assertThat(get(promregator, "/singleTargetMetrics/NOT-A-GUID/0", "*/*").body())
                .startsWith("Invalid application guid \"NOT-A-GUID\": the path is "
                        + "/singleTargetMetrics/<appGuid>/<instanceIndex>");
    }

    @Test
    void failedInstanceAnswers200WithUpZeroByDefault() throws Exception {
        Promregator promregator = start("");

        HttpResponse<String> crashed = get(promregator, "/singleTargetMetrics/" + shopId + "/2", "text/plain");

        assertThat(crashed.statusCode()).isEqualTo(200);
        assertThat(crashed.body())
                .contains("promregator_up{org_name=\"demo-org\"", "} 0\n")
                .contains("promregator_scrape_failure{reason=\"instance_not_running\"");
    }

    @Test
    void httpErrorOnFailureAnswers502WithTheReason() throws Exception {
        Promregator promregator = start("""
                  endpoint:
                    httpErrorOnFailure: true
                """);

        HttpResponse<String> crashed = get(promregator, "/singleTargetMetrics/" + shopId + "/2", "text/plain");

        assertThat(crashed.statusCode()).isEqualTo(502);
        assertThat(crashed.body()).isEqualTo("Scraping " + shopId + ":2 failed: HTTP 400 (unknown_route)\n");
    }
}
