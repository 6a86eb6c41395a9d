package io.promregator.core.scrape;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Lets at most {@code limit} tasks hold a slot at once without blocking a thread for the others: a task that
 * finds no free slot waits in a queue and starts when a slot is released. A task holds its slot until it releases
 * it or until its lease is over, whichever comes first: a task still running then (a target that never
 * answers) goes on outside the count, and its slot goes to the next waiting task, so that tasks stuck on a
 * dead peer cannot keep the others from starting. As a task runs at most its deadline, at most
 * {@code limit × ceil(deadline / lease)} run at once. Thread-safe.
 */
final class AsyncLimiter {
    /** A task's place among the {@code limit}; releasing it again, or after its lease, does nothing. */
    interface Slot {
        void release();
    }

    private final int limit;
    private final long leaseNanos;
    private final Executor executor;
    private final ScheduledExecutorService timer;
    private final Queue<Consumer<Slot>> waiting = new ArrayDeque<>();
    private final AtomicLong expiredLeases = new AtomicLong();
    private int running;

    /**
     * @param lease how long a task may hold its slot
     * @param executor runs a waiting task when a slot frees
     * @param timer ends the leases
     */
    AsyncLimiter(int limit, Duration lease, Executor executor, ScheduledExecutorService timer) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1. Found: " + limit);
        }
        this.limit = limit;
        this.leaseNanos = Math.max(1, lease.toNanos());
        this.executor = executor;
        this.timer = timer;
    }

    /** Runs the task now if a slot is free, otherwise later, with its slot, which it must release once done. */
    void submit(Consumer<Slot> task) {
        synchronized (this) {
            if (running >= limit) {
                waiting.add(task);
                return;
            }
            running++;
        }
        start(task);
    }

    /** Slots given up because their task was still running at the end of its lease. */
    long expiredLeases() {
        return expiredLeases.get();
    }

    private void start(Consumer<Slot> task) {
        LeasedSlot slot = new LeasedSlot();
        try {
            slot.lease = timer.schedule(slot::expire, leaseNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            // shutting down: the task runs without a lease, and its release still frees the slot
        }
        task.accept(slot);
    }

    /** Starts the next waiting task, if any, in a freed slot. */
    private void next() {
        Consumer<Slot> next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                running--;
                return;
            }
        }
        executor.execute(() -> start(next));
    }

    private final class LeasedSlot implements Slot {
        private final AtomicBoolean released = new AtomicBoolean();
        private volatile ScheduledFuture<?> lease;

        @Override
        public void release() {
            if (released.compareAndSet(false, true)) {
                ScheduledFuture<?> pending = lease;
                if (pending != null) {
                    pending.cancel(false);
                }
                next();
            }
        }

        void expire() {
            if (released.compareAndSet(false, true)) {
                expiredLeases.incrementAndGet();
                next();
            }
        }
    }
}
