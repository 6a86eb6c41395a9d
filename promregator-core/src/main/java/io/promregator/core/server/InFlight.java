package io.promregator.core.server;

import java.time.Duration;

/** Counts requests being answered, and once stopping, refuses new ones and waits for the rest. */
final class InFlight {
    private int count;
    private boolean stopping;

    /** @return false once stopping: the caller must refuse the request */
    synchronized boolean enter() {
        if (stopping) {
            return false;
        }
        count++;
        return true;
    }

    synchronized void exit() {
        count--;
        if (count == 0) {
            notifyAll();
        }
    }

    synchronized boolean stopping() {
        return stopping;
    }

    /** Stops admitting requests and waits for those in flight; false if some were still running at the end. */
    synchronized boolean stopAndAwait(Duration grace) {
        stopping = true;
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            while (count > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }
}
