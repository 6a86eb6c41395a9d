package io.promregator.core.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Real expositions from Prometheus' own test data (corpus/prometheus-payloads). */
class RealPayloadTest {
    private static byte[] payload(String name) throws IOException {
        try (InputStream in = RealPayloadTest.class.getResourceAsStream("/corpus/prometheus-payloads/" + name)) {
            return in.readAllBytes();
        }
    }

    private static MetricFamily family(Exposition exposition, String name, MetricType type) {
        return exposition.families().stream()
                .filter(f -> f.name().equals(name) && f.type() == type)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void readsAPrometheusServersTextExposition() throws Exception {
        Exposition exposition =
                ExpositionParser.parse(payload("alltypes.237mfs.prom.txt"), ExpositionFormat.PROMETHEUS_TEXT);

        assertThat(exposition.families()).hasSize(237);
        assertThat(exposition.sampleCount()).isEqualTo(1857);
        assertThat(exposition.families()).allSatisfy(f -> assertThat(f.help()).isNotEmpty());
        assertThat(exposition.families()).noneSatisfy(f -> assertThat(f.type()).isEqualTo(MetricType.UNKNOWN));
        assertThat(family(exposition, "go_gc_cycles_total_gc_cycles", MetricType.COUNTER)
                        .samples())
                .extracting(Sample::name)
                .containsExactly("go_gc_cycles_total_gc_cycles_total");
        MetricFamily gcDuration = family(exposition, "go_gc_duration_seconds", MetricType.SUMMARY);
        assertThat(gcDuration.samples()).hasSize(7);
        assertThat(gcDuration.samples().get(6))
                .isEqualTo(new Sample("go_gc_duration_seconds_count", Labels.EMPTY, 190932));
    }

    @Test
    void readsTheSameExpositionWithoutMetadataAsUntypedFamilyPerSampleName() throws Exception {
        Exposition exposition =
                ExpositionParser.parse(payload("alltypes.237mfs.nometa.prom.txt"), ExpositionFormat.PROMETHEUS_TEXT);

        assertThat(exposition.sampleCount()).isEqualTo(1857);
        assertThat(exposition.families()).allSatisfy(f -> {
            assertThat(f.type()).isEqualTo(MetricType.UNKNOWN);
            assertThat(f.samples()).allSatisfy(s -> assertThat(s.name()).isEqualTo(f.name()));
        });
    }

    @Test
    void readsAGoClientsOpenMetricsExposition() throws Exception {
        Exposition exposition = ExpositionParser.parse(payload("alltypes.5mfs.om.txt"), ExpositionFormat.OPENMETRICS);

        assertThat(exposition.families())
                .extracting(MetricFamily::name)
                .containsExactly(
                        "go_build_info",
                        "promhttp_metric_handler_errors",
                        "rpc_durations_histogram_seconds",
                        "rpc_durations_seconds",
                        "rpc_requests");
        assertThat(exposition.sampleCount()).isEqualTo(53);
        Sample bucket = family(exposition, "rpc_durations_histogram_seconds", MetricType.HISTOGRAM)
                .samples()
                .get(7);
        assertThat(bucket.labels()).isEqualTo(Labels.of("le", "-0.0002899999999999998"));
        assertThat(bucket.exemplar())
                .isEqualTo(Optional.of(
                        new Exemplar(Labels.of("dummyID", "17783"), -0.0003825067330956884, 1_726_839_814_224L)));
    }
}
