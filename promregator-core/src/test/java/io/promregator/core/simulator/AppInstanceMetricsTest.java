package io.promregator.core.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.promregator.core.exposition.Exposition;
import io.promregator.core.exposition.ExpositionFormat;
import io.promregator.core.exposition.ExpositionParseException;
import io.promregator.core.exposition.ExpositionParser;
import io.promregator.core.exposition.MetricFamily;
import io.promregator.core.exposition.MetricType;
import io.promregator.core.exposition.Sample;
import io.promregator.simulator.AppInstanceMetrics;
import io.promregator.simulator.Application;
import io.promregator.simulator.CfSimulator;
import io.promregator.simulator.Foundation;
import io.promregator.simulator.TestFoundations;
import java.io.ByteArrayInputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class AppInstanceMetricsTest {
    private static final Foundation FOUNDATION = Foundation.builder()
            .org(
                    "org",
                    org -> org.space(
                            "space",
                            space -> space.app(
                                            "om",
                                            app -> app.instances(2)
                                                    .openMetrics()
                                                    .route("om.apps.example.com"))
                                    .app("text", app -> app.instances(1).appNameLabel("own-name"))))
            .build();

    @Test
    void writesTextThatParsesWithCountersHistogramAndGauges() throws Exception {
        Exposition exposition = parse(FOUNDATION.application("text"), 0, false, 120);
        assertThat(exposition.families())
                .extracting(MetricFamily::name, MetricFamily::type)
                .containsExactly(
                        tuple("http_server_requests", MetricType.COUNTER),
                        tuple("http_server_request_duration_seconds", MetricType.HISTOGRAM),
                        tuple("jvm_memory_used_bytes", MetricType.GAUGE),
                        tuple("process_uptime_seconds", MetricType.GAUGE));
        assertThat(exposition.families().get(0).samples())
                .allSatisfy(s -> assertThat(s.labels().get("app_name")).isEqualTo("own-name"));
    }

    @Test
    void writesOpenMetricsWithAnExemplar() throws Exception {
        Exposition exposition = parse(FOUNDATION.application("om"), 1, true, 60);
        MetricFamily histogram = exposition.families().get(1);
        assertThat(histogram.unit()).isEqualTo("seconds");
        assertThat(histogram.samples()).anySatisfy(s -> assertThat(s.exemplar()).isPresent());
        assertThat(exposition.families().get(0).samples().get(0).labels().get("app_name"))
                .isNull();
    }

    @Test
    void keepsHistogramBucketsCumulative() throws Exception {
        MetricFamily histogram =
                parse(FOUNDATION.application("om"), 0, false, 3600).families().get(1);
        List<Sample> buckets = histogram.samples().stream()
                .filter(s -> s.name().endsWith("_bucket"))
                .toList();
        for (int i = 1; i < buckets.size(); i++) {
            assertThat(buckets.get(i).value())
                    .isGreaterThanOrEqualTo(buckets.get(i - 1).value());
        }
        double count = value(histogram, "http_server_request_duration_seconds_count");
        assertThat(buckets.get(buckets.size() - 1).labels().get("le")).isEqualTo("+Inf");
        assertThat(buckets.get(buckets.size() - 1).value()).isEqualTo(count);
    }

    @Test
    void growsCountersWithTimeAndDiffersPerInstance() throws Exception {
        Application app = FOUNDATION.application("om");
        double early = value(parse(app, 0, false, 10).families().get(0), "http_server_requests_total");
        double late = value(parse(app, 0, false, 600).families().get(0), "http_server_requests_total");
        double otherInstance = value(parse(app, 1, false, 600).families().get(0), "http_server_requests_total");
        assertThat(late).isGreaterThan(early);
        assertThat(otherInstance).isNotEqualTo(late);
    }

    @Test
    void negotiatesOpenMetricsAndGzipThroughTheGorouter() throws Exception {
        try (CfSimulator sim = TestFoundations.start(FOUNDATION)) {
            HttpClient client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .proxy(ProxySelector.of(sim.gorouterProxy()))
                    .build();
            URI url = URI.create("http://om.apps.example.com/metrics");
            HttpResponse<byte[]> openMetrics = client.send(
                    HttpRequest.newBuilder(url)
                            .header("Accept", "application/openmetrics-text;version=1.0.0,text/plain;q=0.5")
                            .header("Accept-Encoding", "gzip")
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(openMetrics.headers().firstValue("Content-Type"))
                    .hasValue(ExpositionFormat.OPENMETRICS.contentType());
            assertThat(openMetrics.headers().firstValue("Content-Encoding")).hasValue("gzip");
            byte[] body = new GZIPInputStream(new ByteArrayInputStream(openMetrics.body())).readAllBytes();
            assertThat(ExpositionParser.parse(body, ExpositionFormat.OPENMETRICS)
                            .families())
                    .hasSize(4);
            HttpResponse<String> text =
                    client.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(text.headers().firstValue("Content-Type"))
                    .hasValue(ExpositionFormat.PROMETHEUS_TEXT.contentType());
        }
    }

    private static Exposition parse(Application app, int index, boolean openMetrics, double seconds)
            throws ExpositionParseException {
        AppInstanceMetrics metrics = new AppInstanceMetrics(app, index, openMetrics, seconds);
        ExpositionFormat format = openMetrics ? ExpositionFormat.OPENMETRICS : ExpositionFormat.PROMETHEUS_TEXT;
        assertThat(metrics.contentType()).isEqualTo(format.contentType());
        return ExpositionParser.parse(metrics.body(), format);
    }

    private static double value(MetricFamily family, String sampleName) {
        return family.samples().stream()
                .filter(s -> s.name().equals(sampleName))
                .findFirst()
                .orElseThrow()
                .value();
    }
}
