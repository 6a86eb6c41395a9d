package io.promregator.core.exposition;

import static io.promregator.core.exposition.TestFamilies.family;
import static io.promregator.core.exposition.TestFamilies.openMetrics;
import static io.promregator.core.exposition.TestFamilies.sample;
import static io.promregator.core.exposition.TestFamilies.text;
import static io.promregator.core.exposition.TestFamilies.timed;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Families the output format cannot express as they are: repaired where samples stay the same, else downgraded. */
class ExpositionWriterDowngradeTest {

    @Test
    void splitsA0_0_4HistogramWithoutNumericLeIntoUntypedFamilies() {
        MetricFamily histogram = family(
                "lat",
                MetricType.HISTOGRAM,
                "Latency.",
                sample("lat_bucket", 1, "le", "fast"),
                sample("lat_count", 1),
                sample("lat_sum", 2));

        assertThat(text(histogram)).isEqualTo("""
                # HELP lat_bucket Latency.
                # TYPE lat_bucket untyped
                lat_bucket{le="fast"} 1
                # HELP lat_count Latency.
                # TYPE lat_count untyped
                lat_count 1
                # HELP lat_sum Latency.
                # TYPE lat_sum untyped
                lat_sum 2
                """);
    }

    @Test
    void splitsA0_0_4SummaryWithoutQuantileLabelIntoUntypedFamilies() {
        MetricFamily summary = family("rt", MetricType.SUMMARY, "", sample("rt", 0.5), sample("rt_count", 3));

        assertThat(text(summary)).isEqualTo("""
                # TYPE rt untyped
                rt 0.5
                # TYPE rt_count untyped
                rt_count 3
                """);
    }

    @Test
    void mergesTheCreatedGaugeOf0_0_4ClientsWithTheCounterItBelongsTo() {
        // What a merge of an OpenMetrics target (t=1) and a simpleclient 0.0.4 target (t=2) looks like.
        MetricFamily counter = family(
                "jobs",
                MetricType.COUNTER,
                "Jobs run.",
                sample("jobs_total", 4, "t", "1"),
                sample("jobs_created", 1600000000, "t", "1"),
                sample("jobs_total", 5, "t", "2"));
        MetricFamily created =
                family("jobs_created", MetricType.GAUGE, "", sample("jobs_created", 1600000001, "t", "2"));

        assertThat(text(counter, created)).isEqualTo("""
                # HELP jobs_total Jobs run.
                # TYPE jobs_total counter
                jobs_total{t="1"} 4
                jobs_total{t="2"} 5
                # HELP jobs_created Jobs run.
                # TYPE jobs_created gauge
                jobs_created{t="1"} 1600000000
                jobs_created{t="2"} 1600000001
                """);
        assertThat(openMetrics(counter, created)).isEqualTo("""
                # TYPE jobs counter
                # HELP jobs Jobs run.
                jobs_total{t="1"} 4
                jobs_created{t="1"} 1600000000
                jobs_total{t="2"} 5
                jobs_created{t="2"} 1600000001
                # EOF
                """);
    }

    @Test
    void putsSamplesNamedLikeAHistogramSuffixIntoTheHistogram() {
        // In 0.0.4 a "# TYPE rpc_count gauge" after "# TYPE rpc histogram" is a parse error.
        MetricFamily histogram = family(
                "rpc",
                MetricType.HISTOGRAM,
                "",
                sample("rpc_bucket", 1, "le", "+Inf", "job", "a"),
                sample("rpc_count", 1, "job", "a"),
                sample("rpc_sum", 1, "job", "a"));
        MetricFamily gauge = family("rpc_count", MetricType.GAUGE, "", sample("rpc_count", 7, "job", "b"));

        assertThat(text(histogram, gauge)).isEqualTo("""
                # TYPE rpc histogram
                rpc_bucket{le="+Inf",job="a"} 1
                rpc_count{job="a"} 1
                rpc_sum{job="a"} 1
                rpc_count{job="b"} 7
                """);
    }

    @Test
    void writesFamiliesOfOneNameButDifferentTypesUntypedOrUnknown() {
        MetricFamily counter = family("x", MetricType.COUNTER, "", sample("x", 1, "t", "1"));
        MetricFamily gauge = family("x", MetricType.GAUGE, "", sample("x", 2, "t", "2"));

        assertThat(text(counter, gauge)).isEqualTo("""
                # TYPE x untyped
                x{t="1"} 1
                x{t="2"} 2
                """);
        assertThat(openMetrics(counter, gauge)).isEqualTo("""
                # TYPE x unknown
                x{t="1"} 1
                x{t="2"} 2
                # EOF
                """);
    }

    @Test
    void sortsBucketsOfAMetricForOpenMetrics() {
        MetricFamily histogram = family(
                "lat",
                MetricType.HISTOGRAM,
                "",
                sample("lat_bucket", 3, "le", "+Inf"),
                sample("lat_bucket", 1, "le", "0.5"),
                sample("lat_bucket", 0, "le", "0.1"),
                sample("lat_count", 3),
                sample("lat_sum", 1.25));

        assertThat(openMetrics(histogram)).isEqualTo("""
                # TYPE lat histogram
                lat_bucket{le="0.1"} 0
                lat_bucket{le="0.5"} 1
                lat_bucket{le="+Inf"} 3
                lat_count 3
                lat_sum 1.25
                # EOF
                """);
    }

    @Test
    void groupsTheSamplesOfEachMetricForOpenMetrics() {
        MetricFamily summary = family(
                "rt",
                MetricType.SUMMARY,
                "",
                sample("rt", 0.1, "quantile", "0.5", "path", "/a"),
                sample("rt", 0.2, "quantile", "0.5", "path", "/b"),
                sample("rt_sum", 1, "path", "/a"),
                sample("rt_sum", 2, "path", "/b"),
                sample("rt_count", 10, "path", "/a"),
                sample("rt_count", 20, "path", "/b"));

        assertThat(openMetrics(summary)).isEqualTo("""
                # TYPE rt summary
                rt{quantile="0.5",path="/a"} 0.1
                rt_sum{path="/a"} 1
                rt_count{path="/a"} 10
                rt{quantile="0.5",path="/b"} 0.2
                rt_sum{path="/b"} 2
                rt_count{path="/b"} 20
                # EOF
                """);
    }

    @Test
    void writesSamplesOfOtherNamesAsUnknownFamiliesOfTheirOwn() {
        MetricFamily gauge = family("g", MetricType.GAUGE, "", sample("g", 1), sample("g_extra", 2));

        assertThat(openMetrics(gauge)).isEqualTo("""
                # TYPE g gauge
                g 1
                # TYPE g_extra unknown
                g_extra 2
                # EOF
                """);
        assertThat(text(gauge)).isEqualTo("""
                # TYPE g gauge
                g 1
                # TYPE g_extra untyped
                g_extra 2
                """);
    }

    @Test
    void writesABrokenStatesetAsGauge() {
        MetricFamily stateset = family("mode", MetricType.STATESET, "", sample("mode", 0.5, "mode", "a"));

        assertThat(openMetrics(stateset)).isEqualTo("""
                # TYPE mode gauge
                mode{mode="a"} 0.5
                # EOF
                """);
    }

    static Stream<Arguments> familiesOpenMetricsRejects() {
        return Stream.of(
                Arguments.of(
                        "histogram without +Inf bucket",
                        family(
                                "h",
                                MetricType.HISTOGRAM,
                                "",
                                sample("h_bucket", 1, "le", "1"),
                                sample("h_count", 1),
                                sample("h_sum", 1))),
                Arguments.of(
                        "histogram whose last bucket is spelled INF, as 0.0.4 allows",
                        family(
                                "h",
                                MetricType.HISTOGRAM,
                                "",
                                sample("h_bucket", 0, "le", "1"),
                                sample("h_bucket", 1, "le", "INF"),
                                sample("h_count", 1),
                                sample("h_sum", 1))),
                Arguments.of(
                        "histogram with decreasing buckets",
                        family(
                                "h",
                                MetricType.HISTOGRAM,
                                "",
                                sample("h_bucket", 2, "le", "1"),
                                sample("h_bucket", 1, "le", "+Inf"))),
                Arguments.of(
                        "histogram with negative bucket count",
                        family(
                                "h",
                                MetricType.HISTOGRAM,
                                "",
                                sample("h_bucket", -1, "le", "1"),
                                sample("h_bucket", 0, "le", "+Inf"))),
                Arguments.of(
                        "histogram with fractional bucket count",
                        family("h", MetricType.HISTOGRAM, "", sample("h_bucket", 0.5, "le", "+Inf"))),
                Arguments.of(
                        "histogram with count other than +Inf",
                        family(
                                "h",
                                MetricType.HISTOGRAM,
                                "",
                                sample("h_bucket", 2, "le", "+Inf"),
                                sample("h_count", 3),
                                sample("h_sum", 1))),
                Arguments.of(
                        "histogram with sum but no count",
                        family("h", MetricType.HISTOGRAM, "", sample("h_bucket", 2, "le", "+Inf"), sample("h_sum", 1))),
                Arguments.of(
                        "histogram with repeated le",
                        family(
                                "h",
                                MetricType.HISTOGRAM,
                                "",
                                sample("h_bucket", 1, "le", "1"),
                                sample("h_bucket", 1, "le", "1.0"),
                                sample("h_bucket", 1, "le", "+Inf"))),
                Arguments.of(
                        "histogram with hexadecimal le",
                        family(
                                "h",
                                MetricType.HISTOGRAM,
                                "",
                                sample("h_bucket", 1, "le", "0x1p-3"),
                                sample("h_bucket", 1, "le", "+Inf"))),
                Arguments.of(
                        "histogram with sum and negative buckets",
                        family(
                                "h",
                                MetricType.HISTOGRAM,
                                "",
                                sample("h_bucket", 1, "le", "-1"),
                                sample("h_bucket", 1, "le", "+Inf"),
                                sample("h_count", 1),
                                sample("h_sum", 1))),
                Arguments.of(
                        "histogram with mixed timestamps",
                        family(
                                "h",
                                MetricType.HISTOGRAM,
                                "",
                                timed("h_bucket", 1, 1000, "le", "+Inf"),
                                sample("h_count", 1),
                                sample("h_sum", 1))),
                Arguments.of(
                        "summary with negative sum",
                        family("h", MetricType.SUMMARY, "", sample("h_count", 1), sample("h_sum", -1))),
                Arguments.of(
                        "summary with quantile above 1",
                        family("h", MetricType.SUMMARY, "", sample("h", 1, "quantile", "1.5"))),
                Arguments.of(
                        "summary with fractional count",
                        family("h", MetricType.SUMMARY, "", sample("h_count", 1.5), sample("h_sum", 1))),
                Arguments.of(
                        "counter with NaN total", family("h", MetricType.COUNTER, "", sample("h_total", Double.NaN))),
                Arguments.of("counter with negative total", family("h", MetricType.COUNTER, "", sample("h_total", -1))),
                Arguments.of("info with value other than 1", family("h", MetricType.INFO, "", sample("h_info", 2))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("familiesOpenMetricsRejects")
    void writesFamiliesOpenMetricsRejectsAsUnknownPerSampleName(String description, MetricFamily family) {
        StringBuilder expected = new StringBuilder();
        String lastName = null;
        for (Sample sample : family.samples()) {
            if (!sample.name().equals(lastName)) {
                expected.append("# TYPE ").append(sample.name()).append(" unknown\n");
                lastName = sample.name();
            }
            String alone = openMetrics(family(sample.name(), MetricType.UNKNOWN, "", sample));
            expected.append(alone.lines().toList().get(1)).append('\n'); // between TYPE and EOF
        }
        expected.append("# EOF\n");

        assertThat(openMetrics(family)).isEqualTo(expected.toString());
    }

    @Test
    void acceptsHistogramsWithNegativeBucketsWithoutSumAndGaugeHistogramsWithNegativeSum() {
        MetricFamily histogram = family(
                "temp",
                MetricType.HISTOGRAM,
                "",
                sample("temp_bucket", 1, "le", "-10"),
                sample("temp_bucket", 4, "le", "+Inf"));
        MetricFamily gaugeHistogram = family(
                "delta",
                MetricType.GAUGE_HISTOGRAM,
                "",
                sample("delta_bucket", 1, "le", "-1"),
                sample("delta_bucket", 2, "le", "+Inf"),
                sample("delta_gcount", 2),
                sample("delta_gsum", -0.5));

        assertThat(openMetrics(histogram, gaugeHistogram)).isEqualTo("""
                # TYPE temp histogram
                temp_bucket{le="-10"} 1
                temp_bucket{le="+Inf"} 4
                # TYPE delta gaugehistogram
                delta_bucket{le="-1"} 1
                delta_bucket{le="+Inf"} 2
                delta_gcount 2
                delta_gsum -0.5
                # EOF
                """);
    }
}
