package io.promregator.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
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
     * The current discovery as data, for the targets page: which instances each configured target found.
     * Served from the discovery the scrapes use; never a scrape. None by default.
     */
    default Matches matches() {
        return Matches.NONE;
    }

    /**
     * The current discovery's matches.
     *
     * @param at when the discovery ran; empty when none has
     * @param error the Cloud Controller failure that stopped it, if one did
     * @param targets one entry per configured target, in configuration order
     */
    record Matches(Optional<Instant> at, Optional<String> error, List<Configured> targets) {
        public static final Matches NONE = new Matches(Optional.empty(), Optional.empty(), List.of());

        public Matches {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(error, "error");
            targets = List.copyOf(targets);
        }
    }

    /**
     * What one configured target matched.
     *
     * @param key where it is configured, e.g. {@code promregator.targets[0]}
     * @param description its filters, e.g. {@code orgName "shop", any space, applicationRegex "api-.*"}
     * @param matched one line per application kept
     * @param dropped one line per candidate dropped, with the reason
     * @param instanceIds the ids of the instances it discovered
     */
    record Configured(
            String key, String description, List<String> matched, List<String> dropped, List<String> instanceIds) {
        public Configured {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(description, "description");
            matched = List.copyOf(matched);
            dropped = List.copyOf(dropped);
            instanceIds = List.copyOf(instanceIds);
        }
    }

    /**
     * Why discovery cannot work now, for {@code /-/ready} (which answers 503 with it): the Cloud Foundry login
     * is refused, for instance. Empty when nothing stands in its way; by default always empty.
     */
    default Optional<String> notReady() {
        return Optional.empty();
    }

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
