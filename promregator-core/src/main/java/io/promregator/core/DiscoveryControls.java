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

    /**
     * Why discovery cannot work now, for {@code /-/ready} (which answers 503 with it): the Cloud Foundry login
     * is refused, for instance. Empty when nothing stands in its way; by default always empty.
     */
    default Optional<String> notReady() {
        return Optional.empty();
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
