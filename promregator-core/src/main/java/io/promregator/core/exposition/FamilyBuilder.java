package io.promregator.core.exposition;

import java.util.ArrayList;
import java.util.List;

/** A metric family while it is being read: metadata that may still change, and samples so far. */
final class FamilyBuilder {
    String name;
    MetricType type = MetricType.UNKNOWN;
    String help = "";
    String unit = "";
    boolean typeSet;
    boolean helpSet;
    boolean unitSet;
    /** The line where the family was first seen, for errors found when the whole exposition is read. */
    final int firstLine;

    final List<Sample> samples = new ArrayList<>();

    FamilyBuilder(String name, int firstLine) {
        this.name = name;
        this.firstLine = firstLine;
    }

    MetricFamily build() {
        return new MetricFamily(name, type, help, unit, samples);
    }
}
