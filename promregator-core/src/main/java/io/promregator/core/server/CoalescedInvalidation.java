package io.promregator.core.server;

import io.promregator.core.DiscoveryControls;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /cache/invalidate} at most once per interval, so that no caller can make every request a full
 * discovery against the Cloud Controller: an invalidation within the interval after the last applied one
 * is remembered (the caches it names joined with those of others meanwhile) and applied, once, when the
 * interval is over. None is lost, and the Cloud Controller sees at most one invalidated discovery per
 * interval. Thread-safe.
 */
final class CoalescedInvalidation {
    private static final Logger logger = LoggerFactory.getLogger(CoalescedInvalidation.class);

    private final DiscoveryControls controls;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Set<String> pending = new TreeSet<>();
    private boolean appliedOnce;
    private long lastApplied;
    private boolean scheduled;

    CoalescedInvalidation(DiscoveryControls controls, Duration interval, LongSupplier nanoTime) {
        this.controls = controls;
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * Applies the invalidation of {@code caches} now, or, within the interval, when it is over.
     *
     * @return true if applied now
     */
    boolean invalidate(Set<String> caches) {
        Set<String> now;
        synchronized (this) {
            long time = nanoTime.getAsLong();
            if (appliedOnce && time - lastApplied < intervalNanos) {
                pending.addAll(caches);
                if (!scheduled) {
                    scheduled = true;
                    CompletableFuture.delayedExecutor(lastApplied + intervalNanos - time, TimeUnit.NANOSECONDS)
                            .execute(this::applyPending);
                }
                return false;
            }
            now = new TreeSet<>(caches);
            now.addAll(pending);
            pending.clear();
            appliedOnce = true;
            lastApplied = time;
        }
        apply(now);
        return true;
    }

    private void applyPending() {
        Set<String> now;
        synchronized (this) {
            scheduled = false;
            if (pending.isEmpty()) {
                return;
            }
            now = new TreeSet<>(pending);
            pending.clear();
            lastApplied = nanoTime.getAsLong();
        }
        apply(now);
    }

    private void apply(Set<String> caches) {
        controls.invalidate(caches);
        logger.info("Invalidated caches: {}", String.join(", ", caches));
    }
}
