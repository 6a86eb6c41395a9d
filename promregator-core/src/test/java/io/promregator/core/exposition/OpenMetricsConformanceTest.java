package io.promregator.core.exposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The OpenMetrics conformance corpus (tests/testdata/parsers of OpenObservability/OpenMetrics): every
 * case whose test.json says {@code "shouldParse": true} must parse, every other case must fail, but for
 * the deviations listed here.
 */
class OpenMetricsConformanceTest {
    /**
     * Cases the parser accepts although the corpus wants them rejected, because it must also accept what
     * Go's client library exposes for negative observations (see alltypes.5mfs.om.txt): a histogram with
     * negative buckets and a {@code _sum}, a negative summary {@code _sum}, a negative quantile value.
     */
    static final Set<String> KNOWN_DEVIATIONS =
            Set.of("bad_histograms_3", "bad_counter_values_17", "bad_counter_values_19");

    /**
     * Cases the corpus wants parsed that the parser rejects on purpose: a timestamp of about 1.2e19
     * seconds has no millisecond a 64-bit integer holds (Prometheus' own parser turns it into a garbage
     * timestamp), and saturating it would silently move the sample in time.
     */
    static final Set<String> REJECTED_ON_PURPOSE = Set.of("timestamps");

    static Stream<String> cases() throws IOException, URISyntaxException {
        try (Stream<Path> dirs = Files.list(corpus())) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    private static Path corpus() throws URISyntaxException {
        return Path.of(OpenMetricsConformanceTest.class
                .getResource("/corpus/openmetrics-parsers")
                .toURI());
    }

    private static boolean shouldParse(String name) throws IOException, URISyntaxException {
        String json = Files.readString(corpus().resolve(name).resolve("test.json"));
        return json.replaceAll("\\s", "").contains("\"shouldParse\":true");
    }

    private static byte[] metrics(String name) throws IOException, URISyntaxException {
        return Files.readAllBytes(corpus().resolve(name).resolve("metrics"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void followsTheCorpus(String name) throws Exception {
        byte[] body = metrics(name);
        if (REJECTED_ON_PURPOSE.contains(name)) {
            assertThatThrownBy(() -> ExpositionParser.parse(body, ExpositionFormat.OPENMETRICS))
                    .hasMessageContaining("is out of range");
        } else if (shouldParse(name)) {
            assertThatCode(() -> ExpositionParser.parse(body, ExpositionFormat.OPENMETRICS))
                    .doesNotThrowAnyException();
        } else if (KNOWN_DEVIATIONS.contains(name)) {
            assertThatCode(() -> ExpositionParser.parse(body, ExpositionFormat.OPENMETRICS))
                    .as("known deviation %s now fails: remove it from KNOWN_DEVIATIONS", name)
                    .doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> ExpositionParser.parse(body, ExpositionFormat.OPENMETRICS))
                    .isInstanceOf(ExpositionParseException.class);
        }
    }

    @Test
    void knowsExactlyTheListedDeviations() throws Exception {
        List<String> accepted = new ArrayList<>();
        for (String name : cases().toList()) {
            if (!shouldParse(name)) {
                try {
                    ExpositionParser.parse(metrics(name), ExpositionFormat.OPENMETRICS);
                    accepted.add(name);
                } catch (ExpositionParseException expected) {
                    // rejected, as the corpus wants
                }
            }
        }
        assertThat(accepted).containsExactlyInAnyOrderElementsOf(KNOWN_DEVIATIONS);
    }

    @Test
    void coversTheWholeCorpus() throws Exception {
        assertThat(cases()).hasSize(211);
    }
}
