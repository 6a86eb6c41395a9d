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
public record CfCache(Type type, Timeout timeout, Expiry expiry, Aggregator aggregator) {
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
    public record Timeout(int org, int space, int application, int domain, int route, int process, int resolver) {
        public static Timeout defaults() {
            return new Timeout(3600, 3600, 300, 3600, 300, 300, 300);
        }
    }

    /** {@code cf.cache.expiry.*} in seconds. */
    public record Expiry(int org, int space, int application, int domain, int route, int process) {
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
    public record Blocksize(int route, int process) {
        public static Blocksize defaults() {
            return new Blocksize(100, 100);
        }
    }

    /** {@code cf.cache.aggregator.checkinterval.*}: milliseconds between bundling rounds. */
    public record Checkinterval(int route, int process) {
        public static Checkinterval defaults() {
            return new Checkinterval(125, 125);
        }
    }
}
