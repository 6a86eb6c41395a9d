package io.promregator.core;

import io.promregator.core.exposition.Exposition;
import io.promregator.core.exposition.Labels;

/**
 * Adds a target's labels to every sample of its exposition. Stateless and thread-safe; needs no
 * network, so metric enrichment can be unit-tested on its own.
 */
public interface LabelEnricher {
    /** The exposition with {@code labels} on every sample; never a duplicate label name. */
    Exposition enrich(Exposition exposition, Labels labels);
}
