package io.promregator.core.cf;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.Promregator;
import io.promregator.core.testing.Promtool;
import io.promregator.simulator.CfSimulator;
import io.promregator.simulator.Foundation;
import java.net.http.HttpClient;
import org.junit.jupiter.api.Test;

/**
 * The whole of {@code /promregatorMetrics} in text 0.0.4, with every own-metrics option on and series in
 * every family, through the real {@code promtool check metrics}: no parse error, no lint finding.
 */
class OwnMetricsPromtoolIT {

    @Test
    void ownMetricsPassPromtoolCleanly() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        try (CfSimulator simulator = CfSimulator.builder()
                        .user("promregator", "secret")
                        .foundation(Foundation.demo())
                        .start();
                Promregator promregator = CfOwnMetricsTest.start(simulator)) {
            CfOwnMetricsTest.get(client, promregator, "/metrics");
            String own = CfOwnMetricsTest.get(client, promregator, "/promregatorMetrics");

            Promtool.Result result = Promtool.checkMetrics(own);

            assertThat(own)
                    .contains(
                            "promregator_request_failure_total{",
                            "promregator_request_latency_seconds_bucket{",
                            "promregator_cffetch_latency_seconds_bucket{",
                            "promregator_cache_requests_total{",
                            "promregator_jvm_gc_collection_seconds_sum{",
                            "promregator_process_cpu_seconds_total ");
            assertThat(result.parseErrors()).isEmpty();
            assertThat(result.lintProblems()).isEmpty();
            assertThat(result.exitCode()).isZero();
        }
    }
}
