package io.promregator.core;

import java.util.List;

/**
 * Finds the targets to scrape. Implementations are thread-safe: every request to the server may call
 * {@link #resolve()} concurrently, so implementations cache as they see fit.
 */
public interface TargetResolver {
    /** The current targets, in a stable order; never null, possibly empty. */
    List<Target> resolve();
}
