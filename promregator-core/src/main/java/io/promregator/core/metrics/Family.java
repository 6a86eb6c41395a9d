package io.promregator.core.metrics;

import io.prometheus.client.Collector.MetricFamilySamples;
import io.prometheus.client.Collector.MetricFamilySamples.Sample;
import io.prometheus.client.Collector.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * One simpleclient metric family, filled with values read at collection time: the sample names follow
 * the type ({@code _total} for a counter, {@code _info} for an info, {@code _count} and {@code _sum} for a
 * summary without quantiles). Not thread-safe; made and dropped within one collection.
 */
final class Family {
    private final String name;
    private final Type type;
    private final String help;
    private final List<String> labelNames;
    private final List<Sample> samples = new ArrayList<>();
    private String unit = "";

    private Family(String name, Type type, String help, String... labelNames) {
        this.name = name;
        this.type = type;
        this.help = help;
        this.labelNames = List.of(labelNames);
    }

    static Family gauge(String name, String help, String... labelNames) {
        return new Family(name, Type.GAUGE, help, labelNames);
    }

    /** A counter; {@code name} without {@code _total}. */
    static Family counter(String name, String help, String... labelNames) {
        return new Family(name, Type.COUNTER, help, labelNames);
    }

    /** A summary without quantiles: only {@code _count} and {@code _sum}. */
    static Family summary(String name, String help, String... labelNames) {
        return new Family(name, Type.SUMMARY, help, labelNames);
    }

    /** An info; {@code name} without {@code _info}. */
    static Family info(String name, String help, String... labelNames) {
        return new Family(name, Type.INFO, help, labelNames);
    }

    /** The unit, which the name must end with (after an underscore), for OpenMetrics' {@code # UNIT}. */
    Family unit(String value) {
        if (!name.endsWith("_" + value)) {
            throw new IllegalArgumentException(name + " must end with _" + value);
        }
        unit = value;
        return this;
    }

    /** A gauge's or counter's value, or an info's labels (value 1), for these label values. */
    Family add(double value, String... labelValues) {
        String sampleName = switch (type) {
            case COUNTER -> name + "_total";
            case INFO -> name + "_info";
            case GAUGE -> name;
            default -> throw new IllegalStateException("use addSummary for " + type);
        };
        samples.add(sample(sampleName, type == Type.INFO ? 1 : value, labelValues));
        return this;
    }

    Family addSummary(long count, double sum, String... labelValues) {
        if (type != Type.SUMMARY) {
            throw new IllegalStateException("not a summary: " + name);
        }
        samples.add(sample(name + "_count", count, labelValues));
        samples.add(sample(name + "_sum", sum, labelValues));
        return this;
    }

    boolean isEmpty() {
        return samples.isEmpty();
    }

    MetricFamilySamples build() {
        return new MetricFamilySamples(name, unit, type, help, List.copyOf(samples));
    }

    private Sample sample(String sampleName, double value, String... labelValues) {
        if (labelValues.length != labelNames.size()) {
            throw new IllegalArgumentException(
                    name + " has labels " + labelNames + "; values given: " + List.of(labelValues));
        }
        return new Sample(sampleName, labelNames, List.of(labelValues), value);
    }
}
