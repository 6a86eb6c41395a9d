package io.promregator.core.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.testing.Promtool;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Real payloads through parse → write → parse: the same samples, and promtool accepts the text output. */
class RoundTripIT {
    private static final String PROM = "/corpus/prometheus-payloads/alltypes.237mfs.prom.txt";
    private static final String OM = "/corpus/prometheus-payloads/alltypes.5mfs.om.txt";

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = RoundTripIT.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @EnumSource(ExpositionFormat.class)
    void prometheusPayloadKeepsEverySampleInBothFormats(ExpositionFormat output) throws Exception {
        Exposition parsed = ExpositionParser.parse(resource(PROM), ExpositionFormat.PROMETHEUS_TEXT);

        String written = ExpositionWriter.toString(parsed.families(), output);
        Exposition reparsed = ExpositionParser.parse(written, output);

        assertThat(parsed.sampleCount()).isEqualTo(1857);
        assertThat(SamplePoints.of(reparsed)).isEqualTo(SamplePoints.of(parsed));
        assertThat(reparsed.sampleCount()).isEqualTo(parsed.sampleCount());
    }

    @ParameterizedTest
    @EnumSource(ExpositionFormat.class)
    void openMetricsPayloadKeepsEverySampleInBothFormats(ExpositionFormat output) throws Exception {
        Exposition parsed = ExpositionParser.parse(resource(OM), ExpositionFormat.OPENMETRICS);

        Exposition reparsed = ExpositionParser.parse(ExpositionWriter.toString(parsed.families(), output), output);

        assertThat(SamplePoints.of(reparsed)).isEqualTo(SamplePoints.of(parsed));
    }

    @Test
    void promtoolFindsNothingInOurTextOutputThatItDidNotFindInTheInput() throws Exception {
        byte[] input = resource(PROM);
        Exposition parsed = ExpositionParser.parse(input, ExpositionFormat.PROMETHEUS_TEXT);

        Promtool.Result original = Promtool.checkMetrics(new String(input, StandardCharsets.UTF_8));
        Promtool.Result ours =
                Promtool.checkMetrics(ExpositionWriter.toString(parsed.families(), ExpositionFormat.PROMETHEUS_TEXT));

        assertThat(ours.parseErrors()).isEmpty();
        assertThat(ours.lintProblems()).containsExactlyInAnyOrderElementsOf(original.lintProblems());
        assertThat(ours.exitCode()).isEqualTo(original.exitCode());
    }

    @Test
    void promtoolReadsTheTextOutputOfTheOpenMetricsPayload() throws Exception {
        Exposition parsed = ExpositionParser.parse(resource(OM), ExpositionFormat.OPENMETRICS);

        Promtool.Result result =
                Promtool.checkMetrics(ExpositionWriter.toString(parsed.families(), ExpositionFormat.PROMETHEUS_TEXT));

        assertThat(result.parseErrors()).isEmpty();
        assertThat(result.exitCode()).as(result.output()).isIn(0, 3);
    }

    @Test
    void writingTwiceGivesTheSameBytes() throws Exception {
        Exposition parsed = ExpositionParser.parse(resource(PROM), ExpositionFormat.PROMETHEUS_TEXT);
        String once = ExpositionWriter.toString(parsed.families(), ExpositionFormat.OPENMETRICS);

        String twice = ExpositionWriter.toString(
                ExpositionParser.parse(once, ExpositionFormat.OPENMETRICS).families(), ExpositionFormat.OPENMETRICS);

        assertThat(twice).isEqualTo(once);
    }
}
