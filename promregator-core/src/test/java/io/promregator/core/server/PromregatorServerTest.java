package io.promregator.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.Promregator;
import io.promregator.core.Target;
import io.promregator.core.TestBuilder;
import io.promregator.core.exposition.Exposition;
import io.promregator.core.exposition.ExpositionFormat;
import io.promregator.core.exposition.ExpositionParser;
import io.promregator.core.exposition.Labels;
import io.promregator.core.exposition.MetricFamily;
import io.promregator.core.exposition.Sample;
import io.promregator.core.scrape.ScrapeSettings;
import io.promregator.core.target.StaticTargetResolver;
import io.promregator.core.testing.TestEndpoints;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The aggregator over real loopback HTTP, with good, failing, slow and garbage targets behind it. */
class PromregatorServerTest {
    static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,"
            + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
    private static final String APP_GUID = "5a1f0c2e-0000-4000-8000-000000000001";

    private final TestEndpoints endpoints = new TestEndpoints();
    private final HttpClient client = HttpClient.newHttpClient();
    private Promregator promregator;

    @BeforeEach
    void start() {
        URI openMetrics =
                endpoints.serve("/om", TestEndpoints.body("application/openmetrics-text; version=1.0.0", """
                # TYPE orders counter
                # HELP orders Orders placed.
                orders_total{app_name="shop-frontend"} 17
                orders_created{app_name="shop-frontend"} 1.7e9
                # EOF
                """));
        URI text = endpoints.serve("/text", TestEndpoints.body("text/plain; version=0.0.4", """
                # HELP orders_total Orders placed.
                # TYPE orders_total counter
                orders_total{app_name="shop-backend"} 4
                # HELP queue_length Orders waiting.
                # TYPE queue_length gauge
                queue_length 3
                """));
        URI failing = endpoints.serve("/failing", TestEndpoints.status(500, "boom"));
        URI garbage =
                endpoints.serve("/garbage", TestEndpoints.body("text/plain", "<html><body>Sign in</body></html>"));
        URI slow = endpoints.serve("/slow", exchange -> {
            try {
                Thread.sleep(6000); // far past the 2 s budget, which a loaded CI machine still keeps for the others
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            TestEndpoints.body("text/plain", "late 1\n").respond(exchange);
        });
        List<Target> targets = List.of(
                target(openMetrics, 0), target(text, 1), target(failing, 2), target(garbage, 3), target(slow, 4));
        promregator = TestBuilder.create()
                .targetResolver(new StaticTargetResolver(targets))
                .scrapeSettings(ScrapeSettings.defaults()
                        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(2000)))
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

    private HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + promregator.port() + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static double up(Exposition exposition, int index) {
        return exposition.families().stream()
                .filter(f -> f.name().equals("promregator_up"))
                .flatMap(f -> f.samples().stream())
                .filter(s -> String.valueOf(index).equals(s.labels().get("cf_instance_number")))
                .mapToDouble(Sample::value)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void metricsMergesEnrichedTargetsAndMarksEveryFailureAsDown() throws Exception {
        HttpResponse<byte[]> response = get("/metrics", "Accept", PROMETHEUS_ACCEPT);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains(ExpositionFormat.OPENMETRICS.contentType());
        Exposition merged = ExpositionParser.parse(response.body(), ExpositionFormat.OPENMETRICS);
        assertThat(up(merged, 0)).isEqualTo(1);
        assertThat(up(merged, 1)).isEqualTo(1);
        assertThat(up(merged, 2)).as("HTTP 500").isZero();
        assertThat(up(merged, 3)).as("garbage").isZero();
        assertThat(up(merged, 4)).as("slow").isZero();
        MetricFamily orders = merged.families().stream()
                .filter(f -> f.name().equals("orders"))
                .findFirst()
                .orElseThrow();
        assertThat(orders.help()).isEqualTo("Orders placed.");
        assertThat(orders.samples())
                .extracting(Sample::name)
                .containsExactly("orders_total", "orders_created", "orders_total");
        Labels first = orders.samples().get(0).labels();
        assertThat(first.get("exported_app_name")).isEqualTo("shop-frontend");
        assertThat(first.get("app_name")).isEqualTo("shop");
        assertThat(first.get("cf_instance_id")).isEqualTo(APP_GUID + ":0");
        assertThat(orders.samples().get(2).labels().get("exported_app_name")).isEqualTo("shop-backend");
        assertThat(text(response)).doesNotContain("late");
    }

    @Test
    void metricsInTextFormatWhenAskedFor() throws Exception {
        HttpResponse<byte[]> response = get("/metrics", "Accept", "text/plain;version=0.0.4");

        assertThat(response.headers().firstValue("Content-Type"))
                .contains(ExpositionFormat.PROMETHEUS_TEXT.contentType());
        assertThat(ExpositionParser.parse(response.body(), ExpositionFormat.PROMETHEUS_TEXT)
                        .sampleCount())
                .isEqualTo(17);
        assertThat(text(response))
                .contains(
                        "# TYPE orders_total counter",
                        "# TYPE orders_created gauge",
                        "queue_length{org_name=\"org\",space_name=\"space\",app_name=\"shop\"");
    }

    @Test
    void metricsAreGzippedWhenTheClientAcceptsIt() throws Exception {
        HttpResponse<byte[]> response = get("/metrics", "Accept-Encoding", "gzip");

        assertThat(response.headers().firstValue("Content-Encoding")).contains("gzip");
        byte[] body;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            body = in.readAllBytes();
        }
        assertThat(ExpositionParser.parse(body, ExpositionFormat.PROMETHEUS_TEXT)
                        .sampleCount())
                .isGreaterThan(10);
    }

    @Test
    void ownMetricsAnswerInBothFormatsAndCountFailures() throws Exception {
        get("/metrics");

        HttpResponse<byte[]> text = get("/promregatorMetrics", "Accept", "text/plain");
        HttpResponse<byte[]> openMetrics = get("/promregatorMetrics", "Accept", PROMETHEUS_ACCEPT);

        assertThat(text.statusCode()).isEqualTo(200);
        assertThat(text.headers().firstValue("Content-Type")).contains(ExpositionFormat.PROMETHEUS_TEXT.contentType());
        assertThat(openMetrics.headers().firstValue("Content-Type"))
                .contains(ExpositionFormat.OPENMETRICS.contentType());
        assertThat(text(openMetrics)).endsWith("# EOF\n");
        Exposition own = ExpositionParser.parse(text.body(), ExpositionFormat.PROMETHEUS_TEXT);
        double failures = own.families().stream()
                .filter(f -> f.name().equals("promregator_request_failure"))
                .flatMap(f -> f.samples().stream())
                .filter(s -> s.name().equals("promregator_request_failure_total"))
                .mapToDouble(Sample::value)
                .sum();
        assertThat(failures).isEqualTo(3);
    }

    @Test
    void healthEndpointsUnknownPathsMethodsAndLoops() throws Exception {
        assertThat(get("/-/healthy").statusCode()).isEqualTo(200);
        assertThat(get("/-/ready").statusCode()).isEqualTo(200);
        assertThat(get("/metricsx").statusCode()).isEqualTo(404);
        assertThat(get("/nothing").statusCode()).isEqualTo(404);
        HttpResponse<String> post = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + promregator.port() + "/metrics"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        HttpResponse<byte[]> loop = get("/metrics", "X-Promregator-Instance", promregator.instanceId());
        assertThat(loop.statusCode()).isEqualTo(508);
        assertThat(text(loop)).contains("Loop detected");
    }
}
