package io.promregator.core.exposition;

import java.util.Objects;

/**
 * An OpenMetrics exemplar: a labelled example value attached to a counter or bucket sample.
 *
 * @param timestampMillis milliseconds since the epoch, or {@link Sample#NO_TIMESTAMP}
 */
public record Exemplar(Labels labels, double value, long timestampMillis) {
    public Exemplar {
        Objects.requireNonNull(labels, "labels");
    }

    public boolean hasTimestamp() {
        return timestampMillis != Sample.NO_TIMESTAMP;
    }
}
