package io.promregator.core.exposition;

import static io.promregator.core.exposition.TestFamilies.family;
import static io.promregator.core.exposition.TestFamilies.sample;
import static io.promregator.core.exposition.TestFamilies.timed;
import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.testing.Promtool;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Feeds the writer's 0.0.4 output to the real {@code promtool check metrics}. Well-named families must pass
 * cleanly (exit code 0, no output). Downgrades may draw lint findings (a gauge named {@code _bucket} is
 * what a gauge histogram becomes; a counter without {@code _total} is what the target exposed), because
 * they are about names we never change, but never a parse error.
 */
class PromtoolCheckIT {

    @Test
    void passesEveryTypeCleanly() {
        List<MetricFamily> families = new ArrayList<>(List.of(
                ExpositionWriterTest.COUNTER,
                ExpositionWriterTest.GAUGE,
                ExpositionWriterTest.HISTOGRAM,
                ExpositionWriterTest.SUMMARY,
                ExpositionWriterTest.INFO,
                ExpositionWriterTest.STATESET,
                family("mystery", MetricType.UNKNOWN, "Nobody knows.", sample("mystery", 42.5)),
                family(
                        "special_values",
                        MetricType.GAUGE,
                        "Values that are not plain numbers.",
                        sample("special_values", Double.NaN, "case", "nan"),
                        sample("special_values", Double.POSITIVE_INFINITY, "case", "inf"),
                        sample("special_values", Double.NEGATIVE_INFINITY, "case", "minus inf"),
                        sample("special_values", -0.0, "case", "negative zero"),
                        sample("special_values", 1.5e-300, "case", "tiny"),
                        sample("special_values", 12345678.9, "case", "plain")),
                family(
                        "escaped",
                        MetricType.GAUGE,
                        "Help with \\ backslash, \"quotes\" and\nnewline.",
                        sample("escaped", 1, "path", "C:\\dir \"x\"\nnext", "utf8", "Grüße ✓ \uD83D\uDE00")),
                family(
                        "stamped",
                        MetricType.GAUGE,
                        "Samples with timestamps.",
                        timed("stamped", 1, 1520879607789L, "a", "1"),
                        timed("stamped", 2, -1500L, "a", "2"))));

        Promtool.Result result = Promtool.checkMetrics(TestFamilies.text(families.toArray(MetricFamily[]::new)));

        assertThat(result.output()).isEmpty();
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void passesARealisticMergedApplicationCleanly() {
        String exposition =
                ExpositionWriter.toString(SyntheticExposition.cfApplication(11), ExpositionFormat.PROMETHEUS_TEXT);

        Promtool.Result result = Promtool.checkMetrics(exposition);

        assertThat(result.output()).isEmpty();
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void parsesEveryDowngradeWithLintFindingsAtMost() {
        MetricFamily[] families = {
            ExpositionWriterTest.GAUGE_HISTOGRAM,
            family(
                    "lat",
                    MetricType.HISTOGRAM,
                    "Histogram with a non-numeric le.",
                    sample("lat_bucket", 1, "le", "fast"),
                    sample("lat_count", 1),
                    sample("lat_sum", 2)),
            family("rt", MetricType.SUMMARY, "Summary without quantile label.", sample("rt", 0.5)),
            family("jobs", MetricType.COUNTER, "A 0.0.4 counter without _total.", sample("jobs", 5)),
            family("x", MetricType.COUNTER, "Two types for one name.", sample("x", 1, "t", "1")),
            family("x", MetricType.GAUGE, "Two types for one name.", sample("x", 2, "t", "2")),
            family(
                    "rpc",
                    MetricType.HISTOGRAM,
                    "A histogram and a gauge named like its count.",
                    sample("rpc_bucket", 1, "le", "+Inf", "job", "a"),
                    sample("rpc_count", 1, "job", "a"),
                    sample("rpc_sum", 1, "job", "a")),
            family(
                    "rpc_count",
                    MetricType.GAUGE,
                    "Named like the histogram's count.",
                    sample("rpc_count", 7, "job", "b")),
            family(
                    "tasks",
                    MetricType.COUNTER,
                    "Counter with created.",
                    sample("tasks_total", 4, "t", "1"),
                    sample("tasks_created", 1600000000, "t", "1")),
            family(
                    "tasks_created",
                    MetricType.GAUGE,
                    "The created gauge of a 0.0.4 client.",
                    sample("tasks_created", 1600000001, "t", "2")),
        };

        Promtool.Result result = Promtool.checkMetrics(TestFamilies.text(families));

        assertThat(result.parseErrors()).isEmpty();
        assertThat(result.exitCode()).isIn(0, 3);
        assertThat(result.lintProblems()).isNotEmpty(); // so that this test notices a change in what promtool says
    }
}
