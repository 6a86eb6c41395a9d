package io.promregator.core.metrics;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.common.TextFormat;
import io.promregator.core.exposition.Exposition;
import io.promregator.core.exposition.ExpositionFormat;
import io.promregator.core.exposition.ExpositionParseException;
import io.promregator.core.exposition.ExpositionParser;
import io.promregator.core.exposition.MetricFamily;
import io.promregator.core.exposition.Sample;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/** Writes a registry as simpleclient does for {@code /promregatorMetrics}, and reads it back with our parser. */
final class Expositions {
    private Expositions() {}

    static String write(CollectorRegistry registry, ExpositionFormat format) {
        StringWriter writer = new StringWriter();
        try {
            if (format == ExpositionFormat.OPENMETRICS) {
                TextFormat.writeOpenMetrics100(writer, registry.metricFamilySamples());
            } else {
                TextFormat.write004(writer, registry.metricFamilySamples());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return writer.toString();
    }

    static Exposition parse(CollectorRegistry registry, ExpositionFormat format) {
        try {
            return ExpositionParser.parse(write(registry, format), format);
        } catch (ExpositionParseException e) {
            throw new AssertionError("cannot parse our own " + format + " output", e);
        }
    }

    static Optional<MetricFamily> family(Exposition exposition, String name) {
        return exposition.families().stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The samples of this name, in every family. */
    static List<Sample> samples(Exposition exposition, String sampleName) {
        return exposition.families().stream()
                .flatMap(f -> f.samples().stream())
                .filter(s -> s.name().equals(sampleName))
                .toList();
    }

    static double value(Exposition exposition, String sampleName) {
        List<Sample> found = samples(exposition, sampleName);
        if (found.size() != 1) {
            throw new AssertionError("expected one sample " + sampleName + ", found " + found);
        }
        return found.get(0).value();
    }
}
