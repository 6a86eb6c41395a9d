package io.promregator.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.Promregator;
import io.promregator.core.ScrapeResult;
import io.promregator.core.ScrapeResult.Outcome;
import io.promregator.core.Target;
import io.promregator.core.TestBuilder;
import io.promregator.core.exposition.Exposition;
import io.promregator.core.exposition.ExpositionFormat;
import io.promregator.core.exposition.ExpositionParser;
import io.promregator.core.exposition.Labels;
import io.promregator.core.exposition.MetricFamily;
import io.promregator.core.exposition.Sample;
import io.promregator.core.scrape.HttpClientScraper;
import io.promregator.core.scrape.ScrapeSettings;
import io.promregator.core.target.StaticTargetResolver;
import io.promregator.core.testing.Promtool;
import io.promregator.core.testing.TestEndpoints;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Targets serving hostile label values, behind a real {@code /metrics}: quotes, backslashes, escaped and
 * unknown escapes, non-ASCII text, a 64 KiB value, label names Promregator adds itself. Their samples come
 * out with every value intact, in both formats, in output that promtool (0.0.4) and our strict parser
 * (OpenMetrics) read. Bodies that are not expositions, a literal newline inside quotes or invalid UTF-8
 * in a label value or HELP text, fail that target alone: {@code promregator_up 0} and
 * {@code promregator_scrape_failure{reason="malformed"}}. Invalid UTF-8 is never replaced (no U+FFFD):
 * the target is rejected, as Prometheus rejects it; only in a plain comment, which nobody reads, is it
 * ignored. A value longer than the limit fails its target too ({@code limit_exceeded}), never truncated.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileLabelValuesIT {
    private static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String OPEN_METRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    /** As long as a label value may be by default (promregator.scraping.limits.labelValueLength). */
    private static final String LONG = "x".repeat(65_536);
    /** The CF names of the targets need escaping too. */
    private static final String ORG = "org \"quoted\" \\ back";

    private final TestEndpoints endpoints = new TestEndpoints();
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<Target> targets = new ArrayList<>();
    private Promregator promregator;

    @BeforeAll
    void start() {
        target("/text", TEXT, """
                # HELP hostile_value Values that need escaping: \\\\ and \\n.
                # TYPE hostile_value gauge
                hostile_value{kind="quote",v="say \\"hi\\""} 1
                hostile_value{kind="backslash",v="C:\\\\dir\\\\"} 2
                hostile_value{kind="escaped newline",v="line\\nbreak"} 3
                hostile_value{kind="unknown escape",v="a\\qb"} 4
                hostile_value{kind="utf8",v="Grüße ✓ 😀 中文"} 5
                hostile_value{kind="long",v="%s"} 6
                hostile_value{kind="clash",org_name="own org",app_name="own app",exported_org_name="taken"} 7
                hostile_value{kind="empty",v=""} 8
                """.formatted(LONG).getBytes(StandardCharsets.UTF_8));
        target("/openmetrics", OPEN_METRICS, """
                # TYPE hostile_requests counter
                # HELP hostile_requests Help with \\"quotes\\", \\\\ and \\n.
                hostile_requests_total{v="say \\"hi\\"",w="C:\\\\dir\\\\",x="line\\nbreak"} 1 # {trace_id="a\\"b"} 0.5
                hostile_requests_total{v="Grüße ✓ 😀",cf_instance_id="own"} 2
                # EOF
                """.getBytes(StandardCharsets.UTF_8));
        target("/literal-newline", TEXT, bytes("broken{v=\"line\nbreak\"} 1\n"));
        target("/invalid-utf8-c3", TEXT, bytes("bad{v=\"\u00c3\u0028\"} 1\n"));
        target("/invalid-utf8-ff", OPEN_METRICS, bytes("bad{v=\"\u00ff\"} 1\n# EOF\n"));
        target("/invalid-utf8-help", TEXT, bytes("# HELP bad \u00ff\nbad 1\n"));
        target("/invalid-utf8-comment", TEXT, bytes("# a comment \u00ff\u00c3\u0028\ncomment_ok 1\n"));
        target("/plain", TEXT, bytes("plain_metric 42\n"));
        target("/too-long", TEXT, bytes("too_long{v=\"" + LONG + "y\"} 1\n"));
        promregator = TestBuilder.create()
                .targetResolver(new StaticTargetResolver(targets))
                .server(ServerSettings.defaults().withAddress("127.0.0.1").withPort(0))
                .build()
                .start();
    }

    private void target(String path, String contentType, byte[] body) {
        URI url = endpoints.serve(path, exchange -> {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        int index = targets.size();
        targets.add(new Target(
                "guid:" + index,
                url,
                Target.cfLabels(ORG, "space\\" + path, "app\n" + index, "guid", index),
                Map.of()));
    }

    /** Bytes from chars 0 to 255 one to one: how the test writes bytes that are not UTF-8. */
    private static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    @AfterAll
    void stop() {
        promregator.close();
        endpoints.close();
    }

    private HttpResponse<byte[]> metrics(ExpositionFormat format) throws Exception {
        String accept = format == ExpositionFormat.OPENMETRICS ? "application/openmetrics-text" : "text/plain";
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + promregator.port() + "/metrics"))
                        .header("Accept", accept)
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @ParameterizedTest
    @EnumSource(ExpositionFormat.class)
    void keepsEveryHostileValueIntactInOutputThatParses(ExpositionFormat format) throws Exception {
        HttpResponse<byte[]> response = metrics(format);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains(format.contentType());
        Exposition merged = ExpositionParser.parse(response.body(), format);
        List<Sample> hostile = samples(merged, "hostile_value");
        assertThat(hostile)
                .extracting(s -> s.labels().get("v"))
                .containsExactly("say \"hi\"", "C:\\dir\\", "line\nbreak", "a\\qb", "Grüße ✓ 😀 中文", LONG, null, "");
        Labels clash = hostile.get(6).labels();
        assertThat(clash.get("org_name")).isEqualTo(ORG);
        assertThat(clash.get("exported_exported_org_name")).isEqualTo("own org");
        assertThat(clash.get("exported_org_name")).isEqualTo("taken");
        assertThat(clash.get("exported_app_name")).isEqualTo("own app");
        assertThat(clash.get("app_name")).isEqualTo("app\n0");
        assertThat(clash.get("space_name")).isEqualTo("space\\/text");
        List<Sample> requests = samples(merged, "hostile_requests_total");
        assertThat(requests.get(0).labels().get("x")).isEqualTo("line\nbreak");
        assertThat(requests.get(1).labels().get("exported_cf_instance_id")).isEqualTo("own");
        if (format == ExpositionFormat.OPENMETRICS) {
            assertThat(requests.get(0).exemplar().map(e -> e.labels().get("trace_id")))
                    .contains("a\"b");
        }
        assertThat(merged.families())
                .filteredOn(f -> f.name().startsWith("hostile_"))
                .extracting(MetricFamily::help)
                .containsExactly("Values that need escaping: \\ and \n.", "Help with \"quotes\", \\ and \n.");
        assertThat(samples(merged, "plain_metric")).extracting(Sample::value).containsExactly(42.0);
        assertThat(samples(merged, "comment_ok")).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(ExpositionFormat.class)
    void failsOnlyTheTargetsWhoseBodyIsNotValidMarkingThemMalformed(ExpositionFormat format) throws Exception {
        Exposition merged = ExpositionParser.parse(metrics(format).body(), format);

        assertThat(upByTarget(merged)).containsExactly(1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 0.0);
        assertThat(samples(merged, "promregator_scrape_failure"))
                .extracting(s ->
                        s.labels().get("cf_instance_number") + " " + s.labels().get("reason"))
                .containsExactly("2 malformed", "3 malformed", "4 malformed", "5 malformed", "8 limit_exceeded");
        assertThat(samples(merged, "bad")).isEmpty();
        assertThat(samples(merged, "broken")).isEmpty();
        assertThat(samples(merged, "too_long")).isEmpty();
    }

    @Test
    void theTextOutputPassesPromtool() throws Exception {
        HttpResponse<byte[]> response = metrics(ExpositionFormat.PROMETHEUS_TEXT);

        Promtool.Result result = Promtool.checkMetrics(new String(response.body(), StandardCharsets.UTF_8));

        assertThat(result.parseErrors()).isEmpty();
        assertThat(result.exitCode()).as(result.output()).isIn(0, 3);
    }

    @ParameterizedTest
    @EnumSource(ExpositionFormat.class)
    void outputIsValidUtf8WithoutReplacementCharacters(ExpositionFormat format) throws Exception {
        byte[] body = metrics(format).body();

        String decoded = StandardCharsets.UTF_8
                .newDecoder() // reports malformed input instead of replacing it
                .decode(ByteBuffer.wrap(body))
                .toString();

        assertThat(decoded).doesNotContain("\uFFFD").contains("Grüße ✓ 😀 中文");
    }

    @Test
    void invalidUtf8IsRejectedAsMalformedWithLineAndColumnNotReplaced() {
        try (HttpClientScraper scraper = new HttpClientScraper(ScrapeSettings.defaults())) {
            List<String> failures = new ArrayList<>();
            for (int index = 2; index <= 5; index++) {
                ScrapeResult result = scraper.scrape(targets.get(index)).join();
                assertThat(result.outcome()).isEqualTo(Outcome.MALFORMED);
                failures.add(result.failure());
            }

            assertThat(failures)
                    .containsExactly(
                            "malformed exposition: line 1, column 10: label value has no closing quote",
                            "malformed exposition: line 1, column 8: invalid UTF-8",
                            "malformed exposition: line 1, column 8: invalid UTF-8",
                            "malformed exposition: line 1, column 12: invalid UTF-8");
        }
    }

    private List<Double> upByTarget(Exposition merged) {
        List<Double> up = new ArrayList<>();
        for (int index = 0; index < targets.size(); index++) {
            String number = Integer.toString(index);
            Optional<Double> value = samples(merged, "promregator_up").stream()
                    .filter(s -> number.equals(s.labels().get("cf_instance_number")))
                    .map(Sample::value)
                    .findFirst();
            up.add(value.orElseThrow());
        }
        return up;
    }

    private static List<Sample> samples(Exposition exposition, String sampleName) {
        return exposition.families().stream()
                .map(MetricFamily::samples)
                .flatMap(List::stream)
                .filter(s -> s.name().equals(sampleName))
                .toList();
    }
}
