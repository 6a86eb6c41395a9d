package io.promregator.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.Promregator;
import io.promregator.core.Target;
import io.promregator.core.TestBuilder;
import io.promregator.core.exposition.Exposition;
import io.promregator.core.exposition.ExpositionFormat;
import io.promregator.core.exposition.ExpositionParser;
import io.promregator.core.exposition.MetricFamily;
import io.promregator.core.exposition.MetricType;
import io.promregator.core.exposition.Sample;
import io.promregator.core.target.StaticTargetResolver;
import io.promregator.core.testing.TestEndpoints;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} with two targets exposing the same histogram: one read from 0.0.4 with a negative bucket
 * count (accepted on purpose), one valid OpenMetrics with exemplars.
 */
class OpenMetricsDroppedSeriesTest {
    private static final String APP_GUID = "5a1f0c2e-0000-4000-8000-000000000002";

    private final TestEndpoints endpoints = new TestEndpoints();
    private final HttpClient client = HttpClient.newHttpClient();
    private Promregator promregator;

    @BeforeEach
    void start() {
        URI broken = endpoints.serve("/broken", TestEndpoints.body("text/plain; version=0.0.4", """
                # TYPE rpc_seconds histogram
                rpc_seconds_bucket{le="0.1"} -1
                rpc_seconds_bucket{le="+Inf"} 2
                rpc_seconds_count 2
                rpc_seconds_sum 0.3
                """));
        URI healthy =
                endpoints.serve("/healthy", TestEndpoints.body("application/openmetrics-text; version=1.0.0", """
                # TYPE rpc_seconds histogram
                rpc_seconds_bucket{le="0.1"} 1 # {trace_id="abc"} 0.05
                rpc_seconds_bucket{le="+Inf"} 3 # {trace_id="def"} 0.7
                rpc_seconds_count 3
                rpc_seconds_sum 1.2
                # EOF
                """));
        promregator = TestBuilder.create()
                .targetResolver(new StaticTargetResolver(List.of(target(broken, 0), target(healthy, 1))))
                .server(ServerSettings.defaults().withAddress("127.0.0.1").withPort(0))
                .build()
                .start();
    }

    private static Target target(URI url, int index) {
        return new Target(
                APP_GUID + ":" + index, url, Target.cfLabels("org", "space", "shop", APP_GUID, index), Map.of());
    }

    @AfterEach
    void stop() {
        promregator.close();
        endpoints.close();
    }

    private HttpResponse<byte[]> get(String path, String accept) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + promregator.port() + path))
                .header("Accept", accept)
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static MetricFamily rpc(Exposition exposition) {
        return exposition.families().stream()
                .filter(f -> f.name().equals("rpc_seconds"))
                .findFirst()
                .orElseThrow();
    }

    private double dropped() throws Exception {
        Exposition own = ExpositionParser.parse(
                get("/promregatorMetrics", "text/plain").body(), ExpositionFormat.PROMETHEUS_TEXT);
        return own.families().stream()
                .flatMap(f -> f.samples().stream())
                .filter(s -> s.name().equals("promregator_openmetrics_dropped_series_total"))
                .filter(s -> "invalid_histogram".equals(s.labels().get("reason")))
                .mapToDouble(Sample::value)
                .sum();
    }

    @Test
    void openMetricsKeepsTheHealthyTargetsHistogramWithExemplarsAndCountsWhatItDrops() throws Exception {
        HttpResponse<byte[]> response = get("/metrics", PromregatorServerTest.PROMETHEUS_ACCEPT);

        MetricFamily rpc = rpc(ExpositionParser.parse(response.body(), ExpositionFormat.OPENMETRICS)); // strict
        assertThat(rpc.type()).isEqualTo(MetricType.HISTOGRAM);
        assertThat(rpc.samples())
                .hasSize(4)
                .allSatisfy(sample ->
                        assertThat(sample.labels().get("cf_instance_number")).isEqualTo("1"));
        assertThat(rpc.samples().stream().filter(s -> s.exemplar().isPresent())).hasSize(2);
        assertThat(dropped()).isEqualTo(4);
    }

    @Test
    void text0_0_4KeepsBothTargetsAndDropsNothing() throws Exception {
        HttpResponse<byte[]> response = get("/metrics", "text/plain;version=0.0.4");

        MetricFamily rpc = rpc(ExpositionParser.parse(response.body(), ExpositionFormat.PROMETHEUS_TEXT));
        assertThat(rpc.type()).isEqualTo(MetricType.HISTOGRAM);
        assertThat(rpc.samples()).hasSize(8);
        assertThat(dropped()).isZero();
    }
}
