package io.promregator.core.exposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.promregator.core.ExpositionMerger.MergeResult;
import io.promregator.core.merge.FirstTypeWinsMerger;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One target's family that breaks OpenMetrics must not degrade another target's family of the same name:
 * the healthy target's part comes out as it would alone, the offending part is left out and counted.
 */
class OpenMetricsIsolationTest {
    /** A 0.0.4 producer with a negative bucket count: accepted on purpose when read, not valid OpenMetrics. */
    private static final String BROKEN_0_0_4 = """
            # HELP rpc_seconds RPC latency.
            # TYPE rpc_seconds histogram
            rpc_seconds_bucket{app="broken",le="0.1"} -1
            rpc_seconds_bucket{app="broken",le="+Inf"} 2
            rpc_seconds_count{app="broken"} 2
            rpc_seconds_sum{app="broken"} 0.3
            """;

    /** Decreasing cumulative buckets: as invalid for OpenMetrics as a negative count. */
    private static final String DECREASING_0_0_4 = """
            # TYPE rpc_seconds histogram
            rpc_seconds_bucket{app="decreasing",le="0.1"} 5
            rpc_seconds_bucket{app="decreasing",le="+Inf"} 3
            rpc_seconds_count{app="decreasing"} 3
            rpc_seconds_sum{app="decreasing"} 0.3
            """;

    private static final String HEALTHY_OPENMETRICS = """
            # TYPE rpc_seconds histogram
            # UNIT rpc_seconds seconds
            # HELP rpc_seconds RPC latency.
            rpc_seconds_bucket{app="healthy",le="0.1"} 1 # {trace_id="abc"} 0.05
            rpc_seconds_bucket{app="healthy",le="+Inf"} 3 # {trace_id="def"} 0.7
            rpc_seconds_count{app="healthy"} 3
            rpc_seconds_sum{app="healthy"} 1.2
            # EOF
            """;

    @Test
    void keepsTheHealthyTargetsHistogramWithItsExemplarsWhenAnEarlierTargetsBreaksOpenMetrics() throws Exception {
        Written written = write(
                ExpositionFormat.OPENMETRICS,
                parse(BROKEN_0_0_4, ExpositionFormat.PROMETHEUS_TEXT),
                parse(HEALTHY_OPENMETRICS, ExpositionFormat.OPENMETRICS));

        assertThat(written.body).isEqualTo(healthyAlone());
        assertThat(written.dropped).isEqualTo(Map.of(MetricType.HISTOGRAM, 4));
        assertStrictlyValid(written.body);
    }

    @Test
    void keepsTheHealthyTargetsHistogramWhenALaterTargetsBucketsDecrease() throws Exception {
        Written written = write(
                ExpositionFormat.OPENMETRICS,
                parse(HEALTHY_OPENMETRICS, ExpositionFormat.OPENMETRICS),
                parse(DECREASING_0_0_4, ExpositionFormat.PROMETHEUS_TEXT));

        assertThat(written.body).isEqualTo(healthyAlone());
        assertThat(written.dropped).isEqualTo(Map.of(MetricType.HISTOGRAM, 4));
        assertStrictlyValid(written.body);
    }

    @Test
    void writesTheSameBodyInText0_0_4AsBefore() throws Exception {
        Written written = write(
                ExpositionFormat.PROMETHEUS_TEXT,
                parse(BROKEN_0_0_4, ExpositionFormat.PROMETHEUS_TEXT),
                parse(HEALTHY_OPENMETRICS, ExpositionFormat.OPENMETRICS));

        assertThat(written.body).isEqualTo("""
                # HELP rpc_seconds RPC latency.
                # TYPE rpc_seconds histogram
                rpc_seconds_bucket{app="broken",le="0.1"} -1
                rpc_seconds_bucket{app="broken",le="+Inf"} 2
                rpc_seconds_count{app="broken"} 2
                rpc_seconds_sum{app="broken"} 0.3
                rpc_seconds_bucket{app="healthy",le="0.1"} 1
                rpc_seconds_bucket{app="healthy",le="+Inf"} 3
                rpc_seconds_count{app="healthy"} 3
                rpc_seconds_sum{app="healthy"} 1.2
                """);
        assertThat(written.dropped).isEmpty();
    }

    @Test
    void stillWritesAnOffenderThatIsAloneInItsFamilyAsUnknown() throws Exception {
        Written written = write(
                ExpositionFormat.OPENMETRICS,
                parse(BROKEN_0_0_4, ExpositionFormat.PROMETHEUS_TEXT),
                parse(DECREASING_0_0_4, ExpositionFormat.PROMETHEUS_TEXT));

        assertThat(written.body).isEqualTo("""
                # TYPE rpc_seconds_bucket unknown
                # HELP rpc_seconds_bucket RPC latency.
                rpc_seconds_bucket{app="broken",le="0.1"} -1
                rpc_seconds_bucket{app="broken",le="+Inf"} 2
                rpc_seconds_bucket{app="decreasing",le="0.1"} 5
                rpc_seconds_bucket{app="decreasing",le="+Inf"} 3
                # TYPE rpc_seconds_count unknown
                # HELP rpc_seconds_count RPC latency.
                rpc_seconds_count{app="broken"} 2
                rpc_seconds_count{app="decreasing"} 3
                # TYPE rpc_seconds_sum unknown
                # HELP rpc_seconds_sum RPC latency.
                rpc_seconds_sum{app="broken"} 0.3
                rpc_seconds_sum{app="decreasing"} 0.3
                # EOF
                """);
        assertThat(written.dropped).isEmpty();
        assertStrictlyValid(written.body);
    }

    @Test
    void keepsACounterWithExemplarsWhenAnother0_0_4TargetsLacksTotal() throws Exception {
        Written written = write(
                ExpositionFormat.OPENMETRICS,
                parse("""
                        # TYPE jobs counter
                        jobs{app="old"} 4
                        """, ExpositionFormat.PROMETHEUS_TEXT),
                parse("""
                        # TYPE jobs counter
                        jobs_total{app="new"} 7 # {trace_id="x"} 1
                        # EOF
                        """, ExpositionFormat.OPENMETRICS));

        assertThat(written.body).isEqualTo("""
                # TYPE jobs counter
                jobs_total{app="new"} 7 # {trace_id="x"} 1
                # EOF
                """);
        assertThat(written.dropped).isEqualTo(Map.of(MetricType.COUNTER, 1));
        assertStrictlyValid(written.body);
    }

    @Test
    void leavesOutTheCreatedGaugeThatTheOffendingCounterFoldsIn() throws Exception {
        Written written = write(
                ExpositionFormat.OPENMETRICS,
                parse("""
                        # TYPE jobs_total counter
                        jobs_total{app="old"} -3
                        # TYPE jobs_created gauge
                        jobs_created{app="old"} 1600000000
                        """, ExpositionFormat.PROMETHEUS_TEXT),
                parse("""
                        # TYPE jobs counter
                        jobs_total{app="new"} 7 # {trace_id="x"} 1
                        jobs_created{app="new"} 1600000001
                        # EOF
                        """, ExpositionFormat.OPENMETRICS));

        assertThat(written.body).isEqualTo("""
                # TYPE jobs counter
                jobs_total{app="new"} 7 # {trace_id="x"} 1
                jobs_created{app="new"} 1600000001
                # EOF
                """);
        assertThat(written.dropped).isEqualTo(Map.of(MetricType.COUNTER, 2));
        assertStrictlyValid(written.body);
    }

    /** The healthy target's exposition written alone: with its type, unit and exemplars. */
    private static String healthyAlone() throws Exception {
        String alone =
                write(ExpositionFormat.OPENMETRICS, parse(HEALTHY_OPENMETRICS, ExpositionFormat.OPENMETRICS)).body;
        assertThat(alone).isEqualTo(HEALTHY_OPENMETRICS);
        return alone;
    }

    private static Exposition parse(String body, ExpositionFormat format) throws ExpositionParseException {
        return ExpositionParser.parse(body, format);
    }

    private record Written(String body, Map<MetricType, Integer> dropped) {}

    /** What {@code /metrics} does with the targets' expositions for this output format. */
    private static Written write(ExpositionFormat format, Exposition... expositions) throws IOException {
        List<Exposition> parts = List.of(expositions);
        Map<MetricType, Integer> dropped = Map.of();
        if (format == ExpositionFormat.OPENMETRICS) {
            OpenMetricsIsolation.Isolated isolated = OpenMetricsIsolation.isolate(parts);
            parts = isolated.expositions();
            dropped = isolated.droppedSeries();
        }
        MergeResult merged = new FirstTypeWinsMerger().merge(parts);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExpositionWriter.write(merged.exposition().families(), format, out);
        return new Written(out.toString(StandardCharsets.UTF_8), dropped);
    }

    private static void assertStrictlyValid(String openMetrics) {
        assertThatCode(() -> ExpositionParser.parse(openMetrics, ExpositionFormat.OPENMETRICS))
                .doesNotThrowAnyException();
    }
}
