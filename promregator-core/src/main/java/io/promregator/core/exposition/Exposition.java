package io.promregator.core.exposition;

import java.util.List;

/** A parsed exposition: its metric families in the order they first appeared. */
public record Exposition(List<MetricFamily> families) {
    public static final Exposition EMPTY = new Exposition(List.of());

    public Exposition {
        families = List.copyOf(families);
    }

    /** The number of samples in all families. */
    public int sampleCount() {
        int n = 0;
        for (MetricFamily family : families) {
            n += family.samples().size();
        }
        return n;
    }
}
