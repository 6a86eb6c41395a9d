package io.promregator.core.exposition;

import java.util.List;
import java.util.Objects;

/**
 * A metric family: its metadata and its samples, in exposition order.
 *
 * <p>Names follow OpenMetrics whatever format the family was read from, so that families from
 * targets speaking different formats merge by name:
 *
 * <ul>
 *   <li>{@code name} is the family name. A counter {@code foo} has samples {@code foo_total} and
 *       {@code foo_created}; a 0.0.4 {@code # TYPE foo_total counter} becomes family {@code foo}.
 *   <li>A 0.0.4 counter whose sample has no {@code _total} suffix keeps its name: family {@code foo},
 *       sample {@code foo}. Sample names are never changed: they are the user's series.
 *   <li>Histograms: {@code _bucket} (label {@code le}), {@code _count}, {@code _sum}, {@code _created};
 *       gauge histograms: {@code _bucket}, {@code _gcount}, {@code _gsum}; summaries: the bare name
 *       (label {@code quantile}), {@code _count}, {@code _sum}, {@code _created}; info: {@code _info};
 *       stateset, gauge and unknown: the bare name.
 * </ul>
 *
 * @param help the HELP text, unescaped; empty when the family has none
 * @param unit the OpenMetrics UNIT; empty when none
 */
public record MetricFamily(String name, MetricType type, String help, String unit, List<Sample> samples) {
    public MetricFamily {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(help, "help");
        Objects.requireNonNull(unit, "unit");
        samples = List.copyOf(samples);
    }

    /** The same metadata with other samples. */
    public MetricFamily withSamples(List<Sample> newSamples) {
        return new MetricFamily(name, type, help, unit, newSamples);
    }
}
