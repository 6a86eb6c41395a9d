package io.promregator.core;

import io.promregator.core.exposition.Exposition;
import io.promregator.core.exposition.FamilySource;
import io.promregator.core.exposition.MetricType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Merges the expositions of several targets into one valid exposition. Stateless and thread-safe.
 */
public interface ExpositionMerger {
    /**
     * @param expositions in a stable order (the order of the targets); earlier ones win conflicts
     */
    MergeResult merge(List<Exposition> expositions);

    /**
     * @param typeConflicts families whose samples were dropped because a target declared another type
     * @param duplicateSeries samples dropped because an earlier one had the same name and labels and they
     *     are no later point of that series (both timestamped, this one later)
     */
    record MergeResult(Exposition exposition, int typeConflicts, int duplicateSeries) {}

    /**
     * A merge that takes the expositions one at a time, so that they need not all be held at once (for
     * {@code /metrics} over many targets); empty when this merger has none, and {@link #merge} is used.
     * For OpenMetrics output it also leaves out what {@link io.promregator.core.exposition.OpenMetricsIsolation} would.
     *
     * @param count how many expositions will be put, at positions 0 to count - 1 (the merge order)
     */
    default Optional<Incremental> incremental(int count, boolean openMetrics) {
        return Optional.empty();
    }

    /** An incremental merge; close it to release what it holds. */
    interface Incremental extends AutoCloseable {
        /** Hands in the exposition at {@code index}, which the caller may then let go. Thread-safe. */
        void put(int index, Exposition exposition);

        /** The merge of everything put (a position never put counts as empty), to be written once. */
        Merged finish();

        @Override
        void close();
    }

    /** The merged families, read one at a time; the counts are complete once every family was read. */
    interface Merged extends FamilySource {
        /** Families dropped because an earlier exposition's family claims one of their names. */
        int typeConflicts();

        /** Samples dropped as duplicates among the families read so far. */
        int duplicateSeries();

        /** For OpenMetrics output, per family type, the samples the isolation left out. */
        Map<MetricType, Integer> droppedSeries();
    }
}
