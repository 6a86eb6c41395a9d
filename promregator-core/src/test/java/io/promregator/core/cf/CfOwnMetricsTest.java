package io.promregator.core.cf;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.Promregator;
import io.promregator.core.TestBuilder;
import io.promregator.core.config.ConfigLoader;
import io.promregator.core.config.PromregatorConfig;
import io.promregator.core.exposition.Exposition;
import io.promregator.core.exposition.ExpositionFormat;
import io.promregator.core.exposition.ExpositionParser;
import io.promregator.core.exposition.Sample;
import io.promregator.core.testing.Promtool;
import io.promregator.simulator.CfSimulator;
import io.promregator.simulator.Foundation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /promregatorMetrics} of an aggregator configured for the simulated foundation, with every own-metrics
 * option on: Cloud Controller latency and cache statistics come from the discovery that ran, the per-target
 * series carry the label name prefix. The promtool check of the whole output is {@code OwnMetricsPromtoolIT}.
 */
class CfOwnMetricsTest {
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

    /** Starts an aggregator on the simulator with internal metrics, latency and the prefix {@code own_}. */
    static Promregator start(CfSimulator simulator) {
        PromregatorConfig config = ConfigLoader.load(
                """
                cf:
                  api_host: %s
                  username: promregator
                  password: secret
                promregator:
                  metrics:
                    internal: true
                    requestLatency: true
                    labelNamePrefix: own_
                  discoverer:
                    timeout: 300
                  scraping:
                    proxy:
                      host: 127.0.0.1
                      port: %d
                  targets:
                    - orgName: demo-org
                      spaceName: production
                      protocol: http
                server:
                  address: 127.0.0.1
                  port: 0
                """.formatted(simulator.apiUrl(), simulator.gorouterProxy().getPort()), Map.of());
        assertThat(config.unimplementedKeys()).isEmpty();
        return TestBuilder.create().config(config).build().start();
    }

    static String get(HttpClient client, Promregator promregator, String path) throws Exception {
        return client.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + promregator.port() + path))
                                .header("Accept", "text/plain")
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static List<String> labelValues(Exposition exposition, String sampleName, String label) {
        return exposition.families().stream()
                .flatMap(f -> f.samples().stream())
                .filter(s -> s.name().equals(sampleName))
                .map(s -> s.labels().get(label))
                .distinct()
                .toList();
    }

    @Test
    void exposesCloudControllerLatencyCacheStatisticsAndPrefixedTargetSeries() throws Exception {
        promregator = start(simulator);
        get(client, promregator, "/metrics");

        Exposition own = ExpositionParser.parse(
                get(client, promregator, "/promregatorMetrics"), ExpositionFormat.PROMETHEUS_TEXT);

        assertThat(labelValues(own, "promregator_cffetch_latency_seconds_count", "request_type"))
                .contains("root", "token", "organizations", "spaces", "applications", "processes", "routes");
        assertThat(labelValues(own, "promregator_cache_size", "cache"))
                .containsExactlyInAnyOrder("org", "space", "application", "process", "route", "instances", "resolver");
        assertThat(own.families().stream()
                        .flatMap(f -> f.samples().stream())
                        .filter(s -> s.name().equals("promregator_cache_loads_total"))
                        .filter(s -> s.labels().get("cache").equals("resolver")
                                && s.labels().get("result").equals("success"))
                        .mapToDouble(Sample::value)
                        .sum())
                .isEqualTo(1);
        assertThat(labelValues(own, "promregator_request_latency_seconds_count", "own_app_name"))
                .contains("shop", "billing");
        assertThat(labelValues(own, "promregator_instance_info", "instance_id"))
                .containsExactly(promregator.instanceId());
    }

    @Test
    void theInternalMetricsAreOffByDefault() throws Exception {
        promregator = TestBuilder.create()
                .config(ConfigLoader.load("server: {address: 127.0.0.1, port: 0}", Map.of()))
                .build()
                .start();

        String own = get(client, promregator, "/promregatorMetrics");

        assertThat(own).doesNotContain("promregator_cffetch_", "promregator_cache_");
        assertThat(own).contains("promregator_jvm_memory_bytes_used", "promregator_instance_info");
        assertThat(Promtool.checkMetrics(own).parseErrors()).isEmpty();
    }
}
