package io.promregator.core.scrape;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * How the scraper fetches targets.
 *
 * @param maxInFlight the fetch slots ({@code promregator.scraping.threads}): the most fetches holding one at
 *     once, each for a {@linkplain #slotLease() lease} at most; more wait
 * @param connectionTimeout the TCP (and TLS) connect timeout
 * @param socketReadTimeout how long to wait for the response headers once the request is sent
 * @param maxProcessingTime the budget of one fetch, from when it gets its slot; past it the fetch is cancelled.
 *     Waiting for a slot is bounded by the same again.
 * @param maxResponseBytes the largest (decompressed) body read from one target
 * @param proxy an HTTP proxy for all fetches, if any
 * @param instanceId this process's id, sent as {@code X-Promregator-Instance}
 */
public record ScrapeSettings(
        int maxInFlight,
        Duration connectionTimeout,
        Duration socketReadTimeout,
        Duration maxProcessingTime,
        long maxResponseBytes,
        Optional<InetSocketAddress> proxy,
        String instanceId) {

    public static final long DEFAULT_MAX_RESPONSE_BYTES = 16L * 1024 * 1024;

    public ScrapeSettings {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1. Found: " + maxInFlight);
        }
        requirePositive(connectionTimeout, "connectionTimeout");
        requirePositive(socketReadTimeout, "socketReadTimeout");
        requirePositive(maxProcessingTime, "maxProcessingTime");
        if (maxResponseBytes < 1) {
            throw new IllegalArgumentException("maxResponseBytes must be positive. Found: " + maxResponseBytes);
        }
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(instanceId, "instanceId");
        // As the original: no single timeout may exceed the whole budget.
        connectionTimeout = min(connectionTimeout, maxProcessingTime);
        socketReadTimeout = min(socketReadTimeout, maxProcessingTime);
    }

    /** How many leases one fetch's budget spans: a fetch holds its slot for a quarter of its budget at most. */
    static final int LEASES_PER_BUDGET = 4;

    /**
     * How long a fetch holds its slot at most: a quarter of {@link #maxProcessingTime()}. A fetch still running
     * then (a target that never answers) goes on to its deadline outside the count, and its slot goes to the
     * next waiting fetch; so at most {@code 4 × maxInFlight} fetches run at once.
     */
    public Duration slotLease() {
        return maxProcessingTime.dividedBy(LEASES_PER_BUDGET);
    }

    /** The original Promregator's defaults: 5 in flight, 5 s for everything, and a random instance id. */
    public static ScrapeSettings defaults() {
        Duration fiveSeconds = Duration.ofSeconds(5);
        return new ScrapeSettings(
                5,
                fiveSeconds,
                fiveSeconds,
                fiveSeconds,
                DEFAULT_MAX_RESPONSE_BYTES,
                Optional.empty(),
                UUID.randomUUID().toString());
    }

    public ScrapeSettings withMaxInFlight(int value) {
        return new ScrapeSettings(
                value, connectionTimeout, socketReadTimeout, maxProcessingTime, maxResponseBytes, proxy, instanceId);
    }

    public ScrapeSettings withTimeouts(Duration connection, Duration socketRead, Duration maxProcessing) {
        return new ScrapeSettings(
                maxInFlight, connection, socketRead, maxProcessing, maxResponseBytes, proxy, instanceId);
    }

    public ScrapeSettings withMaxResponseBytes(long value) {
        return new ScrapeSettings(
                maxInFlight, connectionTimeout, socketReadTimeout, maxProcessingTime, value, proxy, instanceId);
    }

    public ScrapeSettings withProxy(InetSocketAddress value) {
        return new ScrapeSettings(
                maxInFlight,
                connectionTimeout,
                socketReadTimeout,
                maxProcessingTime,
                maxResponseBytes,
                Optional.of(value),
                instanceId);
    }

    public ScrapeSettings withInstanceId(String value) {
        return new ScrapeSettings(
                maxInFlight, connectionTimeout, socketReadTimeout, maxProcessingTime, maxResponseBytes, proxy, value);
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive. Found: " + duration);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
