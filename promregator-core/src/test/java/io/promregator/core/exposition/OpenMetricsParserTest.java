package io.promregator.core.exposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** OpenMetrics 1.0 text: every family type, exemplars, units, timestamps in seconds. */
class OpenMetricsParserTest {
    private static Exposition parse(String body) throws ExpositionParseException {
        return ExpositionParser.parse(body, ExpositionFormat.OPENMETRICS);
    }

    private static Sample sample(String name, double value, String... labels) {
        return new Sample(name, Labels.of(labels), value);
    }

    @Test
    void readsACounterWithCreatedAndAnExemplar() throws Exception {
        Exposition exposition = parse("""
                # HELP requests Requests served.
                # TYPE requests counter
                requests_total{code="200"} 1027 # {trace_id="abc"} 0.5 1700000000.25
                requests_created{code="200"} 1.7e9
                # EOF
                """);

        Exemplar exemplar = new Exemplar(Labels.of("trace_id", "abc"), 0.5, 1_700_000_000_250L);
        assertThat(exposition.families())
                .containsExactly(new MetricFamily(
                        "requests",
                        MetricType.COUNTER,
                        "Requests served.",
                        "",
                        List.of(
                                new Sample(
                                        "requests_total",
                                        Labels.of("code", "200"),
                                        1027,
                                        Sample.NO_TIMESTAMP,
                                        Optional.of(exemplar)),
                                sample("requests_created", 1.7e9, "code", "200"))));
    }

    @Test
    void readsTimestampsInSecondsAsMilliseconds() throws Exception {
        Exposition exposition = parse("""
                a_total{n="1"} 1 1.5e3
                a_total{n="2"} 1 1.1
                a_total{n="3"} 1 0.0004
                a_total{n="4"} 1 -2
                a_total{n="5"} 1 9223372036854775.807
                # EOF
                """);

        assertThat(exposition.families().get(0).samples())
                .extracting(Sample::timestampMillis)
                .containsExactly(1_500_000L, 1_100L, 0L, -2_000L, Long.MAX_VALUE);
    }

    @Test
    void readsUnitInfoStatesetAndGaugeHistogram() throws Exception {
        Exposition exposition = parse("""
                # TYPE build info
                build_info{version="1.2"} 1
                # TYPE state stateset
                state{state="up"} 1
                state{state="down"} 0
                # TYPE queue_bytes gaugehistogram
                # UNIT queue_bytes bytes
                queue_bytes_bucket{le="1024"} 2
                queue_bytes_bucket{le="+Inf"} 3 # {id="q1"} 2000
                queue_bytes_gcount 3
                queue_bytes_gsum 4100
                # EOF
                """);

        assertThat(exposition.families())
                .containsExactly(
                        new MetricFamily(
                                "build", MetricType.INFO, "", "", List.of(sample("build_info", 1, "version", "1.2"))),
                        new MetricFamily(
                                "state",
                                MetricType.STATESET,
                                "",
                                "",
                                List.of(sample("state", 1, "state", "up"), sample("state", 0, "state", "down"))),
                        new MetricFamily(
                                "queue_bytes",
                                MetricType.GAUGE_HISTOGRAM,
                                "",
                                "bytes",
                                List.of(
                                        sample("queue_bytes_bucket", 2, "le", "1024"),
                                        new Sample(
                                                "queue_bytes_bucket",
                                                Labels.of("le", "+Inf"),
                                                3,
                                                Sample.NO_TIMESTAMP,
                                                Optional.of(new Exemplar(
                                                        Labels.of("id", "q1"), 2000, Sample.NO_TIMESTAMP))),
                                        sample("queue_bytes_gcount", 3),
                                        sample("queue_bytes_gsum", 4100))));
    }

    @Test
    void readsHistogramsAndSummariesWithCreated() throws Exception {
        Exposition exposition = parse("""
                # TYPE rpc_seconds histogram
                rpc_seconds_bucket{le="0.1"} 3
                rpc_seconds_bucket{le="+Inf"} 5
                rpc_seconds_count 5
                rpc_seconds_sum 0.9
                rpc_seconds_created 1.7e9
                # TYPE gc_seconds summary
                gc_seconds{quantile="0.5"} 0.01
                gc_seconds_sum 45
                gc_seconds_count 1900
                gc_seconds_created 1.7e9
                # EOF
                """);

        assertThat(exposition.families())
                .extracting(
                        MetricFamily::name, MetricFamily::type, f -> f.samples().size())
                .containsExactly(
                        tuple("rpc_seconds", MetricType.HISTOGRAM, 5), tuple("gc_seconds", MetricType.SUMMARY, 4));
    }

    @Test
    void readsUnknownAndTypelessFamilies() throws Exception {
        Exposition exposition = parse("""
                # TYPE legacy unknown
                legacy 1
                bare{a="b"} NaN
                # EOF""");

        assertThat(exposition.families())
                .containsExactly(
                        new MetricFamily("legacy", MetricType.UNKNOWN, "", "", List.of(sample("legacy", 1))),
                        new MetricFamily(
                                "bare", MetricType.UNKNOWN, "", "", List.of(sample("bare", Double.NaN, "a", "b"))));
    }

    @Test
    void unescapesHelpIncludingQuotes() throws Exception {
        Exposition exposition = parse("""
                # HELP a Quote \\", backslash \\\\, newline \\n, tab \\t.
                # EOF
                """);

        assertThat(exposition.families().get(0).help()).isEqualTo("Quote \", backslash \\, newline \n, tab \\t.");
    }

    @Test
    void acceptsCrlfLineEnds() throws Exception {
        Exposition exposition = parse("# TYPE a gauge\r\na 1\r\n# EOF\r\n");

        assertThat(exposition.families())
                .containsExactly(new MetricFamily("a", MetricType.GAUGE, "", "", List.of(sample("a", 1))));
    }

    @Test
    void rejectsAFamilySplitIntoSeparateGroups() {
        assertThatThrownBy(() -> parse("""
                # TYPE a gauge
                a{x="1"} 1
                # TYPE b gauge
                b 2
                a{x="2"} 3
                # EOF
                """)).isInstanceOfSatisfying(ExpositionParseException.class, e -> {
            assertThat(e.line()).isEqualTo(5);
            assertThat(e.column()).isEqualTo(1);
            assertThat(e.getMessage()).contains("a already appeared on line 1");
        });
    }

    @Test
    void rejectsInterleavedMetricsOfAFamily() {
        assertThatThrownBy(() -> parse("""
                # TYPE a counter
                a_total{x="1"} 1
                a_total{x="2"} 1
                a_created{x="1"} 1
                # EOF
                """)).isInstanceOfSatisfying(ExpositionParseException.class, e -> {
            assertThat(e.line()).isEqualTo(4);
            assertThat(e.getMessage()).contains("must be together");
        });
    }

    @Test
    void rejectsACountThatDiffersFromTheInfBucket() {
        assertThatThrownBy(() -> parse("""
                # TYPE a histogram
                a_bucket{le="+Inf"} 3
                a_count 4
                a_sum 1
                # EOF
                """))
                .isInstanceOfSatisfying(
                        ExpositionParseException.class,
                        e -> assertThat(e.getMessage()).contains("a_count is 4.0 but the +Inf bucket counts 3.0"));
    }

    @Test
    void acceptsWhatGoExposesForNegativeObservations() throws Exception {
        Exposition exposition = parse("""
                # TYPE h histogram
                h_bucket{le="-1"} 1
                h_bucket{le="+Inf"} 2
                h_count 2
                h_sum -0.5
                # TYPE s summary
                s{quantile="0.5"} -0.25
                s_sum -0.5
                s_count 2
                # EOF
                """);

        assertThat(exposition.sampleCount()).isEqualTo(7);
    }

    @Test
    void rejectsNegativeHistogramSumWithoutNegativeBuckets() {
        assertThatThrownBy(() -> parse("""
                # TYPE h histogram
                h_bucket{le="1"} 1
                h_bucket{le="+Inf"} 2
                h_count 2
                h_sum -0.5
                # EOF
                """))
                .isInstanceOfSatisfying(
                        ExpositionParseException.class,
                        e -> assertThat(e.getMessage()).contains("h_sum is negative without negative buckets"));
    }

    @Test
    void keepsAFamilyWithMetadataOnly() throws Exception {
        Exposition exposition = parse("""
                # HELP idle_seconds Idle.
                # TYPE idle_seconds gauge
                # UNIT idle_seconds seconds
                # EOF
                """);

        assertThat(exposition.families())
                .containsExactly(new MetricFamily("idle_seconds", MetricType.GAUGE, "Idle.", "seconds", List.of()));
    }
}
