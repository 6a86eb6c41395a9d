package io.promregator.core.scrape;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/**
 * Runs at most {@code limit} tasks at once without blocking a thread for the others: a task that
 * finds no free slot waits in a queue and starts when a running task calls {@link #release()}.
 * Thread-safe.
 */
final class AsyncLimiter {
    private final int limit;
    private final Executor executor;
    private final Queue<Runnable> waiting = new ArrayDeque<>();
    private int running;

    AsyncLimiter(int limit, Executor executor) {
        this.limit = limit;
        this.executor = executor;
    }

    /** Runs the task now if a slot is free, otherwise later; the task must call {@link #release()} once. */
    void submit(Runnable task) {
        synchronized (this) {
            if (running >= limit) {
                waiting.add(task);
                return;
            }
            running++;
        }
        task.run();
    }

    /** Frees the caller's slot and starts the next waiting task, if any, in it. */
    void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                running--;
                return;
            }
        }
        executor.execute(next);
    }
}
