package io.promregator.core.cf.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket: {@code rate} permits per second, holding at most one second's worth (at least one).
 * A caller that finds the bucket empty reserves the next permit and waits for it, so callers are served
 * in arrival order and no more than {@code rate} requests per second start on average. Thread-safe.
 */
final class TokenBucket {
    private final double rate;
    private final double capacity;
    private final Clock clock;
    private final Sleeper sleeper;
    private double tokens;
    private Instant last;

    /** @param rate permits per second; 0 for unlimited */
    TokenBucket(double rate, Clock clock, Sleeper sleeper) {
        this.rate = rate;
        this.capacity = Math.max(1, rate);
        this.clock = clock;
        this.sleeper = sleeper;
        this.tokens = capacity;
        this.last = clock.instant();
    }

    /** Takes one permit, waiting until it is due. */
    void acquire() throws InterruptedException {
        Duration wait = reserve();
        if (!wait.isZero()) {
            sleeper.sleep(wait);
        }
    }

    /** Takes one permit and tells how long to wait for it (zero when one was available). */
    synchronized Duration reserve() {
        if (rate <= 0) {
            return Duration.ZERO;
        }
        Instant now = clock.instant();
        if (now.isAfter(last)) {
            double elapsedSeconds = Duration.between(last, now).toNanos() / 1e9;
            tokens = Math.min(capacity, tokens + elapsedSeconds * rate);
            last = now;
        }
        tokens -= 1;
        if (tokens >= 0) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil(-tokens / rate * 1e9));
    }
}
