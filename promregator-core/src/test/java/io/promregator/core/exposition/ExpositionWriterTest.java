package io.promregator.core.exposition;

import static io.promregator.core.exposition.TestFamilies.exemplar;
import static io.promregator.core.exposition.TestFamilies.family;
import static io.promregator.core.exposition.TestFamilies.openMetrics;
import static io.promregator.core.exposition.TestFamilies.sample;
import static io.promregator.core.exposition.TestFamilies.text;
import static io.promregator.core.exposition.TestFamilies.timed;
import static io.promregator.core.exposition.TestFamilies.withExemplar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpositionWriterTest {

    static final MetricFamily COUNTER = family(
            "http_requests",
            MetricType.COUNTER,
            "Requests served.",
            sample("http_requests_total", 1027, "method", "get"),
            sample("http_requests_created", 1600000000.5, "method", "get"),
            sample("http_requests_total", 3, "method", "post"),
            sample("http_requests_created", 1600000000, "method", "post"));
    static final MetricFamily GAUGE =
            family("queue_length", MetricType.GAUGE, "Items waiting.", sample("queue_length", 7, "queue", "a"));
    static final MetricFamily HISTOGRAM = family(
            "rpc_seconds",
            MetricType.HISTOGRAM,
            "RPC latency.",
            "seconds",
            withExemplar(sample("rpc_seconds_bucket", 2, "le", "0.1"), exemplar(0.05, "trace_id", "abc")),
            sample("rpc_seconds_bucket", 5, "le", "1.0"),
            sample("rpc_seconds_bucket", 6, "le", "+Inf"),
            sample("rpc_seconds_count", 6),
            sample("rpc_seconds_sum", 3.25),
            sample("rpc_seconds_created", 1600000000.5));
    static final MetricFamily GAUGE_HISTOGRAM = family(
            "queue_wait_seconds",
            MetricType.GAUGE_HISTOGRAM,
            "Waiting time.",
            sample("queue_wait_seconds_bucket", 1, "le", "1.0"),
            sample("queue_wait_seconds_bucket", 3, "le", "+Inf"),
            sample("queue_wait_seconds_gcount", 3),
            sample("queue_wait_seconds_gsum", 2.5));
    static final MetricFamily SUMMARY = family(
            "job_seconds",
            MetricType.SUMMARY,
            "Job duration.",
            sample("job_seconds", 0.5, "quantile", "0.5"),
            sample("job_seconds", 1.5, "quantile", "0.99"),
            sample("job_seconds_count", 10),
            sample("job_seconds_sum", 7.5),
            sample("job_seconds_created", 1600000000));
    static final MetricFamily INFO =
            family("build", MetricType.INFO, "Build information.", sample("build_info", 1, "version", "1.2.3"));
    static final MetricFamily STATESET = family(
            "state",
            MetricType.STATESET,
            "Current state.",
            sample("state", 1, "state", "up"),
            sample("state", 0, "state", "down"));
    static final MetricFamily UNKNOWN = family("mystery", MetricType.UNKNOWN, "", sample("mystery", 42.5));

    @Test
    void writesEveryTypeAsPrometheusText() {
        assertThat(text(COUNTER, GAUGE, HISTOGRAM, GAUGE_HISTOGRAM, SUMMARY, INFO, STATESET, UNKNOWN))
                .isEqualTo("""
                        # HELP http_requests_total Requests served.
                        # TYPE http_requests_total counter
                        http_requests_total{method="get"} 1027
                        http_requests_total{method="post"} 3
                        # HELP http_requests_created Requests served.
                        # TYPE http_requests_created gauge
                        http_requests_created{method="get"} 1600000000.5
                        http_requests_created{method="post"} 1600000000
                        # HELP queue_length Items waiting.
                        # TYPE queue_length gauge
                        queue_length{queue="a"} 7
                        # HELP rpc_seconds RPC latency.
                        # TYPE rpc_seconds histogram
                        rpc_seconds_bucket{le="0.1"} 2
                        rpc_seconds_bucket{le="1.0"} 5
                        rpc_seconds_bucket{le="+Inf"} 6
                        rpc_seconds_count 6
                        rpc_seconds_sum 3.25
                        # HELP rpc_seconds_created RPC latency.
                        # TYPE rpc_seconds_created gauge
                        rpc_seconds_created 1600000000.5
                        # HELP queue_wait_seconds_bucket Waiting time.
                        # TYPE queue_wait_seconds_bucket gauge
                        queue_wait_seconds_bucket{le="1.0"} 1
                        queue_wait_seconds_bucket{le="+Inf"} 3
                        # HELP queue_wait_seconds_gcount Waiting time.
                        # TYPE queue_wait_seconds_gcount gauge
                        queue_wait_seconds_gcount 3
                        # HELP queue_wait_seconds_gsum Waiting time.
                        # TYPE queue_wait_seconds_gsum gauge
                        queue_wait_seconds_gsum 2.5
                        # HELP job_seconds Job duration.
                        # TYPE job_seconds summary
                        job_seconds{quantile="0.5"} 0.5
                        job_seconds{quantile="0.99"} 1.5
                        job_seconds_count 10
                        job_seconds_sum 7.5
                        # HELP job_seconds_created Job duration.
                        # TYPE job_seconds_created gauge
                        job_seconds_created 1600000000
                        # HELP build_info Build information.
                        # TYPE build_info gauge
                        build_info{version="1.2.3"} 1
                        # HELP state Current state.
                        # TYPE state gauge
                        state{state="up"} 1
                        state{state="down"} 0
                        # TYPE mystery untyped
                        mystery 42.5
                        """);
    }

    @Test
    void writesEveryTypeAsOpenMetrics() {
        assertThat(openMetrics(COUNTER, GAUGE, HISTOGRAM, GAUGE_HISTOGRAM, SUMMARY, INFO, STATESET, UNKNOWN))
                .isEqualTo("""
                        # TYPE http_requests counter
                        # HELP http_requests Requests served.
                        http_requests_total{method="get"} 1027
                        http_requests_created{method="get"} 1600000000.5
                        http_requests_total{method="post"} 3
                        http_requests_created{method="post"} 1600000000
                        # TYPE queue_length gauge
                        # HELP queue_length Items waiting.
                        queue_length{queue="a"} 7
                        # TYPE rpc_seconds histogram
                        # UNIT rpc_seconds seconds
                        # HELP rpc_seconds RPC latency.
                        rpc_seconds_bucket{le="0.1"} 2 # {trace_id="abc"} 0.05
                        rpc_seconds_bucket{le="1.0"} 5
                        rpc_seconds_bucket{le="+Inf"} 6
                        rpc_seconds_count 6
                        rpc_seconds_sum 3.25
                        rpc_seconds_created 1600000000.5
                        # TYPE queue_wait_seconds gaugehistogram
                        # HELP queue_wait_seconds Waiting time.
                        queue_wait_seconds_bucket{le="1.0"} 1
                        queue_wait_seconds_bucket{le="+Inf"} 3
                        queue_wait_seconds_gcount 3
                        queue_wait_seconds_gsum 2.5
                        # TYPE job_seconds summary
                        # HELP job_seconds Job duration.
                        job_seconds{quantile="0.5"} 0.5
                        job_seconds{quantile="0.99"} 1.5
                        job_seconds_count 10
                        job_seconds_sum 7.5
                        job_seconds_created 1600000000
                        # TYPE build info
                        # HELP build Build information.
                        build_info{version="1.2.3"} 1
                        # TYPE state stateset
                        # HELP state Current state.
                        state{state="up"} 1
                        state{state="down"} 0
                        # TYPE mystery unknown
                        mystery 42.5
                        # EOF
                        """);
    }

    @Test
    void writesCounterWithoutTotalSuffixUnderItsOwnNameInBothFormats() {
        MetricFamily legacy = family("jobs", MetricType.COUNTER, "Jobs run.", sample("jobs", 5));

        assertThat(text(legacy)).isEqualTo("""
                # HELP jobs Jobs run.
                # TYPE jobs counter
                jobs 5
                """);
        assertThat(openMetrics(legacy)).isEqualTo("""
                # TYPE jobs unknown
                # HELP jobs Jobs run.
                jobs 5
                # EOF
                """);
    }

    @Test
    void escapesHelpAndLabelValues() {
        MetricFamily family = family(
                "escapes",
                MetricType.GAUGE,
                "a \\ b \"quoted\"\nsecond line",
                sample("escapes", 1, "path", "C:\\dir \"x\"\nnext", "utf8", "Grüße ✓ \uD83D\uDE00"));

        assertThat(text(family)).isEqualTo("""
                # HELP escapes a \\\\ b "quoted"\\nsecond line
                # TYPE escapes gauge
                escapes{path="C:\\\\dir \\"x\\"\\nnext",utf8="Grüße ✓ \uD83D\uDE00"} 1
                """);
        assertThat(openMetrics(family)).isEqualTo("""
                # TYPE escapes gauge
                # HELP escapes a \\\\ b \\"quoted\\"\\nsecond line
                escapes{path="C:\\\\dir \\"x\\"\\nnext",utf8="Grüße ✓ \uD83D\uDE00"} 1
                # EOF
                """);
    }

    @Test
    void writesValuesShortestFirst() {
        MetricFamily family = family(
                "v",
                MetricType.GAUGE,
                "",
                sample("v", 0, "case", "zero"),
                sample("v", -0.0, "case", "negative zero"),
                sample("v", -17, "case", "negative integer"),
                sample("v", 999_999_999_999_999.0, "case", "largest plain integer"),
                sample("v", 1e15, "case", "1e15"),
                sample("v", 0.1, "case", "fraction"),
                sample("v", 12345678.9, "case", "plain above 1e7"),
                sample("v", -1600000000.125, "case", "negative plain above 1e7"),
                sample("v", 1.5e-5, "case", "tiny"),
                sample("v", 1.5e300, "case", "huge"),
                sample("v", Double.NaN, "case", "nan"),
                sample("v", Double.POSITIVE_INFINITY, "case", "inf"),
                sample("v", Double.NEGATIVE_INFINITY, "case", "minus inf"));

        assertThat(text(family)).isEqualTo("""
                # TYPE v gauge
                v{case="zero"} 0
                v{case="negative zero"} -0
                v{case="negative integer"} -17
                v{case="largest plain integer"} 999999999999999
                v{case="1e15"} 1.0e15
                v{case="fraction"} 0.1
                v{case="plain above 1e7"} 12345678.9
                v{case="negative plain above 1e7"} -1600000000.125
                v{case="tiny"} 1.5e-5
                v{case="huge"} 1.5e300
                v{case="nan"} NaN
                v{case="inf"} +Inf
                v{case="minus inf"} -Inf
                """);
    }

    @Test
    void writesTimestampsAsMillisecondsInTextAndSecondsInOpenMetrics() {
        MetricFamily family = family(
                "t",
                MetricType.GAUGE,
                "",
                timed("t", 1, 1520879607789L, "ms", "789"),
                timed("t", 2, 1520879607780L, "ms", "780"),
                timed("t", 3, 1520879607005L, "ms", "005"),
                timed("t", 4, 1520879607000L, "ms", "000"),
                timed("t", 5, -1500L, "ms", "negative"),
                timed("t", 6, 0L, "ms", "epoch"));

        assertThat(text(family)).isEqualTo("""
                # TYPE t gauge
                t{ms="789"} 1 1520879607789
                t{ms="780"} 2 1520879607780
                t{ms="005"} 3 1520879607005
                t{ms="000"} 4 1520879607000
                t{ms="negative"} 5 -1500
                t{ms="epoch"} 6 0
                """);
        assertThat(openMetrics(family)).isEqualTo("""
                # TYPE t gauge
                t{ms="789"} 1 1520879607.789
                t{ms="780"} 2 1520879607.78
                t{ms="005"} 3 1520879607.005
                t{ms="000"} 4 1520879607
                t{ms="negative"} 5 -1.5
                t{ms="epoch"} 6 0
                # EOF
                """);
    }

    @Test
    void writesExemplarsOnlyInOpenMetricsAndOnlyOnTotalsAndBuckets() {
        MetricFamily counter = family(
                "hits",
                MetricType.COUNTER,
                "",
                withExemplar(
                        timed("hits_total", 3, 1520879607000L),
                        new Exemplar(Labels.of("trace_id", "t1"), 1, 1520879606500L)),
                withExemplar(timed("hits_created", 1600000000, 1520879607000L), exemplar(1, "trace_id", "t2")));
        MetricFamily gauge = family(
                "temperature",
                MetricType.GAUGE,
                "",
                withExemplar(sample("temperature", 21.5), exemplar(21.5, "sensor", "s1")));
        MetricFamily histogram = family(
                "size",
                MetricType.HISTOGRAM,
                "",
                withExemplar(sample("size_bucket", 1, "le", "+Inf"), exemplar(7)),
                withExemplar(sample("size_count", 1), exemplar(7)),
                sample("size_sum", 7));

        assertThat(openMetrics(counter, gauge, histogram)).isEqualTo("""
                # TYPE hits counter
                hits_total 3 1520879607 # {trace_id="t1"} 1 1520879606.5
                hits_created 1600000000 1520879607
                # TYPE temperature gauge
                temperature 21.5
                # TYPE size histogram
                size_bucket{le="+Inf"} 1 # {} 7
                size_count 1
                size_sum 7
                # EOF
                """);
        assertThat(text(counter, histogram)).isEqualTo("""
                # TYPE hits_total counter
                hits_total 3 1520879607000
                # TYPE hits_created gauge
                hits_created 1600000000 1520879607000
                # TYPE size histogram
                size_bucket{le="+Inf"} 1
                size_count 1
                size_sum 7
                """);
    }

    @Test
    void dropsExemplarsLongerThan128CodePoints() {
        MetricFamily counter = family(
                "hits",
                MetricType.COUNTER,
                "",
                withExemplar(sample("hits_total", 3), exemplar(1, "trace_id", "x".repeat(121))),
                withExemplar(sample("hits_total", 4, "a", "b"), exemplar(1, "trace_id", "x".repeat(120))));

        assertThat(openMetrics(counter)).isEqualTo("""
                # TYPE hits counter
                hits_total 3
                hits_total{a="b"} 4 # {trace_id="%s"} 1
                # EOF
                """.formatted("x".repeat(120)));
    }

    @Test
    void writesUnitOnlyInOpenMetricsWhenTheNameEndsWithIt() {
        MetricFamily matching = family("disk_bytes", MetricType.GAUGE, "", "bytes", sample("disk_bytes", 1));
        MetricFamily notMatching = family("disk", MetricType.GAUGE, "", "bytes", sample("disk", 2));
        MetricFamily infix = family("usage_bytes_total", MetricType.GAUGE, "", "bytes", sample("usage_bytes_total", 3));

        assertThat(openMetrics(matching, notMatching, infix)).isEqualTo("""
                # TYPE disk_bytes gauge
                # UNIT disk_bytes bytes
                disk_bytes 1
                # TYPE disk gauge
                disk 2
                # TYPE usage_bytes_total gauge
                usage_bytes_total 3
                # EOF
                """);
        assertThat(text(matching)).isEqualTo("""
                # TYPE disk_bytes gauge
                disk_bytes 1
                """);
    }

    @Test
    void writesNothingForFamiliesWithoutSamples() {
        MetricFamily empty = family("empty", MetricType.COUNTER, "Never incremented.");

        assertThat(text(empty)).isEmpty();
        assertThat(openMetrics(empty)).isEqualTo("# EOF\n");
        assertThat(openMetrics()).isEqualTo("# EOF\n");
    }

    @Test
    void keepsLabelsInTheirOrder() {
        MetricFamily family =
                family("ordered", MetricType.GAUGE, "", sample("ordered", 1, "z", "1", "a", "2", "m", "3"));

        assertThat(text(family)).endsWith("ordered{z=\"1\",a=\"2\",m=\"3\"} 1\n");
    }

    @Test
    void streamsTheSameBytesAsToStringBeyondTheBufferSize() throws IOException {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            samples.add(sample("big_total", i, "instance", "instance-" + i, "text", "ü".repeat(i % 7)));
        }
        List<MetricFamily> families = List.of(new MetricFamily("big", MetricType.COUNTER, "Big.", "", samples));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        ExpositionWriter.write(families, ExpositionFormat.OPENMETRICS, out);

        String expected = ExpositionWriter.toString(families, ExpositionFormat.OPENMETRICS);
        assertThat(out.size()).isGreaterThan(200_000);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void passesOnTheStreamsIoException() {
        OutputStream failing = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("connection reset");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("connection reset");
            }
        };

        assertThatThrownBy(() -> ExpositionWriter.write(List.of(GAUGE), ExpositionFormat.PROMETHEUS_TEXT, failing))
                .isInstanceOf(IOException.class)
                .hasMessage("connection reset");
    }

    @Test
    void putsTheLaterPointsOfASeriesNextToItsFirstInOpenMetricsOnly() throws Exception {
        MetricFamily points = family(
                "jobs",
                MetricType.COUNTER,
                "",
                timed("jobs_total", 1, 1000, "queue", "a"),
                timed("jobs_total", 5, 1000, "queue", "b"),
                timed("jobs_total", 2, 2000, "queue", "a"));

        String openMetrics = openMetrics(points);

        assertThat(openMetrics).isEqualTo("""
                # TYPE jobs counter
                jobs_total{queue="a"} 1 1
                jobs_total{queue="a"} 2 2
                jobs_total{queue="b"} 5 1
                # EOF
                """);
        assertThat(ExpositionParser.parse(openMetrics, ExpositionFormat.OPENMETRICS)
                        .sampleCount())
                .isEqualTo(3);
        assertThat(text(points)).isEqualTo("""
                # TYPE jobs_total counter
                jobs_total{queue="a"} 1 1000
                jobs_total{queue="b"} 5 1000
                jobs_total{queue="a"} 2 2000
                """);
    }
}
