package io.promregator.core;

import io.promregator.core.exposition.Exposition;
import io.promregator.core.exposition.FamilySource;
import io.promregator.core.exposition.Labels;
import io.promregator.core.exposition.MetricFamily;
import io.promregator.core.exposition.MetricType;
import io.promregator.core.exposition.Sample;
import java.util.ArrayList;
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
     * Whether merging, then appending to every sample of one exposition labels that none of its samples
     * has, gives what appending first and then merging gives, when that exposition shares no sample name
     * with the others: then one target's labels can be written in one pass after the merge, without
     * rebuilding its samples. Default: false; {@code FirstTypeWinsMerger}, which decides by names and by
     * the equality of labels, says true.
     */
    default boolean mergesAlikeWithLabelsAppended() {
        return false;
    }

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

        /**
         * Hands in the exposition at {@code index} with {@code appended} after every sample's own labels,
         * which no sample of it has, as if each sample had been rebuilt with them. The caller makes sure
         * that the output rules read none of their names
         * ({@link io.promregator.core.exposition.ExpositionWriter#canAppend}). Default: rebuilds the samples.
         */
        default void put(int index, Exposition exposition, Labels appended) {
            List<MetricFamily> families = new ArrayList<>(exposition.families().size());
            for (MetricFamily family : exposition.families()) {
                List<Sample> samples = new ArrayList<>(family.samples().size());
                for (Sample sample : family.samples()) {
                    Labels own = sample.labels();
                    String[] names = new String[own.size() + appended.size()];
                    String[] values = new String[names.length];
                    for (int i = 0; i < names.length; i++) {
                        boolean first = i < own.size();
                        names[i] = first ? own.name(i) : appended.name(i - own.size());
                        values[i] = first ? own.value(i) : appended.value(i - own.size());
                    }
                    samples.add(sample.withLabels(Labels.fromArrays(names, values)));
                }
                families.add(family.withSamples(samples));
            }
            put(index, new Exposition(families));
        }

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
