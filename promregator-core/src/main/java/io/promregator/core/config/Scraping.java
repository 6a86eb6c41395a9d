package io.promregator.core.config;

import io.promregator.core.enrich.LabelConflict;
import java.util.Objects;

/**
 * How targets are fetched ({@code promregator.scraping.*}). Times are milliseconds, as in the original.
 *
 * @param maxProcessingTime the whole budget of one target's fetch; should be below the scrape interval
 * @param connectionTimeout TCP connect timeout; the original clamps it to {@code maxProcessingTime}. Left
 *     out (in YAML or the builder), it is 5 s or {@code maxProcessingTime} if that is shorter
 * @param socketReadTimeout socket read timeout; clamped and defaulted likewise
 * @param threads how many fetches run at once
 * @param proxy an HTTP proxy for all fetches
 * @param labelEnrichment whether samples get the target's labels ({@code org_name}, ..., static labels)
 * @param labelConflict what happens when a sample already has such a label (new key)
 * @param maxResponseSize the largest body read from one target, in bytes, after decompression (new key)
 * @param limits what one target's exposition may hold (new keys)
 */
public record Scraping(
        @Key(Check.MILLISECONDS) int maxProcessingTime,
        @Key(Check.MILLISECONDS) int connectionTimeout,
        @Key(Check.MILLISECONDS) int socketReadTimeout,
        @Key(Check.AT_LEAST_ONE) int threads,
        Proxy proxy,
        boolean labelEnrichment,
        LabelConflict labelConflict,
        @Key(Check.BYTES) long maxResponseSize,
        ScrapeLimits limits) {

    public static final long DEFAULT_MAX_RESPONSE_SIZE = 16L * 1024 * 1024;
    private static final int DEFAULT_TIMEOUT = 5000;

    public Scraping {
        proxy = Objects.requireNonNullElseGet(proxy, Proxy::defaults);
        labelConflict = Objects.requireNonNullElse(labelConflict, LabelConflict.EXPORTED);
        limits = Objects.requireNonNullElseGet(limits, ScrapeLimits::defaults);
    }

    public static Scraping defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .maxProcessingTime(maxProcessingTime)
                .connectionTimeout(connectionTimeout)
                .socketReadTimeout(socketReadTimeout)
                .threads(threads)
                .proxy(proxy)
                .labelEnrichment(labelEnrichment)
                .labelConflict(labelConflict)
                .maxResponseSize(maxResponseSize)
                .limits(limits);
    }

    /** Starts from the original's defaults: 5 s for everything, 5 threads, enrichment on. */
    public static final class Builder {
        private int maxProcessingTime = 5000;
        private int connectionTimeout = DEFAULT_TIMEOUT;
        private int socketReadTimeout = DEFAULT_TIMEOUT;
        private boolean connectionTimeoutSet;
        private boolean socketReadTimeoutSet;
        private int threads = 5;
        private Proxy proxy = Proxy.defaults();
        private boolean labelEnrichment = true;
        private LabelConflict labelConflict = LabelConflict.EXPORTED;
        private long maxResponseSize = DEFAULT_MAX_RESPONSE_SIZE;
        private ScrapeLimits limits = ScrapeLimits.defaults();

        private Builder() {}

        public Builder maxProcessingTime(int milliseconds) {
            this.maxProcessingTime = milliseconds;
            return this;
        }

        public Builder connectionTimeout(int milliseconds) {
            this.connectionTimeout = milliseconds;
            this.connectionTimeoutSet = true;
            return this;
        }

        public Builder socketReadTimeout(int milliseconds) {
            this.socketReadTimeout = milliseconds;
            this.socketReadTimeoutSet = true;
            return this;
        }

        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        public Builder proxy(Proxy proxy) {
            this.proxy = proxy;
            return this;
        }

        public Builder labelEnrichment(boolean labelEnrichment) {
            this.labelEnrichment = labelEnrichment;
            return this;
        }

        public Builder labelConflict(LabelConflict labelConflict) {
            this.labelConflict = labelConflict;
            return this;
        }

        public Builder maxResponseSize(long bytes) {
            this.maxResponseSize = bytes;
            return this;
        }

        public Builder limits(ScrapeLimits value) {
            this.limits = value;
            return this;
        }

        /** A timeout not set is the default, lowered to {@code maxProcessingTime} if that is shorter. */
        public Scraping build() {
            int ceiling = maxProcessingTime > 0 ? maxProcessingTime : DEFAULT_TIMEOUT;
            return new Scraping(
                    maxProcessingTime,
                    connectionTimeoutSet ? connectionTimeout : Math.min(connectionTimeout, ceiling),
                    socketReadTimeoutSet ? socketReadTimeout : Math.min(socketReadTimeout, ceiling),
                    threads,
                    proxy,
                    labelEnrichment,
                    labelConflict,
                    maxResponseSize,
                    limits);
        }
    }
}
