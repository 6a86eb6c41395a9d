package io.promregator.core;

import io.promregator.core.exposition.Exposition;
import java.util.List;

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
}
