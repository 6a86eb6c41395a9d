package io.promregator.core.exposition;

import java.util.Objects;
import java.util.Optional;

/**
 * One line of an exposition: a series (full sample name plus labels) and its value.
 *
 * @param name the full sample name, suffix included ({@code http_requests_total}, {@code rpc_bucket})
 * @param timestampMillis milliseconds since the epoch, or {@link #NO_TIMESTAMP}; OpenMetrics timestamps
 *     finer than a millisecond are rounded to the millisecond
 */
public record Sample(String name, Labels labels, double value, long timestampMillis, Optional<Exemplar> exemplar) {
    /** The timestamp of a sample that carries none. */
    public static final long NO_TIMESTAMP = Long.MIN_VALUE;

    public Sample {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(exemplar, "exemplar");
    }

    /** A sample without timestamp or exemplar. */
    public Sample(String name, Labels labels, double value) {
        this(name, labels, value, NO_TIMESTAMP, Optional.empty());
    }

    public boolean hasTimestamp() {
        return timestampMillis != NO_TIMESTAMP;
    }

    /** The same sample under other labels. */
    public Sample withLabels(Labels newLabels) {
        return new Sample(name, newLabels, value, timestampMillis, exemplar);
    }
}
