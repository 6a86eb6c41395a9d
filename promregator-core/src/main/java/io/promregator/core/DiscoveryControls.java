package io.promregator.core;

import java.util.Optional;
import java.util.Set;

/**
 * What the server's discovery endpoints act on: the caches behind {@code /cache/invalidate} and the
 * diagnosis behind {@code /explainTargets}. Thread-safe.
 */
public interface DiscoveryControls {
    /** The original's {@code /cache/invalidate} parameter names. */
    Set<String> CACHES = Set.of("org", "space", "application", "domain", "route", "process", "resolver");

    /** Empties the named caches (a subset of {@link #CACHES}). */
    void invalidate(Set<String> caches);

    /** For each configured target, what it matched and why each candidate was dropped, as text. */
    String explain();

    /** Whether the first discovery of targets has completed, with or without success ({@code /-/ready}). */
    default boolean firstDiscoveryCompleted() {
        return true;
    }

    /**
     * Whether a discovery of targets has succeeded. Until one has, {@code /metrics} lacks the targets it
     * will find and says so ({@code promregator_discovery_incomplete}).
     */
    default boolean discoverySucceeded() {
        return true;
    }

    /** Why the first discovery failed, once it has failed; shown on {@code /-/ready}. */
    default Optional<String> firstDiscoveryFailure() {
        return Optional.empty();
    }

    /**
     * Whether {@code /-/ready} answers 503 until the first discovery has completed
     * ({@code promregator.discoverer.readyAfterFirstDiscovery}).
     */
    default boolean readyAfterFirstDiscovery() {
        return false;
    }

    /** Controls for an aggregator without Cloud Foundry targets: nothing to empty or explain. */
    DiscoveryControls NONE = new DiscoveryControls() {
        @Override
        public void invalidate(Set<String> caches) {}

        @Override
        public String explain() {
            return "No Cloud Foundry targets are configured (promregator.targets is empty).\n";
        }
    };
}
