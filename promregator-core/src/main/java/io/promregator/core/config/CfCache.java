package io.promregator.core.config;

import java.util.Objects;

/**
 * Caching of Cloud Controller answers ({@code cf.cache.*}). Not implemented yet.
 *
 * @param type {@code CAFFEINE}; the original's V0 also had {@code CLASSIC}
 * @param timeout seconds after which an entry is refreshed
 * @param expiry seconds after which an entry not read is evicted
 * @param aggregator how route and process lookups of many applications are bundled
 */
public record CfCache(
        @Key(implemented = false) Type type,
        Timeout timeout,
        Expiry expiry,
        @Key(implemented = false) Aggregator aggregator) {
    public CfCache {
        type = Objects.requireNonNullElse(type, Type.CAFFEINE);
        timeout = Objects.requireNonNullElseGet(timeout, Timeout::defaults);
        expiry = Objects.requireNonNullElseGet(expiry, Expiry::defaults);
        aggregator = Objects.requireNonNullElseGet(aggregator, Aggregator::defaults);
    }

    public static CfCache defaults() {
        return new CfCache(null, null, null, null);
    }

    public enum Type {
        CAFFEINE,
        CLASSIC
    }

    /** {@code cf.cache.timeout.*} in seconds. */
    public record Timeout(
            @Key(Check.SECONDS) int org,
            @Key(Check.SECONDS) int space,
            @Key(Check.SECONDS) int application,
            @Key(Check.SECONDS) int domain,
            @Key(Check.SECONDS) int route,
            @Key(Check.SECONDS) int process,
            @Key(Check.SECONDS) int resolver) {
        public static Timeout defaults() {
            return new Timeout(3600, 3600, 300, 3600, 300, 300, 300);
        }
    }

    /** {@code cf.cache.expiry.*} in seconds. */
    public record Expiry(
            @Key(Check.SECONDS) int org,
            @Key(Check.SECONDS) int space,
            @Key(Check.SECONDS) int application,
            @Key(Check.SECONDS) int domain,
            @Key(Check.SECONDS) int route,
            @Key(Check.SECONDS) int process) {
        public static Expiry defaults() {
            return new Expiry(120, 120, 120, 300, 120, 120);
        }
    }

    /** {@code cf.cache.aggregator.*}. */
    public record Aggregator(Blocksize blocksize, Checkinterval checkinterval) {
        public Aggregator {
            blocksize = Objects.requireNonNullElseGet(blocksize, Blocksize::defaults);
            checkinterval = Objects.requireNonNullElseGet(checkinterval, Checkinterval::defaults);
        }

        public static Aggregator defaults() {
            return new Aggregator(null, null);
        }
    }

    /** {@code cf.cache.aggregator.blocksize.*}: most application ids bundled into one request. */
    public record Blocksize(
            @Key(Check.AT_LEAST_ONE) int route,
            @Key(Check.AT_LEAST_ONE) int process) {
        public static Blocksize defaults() {
            return new Blocksize(100, 100);
        }
    }

    /** {@code cf.cache.aggregator.checkinterval.*}: milliseconds between bundling rounds. */
    public record Checkinterval(
            @Key(Check.MILLISECONDS) int route,
            @Key(Check.MILLISECONDS) int process) {
        public static Checkinterval defaults() {
            return new Checkinterval(125, 125);
        }
    }
}
