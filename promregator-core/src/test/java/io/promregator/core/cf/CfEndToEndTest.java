package io.promregator.core.cf;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.Promregator;
import io.promregator.core.TestBuilder;
import io.promregator.core.config.ConfigLoader;
import io.promregator.core.config.PromregatorConfig;
import io.promregator.core.exposition.Exposition;
import io.promregator.core.exposition.ExpositionFormat;
import io.promregator.core.exposition.ExpositionParser;
import io.promregator.core.exposition.MetricFamily;
import io.promregator.core.exposition.Sample;
import io.promregator.simulator.CfSimulator;
import io.promregator.simulator.Foundation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The aggregator against the simulated foundation over real HTTP: login, discovery through the Cloud
 * Controller, scraping every instance through the gorouter, and /metrics carrying the CF labels.
 */
class CfEndToEndTest {
    private final CfSimulator simulator = CfSimulator.builder()
            .user("promregator", "secret")
            .foundation(Foundation.demo())
            .start();
    private final HttpClient client = HttpClient.newHttpClient();
    private Promregator promregator;

    @AfterEach
    void stop() {
        if (promregator != null) {
            promregator.close();
        }
        simulator.close();
    }

    private void start(String targets) {
        PromregatorConfig config = ConfigLoader.load(
                """
                cf:
                  api_host: %s
                  username: promregator
                  password: secret
                  request:
                    backoff: 10
                promregator:
                  scraping:
                    proxy:
                      host: 127.0.0.1
                      port: %d
                  targets:
                %s
                server:
                  address: 127.0.0.1
                  port: 0
                """.formatted(simulator.apiUrl(), simulator.gorouterProxy().getPort(), targets.indent(4)), Map.of());
        promregator = TestBuilder.create().config(config).build().start();
    }

    private String get(String path) throws Exception {
        return client.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + promregator.port() + path))
                                .header("Accept", "text/plain")
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private Exposition metrics() throws Exception {
        return ExpositionParser.parse(get("/metrics"), ExpositionFormat.PROMETHEUS_TEXT);
    }

    /** {@code app/index -> value} of one family. */
    private static Map<String, Double> byInstance(Exposition exposition, String family) {
        Map<String, Double> values = new TreeMap<>();
        for (MetricFamily f : exposition.families()) {
            if (f.name().equals(family)) {
                for (Sample s : f.samples()) {
                    values.put(s.labels().get("app_name") + "/" + s.labels().get("cf_instance_number"), s.value());
                }
            }
        }
        return values;
    }

    @Test
    void discoversStartedAppsAndScrapesEveryInstanceThroughTheGorouter() throws Exception {
        start("""
                - orgName: demo-org
                  spaceName: production
                  protocol: http
                """);

        Exposition merged = metrics();

        assertThat(byInstance(merged, "promregator_up"))
                .containsExactlyEntriesOf(new TreeMap<>(Map.ofEntries(
                        Map.entry("annotated-api/0", 0.0), // serves /actuator/prometheus, not /metrics: found, but 404
                        Map.entry("annotated-api/1", 0.0),
                        Map.entry("billing/0", 1.0),
                        Map.entry("billing/1", 0.0), // STARTING
                        Map.entry("billing/2", 0.0), // DOWN
                        Map.entry("internal-worker/0", 1.0),
                        Map.entry("internal-worker/1", 1.0),
                        Map.entry("legacy/0", 1.0),
                        Map.entry("shop/0", 1.0),
                        Map.entry("shop/1", 1.0),
                        Map.entry("shop/2", 0.0)))); // CRASHED
        String text = get("/metrics");
        assertThat(text)
                .contains("promregator_scrape_failure{reason=\"instance_not_running\",org_name=\"demo-org\","
                        + "space_name=\"production\",app_name=\"shop\"");
        assertThat(text).contains("exported_app_name=\"legacy-monolith\"");
        String shopId = simulator
                .live()
                .current()
                .application("demo-org", "production", "shop")
                .id();
        assertThat(simulator.gorouterRequests())
                .anySatisfy(r -> assertThat(r.header("x-cf-app-instance")).contains(shopId + ":1"));
        assertThat(simulator.gorouterRequests())
                .filteredOn(r -> r.header("host").orElse("").contains("apps.internal"))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.header("x-cf-app-instance")).isEmpty());
    }

    @Test
    void explainsWhatEachTargetMatchedAndDropped() throws Exception {
        start("""
                - orgName: demo-org
                  spaceName: production
                  protocol: http
                - orgName: hidden-org
                - orgName: platform-org
                  spaceName: restricted
                """);

        String explanation = get("/explainTargets");

        assertThat(explanation)
                .contains(
                        "dropped: demo-org/production/reports: the app is STOPPED (only STARTED apps are scraped)",
                        "dropped: demo-org/production/batch: no http route is mapped to the app",
                        "no org matches orgName \"hidden-org\"",
                        "no space matches spaceName \"restricted\" in org platform-org (it does not exist, or user "
                                + "\"promregator\" has no role in it)",
                        "matched: demo-org/production/shop: 3 instances at http://shop.apps.example.com/metrics with "
                                + "X-CF-APP-INSTANCE");
    }

    @Test
    void annotationsChooseAppsAndTheirPath() throws Exception {
        start("""
                - orgName: demo-org
                  kubernetesAnnotations: true
                  protocol: http
                """);

        assertThat(byInstance(metrics(), "promregator_up"))
                .containsExactly(Map.entry("annotated-api/0", 1.0), Map.entry("annotated-api/1", 1.0));
    }

    @Test
    void fullDiscoveryTakesFewCloudControllerRequestsAndCachedOnesNone() throws Exception {
        start("""
                - orgRegex: .*
                  protocol: http
                """);
        metrics();
        long first = simulator.ccRequestCount();

        metrics();

        assertThat(first).isLessThanOrEqualTo(8);
        assertThat(simulator.ccRequestCount()).isEqualTo(first);
    }

    @Test
    void cloudControllerOutageKeepsTheTargetsAfterAnInvalidation() throws Exception {
        start("""
                - orgName: demo-org
                  spaceName: production
                  applicationName: shop
                  protocol: http
                """);
        assertThat(byInstance(metrics(), "promregator_up")).hasSize(3);

        simulator.knobs().outage(true);
        assertThat(get("/cache/invalidate?org=true&space=true&application=true&route=true&process=true&resolver=true"))
                .isEmpty();

        assertThat(byInstance(metrics(), "promregator_up")).hasSize(3);
    }

    @Test
    void invalidationPicksUpAScaledApp() throws Exception {
        start("""
                - orgName: demo-org
                  spaceName: production
                  applicationName: internal-worker
                """);
        assertThat(byInstance(metrics(), "promregator_up")).hasSize(2);

        simulator.live().scale("internal-worker", 4);
        get("/cache/invalidate?process=true");

        assertThat(byInstance(metrics(), "promregator_up")).hasSize(4);
    }

    @Test
    void expiredTokenInTheMiddleOfADiscoveryIsRenewedTransparently() throws Exception {
        start("""
                - orgName: demo-org
                  spaceName: production
                  applicationName: shop
                  protocol: http
                """);
        metrics();

        simulator.knobs().expireAccessTokens();
        get("/cache/invalidate?org=true&space=true&application=true&route=true&process=true");

        assertThat(byInstance(metrics(), "promregator_up")).hasSize(3);
        assertThat(get("/explainTargets")).doesNotContain("Cloud Controller error");
        assertThat(simulator.requests()).anySatisfy(r -> assertThat(r.status()).isEqualTo(401));
    }

    @Test
    void rateLimitedRequestsAreRetriedAfterRetryAfter() throws Exception {
        simulator.knobs().rateLimitNext(2, 0);

        start("""
                - orgName: demo-org
                  spaceName: staging
                  protocol: http
                """);

        assertThat(byInstance(metrics(), "promregator_up")).containsOnlyKeys("shop/0", "shop/1");
        assertThat(simulator.requests()).filteredOn(r -> r.status() == 429).hasSize(2);
    }
}
