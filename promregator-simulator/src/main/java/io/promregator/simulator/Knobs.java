package io.promregator.simulator;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Settings that change how a running simulator answers, for testing retries, caching and failures.
 * Thread-safe: set them from a test while requests are in flight; each request reads them once.
 */
public final class Knobs {
    /** How the Cloud Controller behaves during an outage. */
    public enum Outage {
        /** Normal service. */
        NONE,
        /** Every Cloud Controller request gets 503 {@code CF-ServiceUnavailable}. */
        SERVICE_UNAVAILABLE,
        /** Every Cloud Controller request has its connection closed without a response. */
        CONNECTION_CLOSED
    }

    private volatile Duration latency = Duration.ZERO;
    private volatile Duration tokenLifetime = Duration.ofMinutes(20);
    private volatile Outage outage = Outage.NONE;
    private volatile boolean statsUnavailable;
    private volatile int retryAfterSeconds = 1;
    private final AtomicInteger rateLimited = new AtomicInteger();
    private final AtomicInteger accessTokenGeneration = new AtomicInteger();
    private final AtomicInteger refreshTokenGeneration = new AtomicInteger();

    Knobs(Duration tokenLifetime) {
        tokenLifetime(tokenLifetime);
    }

    /** Delays every Cloud Controller request (not UAA, not the gorouter) by this much. */
    public Knobs latency(Duration value) {
        if (value.isNegative()) {
            throw new IllegalArgumentException("latency: must not be negative. Found: " + value);
        }
        this.latency = value;
        return this;
    }

    public Duration latency() {
        return latency;
    }

    /** The lifetime of access tokens issued from now on; {@code expires_in} is its whole seconds. */
    public Knobs tokenLifetime(Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("token lifetime: must be positive. Found: " + value);
        }
        this.tokenLifetime = value;
        return this;
    }

    public Duration tokenLifetime() {
        return tokenLifetime;
    }

    /**
     * Answers the next {@code count} rate-limited Cloud Controller requests (all but {@code /} and
     * {@code /v3}) with 429 {@code CF-RateLimitExceeded}, {@code Retry-After: retryAfterSeconds}.
     */
    public Knobs rateLimitNext(int count, int retryAfterSeconds) {
        if (count < 0 || retryAfterSeconds < 0) {
            throw new IllegalArgumentException("rate limit: count and Retry-After must not be negative");
        }
        this.retryAfterSeconds = retryAfterSeconds;
        rateLimited.set(count);
        return this;
    }

    /** How many 429 answers are still to come. */
    public int rateLimitedRemaining() {
        return rateLimited.get();
    }

    /** {@code true}: 503 {@code CF-ServiceUnavailable} for every Cloud Controller request; {@code false}: normal. */
    public Knobs outage(boolean on) {
        return outage(on ? Outage.SERVICE_UNAVAILABLE : Outage.NONE);
    }

    public Knobs outage(Outage value) {
        this.outage = Objects.requireNonNull(value, "outage");
        return this;
    }

    public Outage outage() {
        return outage;
    }

    /** {@code true}: {@code /v3/processes/:guid/stats} answers 503 {@code CF-InstancesUnavailable}. */
    public Knobs statsUnavailable(boolean on) {
        this.statsUnavailable = on;
        return this;
    }

    public boolean statsUnavailable() {
        return statsUnavailable;
    }

    /** Makes every access token issued so far invalid, as if it had expired; refresh tokens still work. */
    public Knobs expireAccessTokens() {
        accessTokenGeneration.incrementAndGet();
        return this;
    }

    /** Makes every access and refresh token issued so far invalid. */
    public Knobs revokeAllTokens() {
        refreshTokenGeneration.incrementAndGet();
        accessTokenGeneration.incrementAndGet();
        return this;
    }

    int accessTokenGeneration() {
        return accessTokenGeneration.get();
    }

    int refreshTokenGeneration() {
        return refreshTokenGeneration.get();
    }

    /** Takes one rate-limited answer if any is left; returns the Retry-After seconds, or -1 for none. */
    int takeRateLimit() {
        int seconds = retryAfterSeconds;
        return rateLimited.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? seconds : -1;
    }
}
