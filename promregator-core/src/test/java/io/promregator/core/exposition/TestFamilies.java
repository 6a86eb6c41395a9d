package io.promregator.core.exposition;

import java.util.List;
import java.util.Optional;

/** Short builders for metric families in tests. */
final class TestFamilies {
    private TestFamilies() {}

    static Sample sample(String name, double value, String... labels) {
        return new Sample(name, Labels.of(labels), value);
    }

    static Sample timed(String name, double value, long timestampMillis, String... labels) {
        return new Sample(name, Labels.of(labels), value, timestampMillis, Optional.empty());
    }

    static Sample withExemplar(Sample sample, Exemplar exemplar) {
        return new Sample(
                sample.name(), sample.labels(), sample.value(), sample.timestampMillis(), Optional.of(exemplar));
    }

    static Exemplar exemplar(double value, String... labels) {
        return new Exemplar(Labels.of(labels), value, Sample.NO_TIMESTAMP);
    }

    static MetricFamily family(String name, MetricType type, String help, Sample... samples) {
        return new MetricFamily(name, type, help, "", List.of(samples));
    }

    static MetricFamily family(String name, MetricType type, String help, String unit, Sample... samples) {
        return new MetricFamily(name, type, help, unit, List.of(samples));
    }

    static String text(MetricFamily... families) {
        return ExpositionWriter.toString(List.of(families), ExpositionFormat.PROMETHEUS_TEXT);
    }

    static String openMetrics(MetricFamily... families) {
        return ExpositionWriter.toString(List.of(families), ExpositionFormat.OPENMETRICS);
    }
}
