package io.promregator.core.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.Target;
import io.promregator.core.enrich.CfLabelEnricher;
import io.promregator.core.enrich.LabelConflict;
import io.promregator.core.testing.Promtool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile but valid input never breaks our output: every exposition the OpenMetrics corpus calls valid
 * (escapes, NaN, exemplars, odd histograms, info, stateset, timestamps ...) is enriched with a target's
 * labels as {@code /metrics} would, and written in both formats. The OpenMetrics output must pass our
 * strict parser and the text output promtool, and both must carry exactly the enriched samples. The
 * cases our parser refuses on purpose are left out.
 */
class CorpusRewriteIT {
    private static final CfLabelEnricher ENRICHER = new CfLabelEnricher(LabelConflict.EXPORTED);

    static Stream<String> validCases() throws Exception {
        List<String> valid = new ArrayList<>();
        for (String name : OpenMetricsConformanceTest.cases().toList()) {
            if (Files.readString(corpus().resolve(name).resolve("test.json"))
                    .replaceAll("\\s", "")
                    .contains("\"shouldParse\":true")) {
                valid.add(name);
            }
        }
        assertThat(valid).hasSize(44);
        return valid.stream().filter(name -> !OpenMetricsConformanceTest.REJECTED_ON_PURPOSE.contains(name));
    }

    private static Path corpus() throws Exception {
        return Path.of(
                CorpusRewriteIT.class.getResource("/corpus/openmetrics-parsers").toURI());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validCases")
    void enrichedAndRewrittenStaysValidInBothFormats(String name) throws Exception {
        Exposition parsed = ExpositionParser.parse(
                Files.readAllBytes(corpus().resolve(name).resolve("metrics")), ExpositionFormat.OPENMETRICS);
        Exposition enriched = ENRICHER.enrich(parsed, Target.cfLabels("org", "space", "app", "0f0e-guid", 3));

        String openMetrics = ExpositionWriter.toString(enriched.families(), ExpositionFormat.OPENMETRICS);
        String text = ExpositionWriter.toString(enriched.families(), ExpositionFormat.PROMETHEUS_TEXT);

        assertThat(SamplePoints.of(ExpositionParser.parse(openMetrics, ExpositionFormat.OPENMETRICS)))
                .isEqualTo(SamplePoints.of(enriched));
        assertThat(SamplePoints.of(ExpositionParser.parse(text, ExpositionFormat.PROMETHEUS_TEXT)))
                .as(text)
                .isEqualTo(SamplePoints.of(enriched));
        Promtool.Result check = Promtool.checkMetrics(text);
        assertThat(check.parseErrors()).as(text).isEmpty();
        assertThat(check.exitCode()).as(check.output()).isIn(0, 3);
    }
}
