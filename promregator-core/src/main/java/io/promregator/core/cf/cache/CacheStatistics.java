package io.promregator.core.cf.cache;

import java.util.Objects;

/**
 * What one {@link RefreshingCache} did since it was made.
 *
 * @param name the cache, e.g. {@code "route"}
 * @param hits reads served a loaded value without waiting
 * @param misses reads that waited for a load: nothing cached, expired, or invalidated
 * @param loadSuccesses loads that gave a value: cold, background refresh, or reload after invalidation
 * @param loadFailures loads that threw
 * @param size the entries held now
 */
public record CacheStatistics(String name, long hits, long misses, long loadSuccesses, long loadFailures, int size) {
    public CacheStatistics {
        Objects.requireNonNull(name, "name");
    }
}
