package io.promregator.core.bench;

import java.util.Arrays;

/**
 * Latencies, response sizes and failures of one way of fetching, collected from many threads and merged
 * over the slices of a run. Thread-safe.
 */
final class Samples {
    private long[] latencies = new long[4096];
    private int count;
    private long failures;
    private long bytes;
    private long elapsedNanos;

    /** One completed fetch that answered 200. */
    synchronized void success(long latencyNanos, int bodyBytes) {
        if (count == latencies.length) {
            latencies = Arrays.copyOf(latencies, count * 2);
        }
        latencies[count++] = latencyNanos;
        bytes += bodyBytes;
    }

    /** A fetch that failed, answered something else than 200, or could not be started. */
    synchronized void failure() {
        failures++;
    }

    /** Adds the wall time of one slice, for the throughput. */
    synchronized void addElapsed(long nanos) {
        elapsedNanos += nanos;
    }

    synchronized void addAll(Samples other) {
        synchronized (other) {
            for (int i = 0; i < other.count; i++) {
                success(other.latencies[i], 0);
            }
            bytes += other.bytes;
            failures += other.failures;
            elapsedNanos += other.elapsedNanos;
        }
    }

    synchronized int count() {
        return count;
    }

    synchronized long failures() {
        return failures;
    }

    /** Successful fetches per second of measured wall time. */
    synchronized double perSecond() {
        return elapsedNanos == 0 ? 0 : count * 1e9 / elapsedNanos;
    }

    synchronized long elapsedNanos() {
        return elapsedNanos;
    }

    synchronized double meanBytes() {
        return count == 0 ? 0 : (double) bytes / count;
    }

    /** The latency at this quantile (0 to 1) in milliseconds, nearest rank; NaN without samples. */
    synchronized double millis(double quantile) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(quantile * count) - 1;
        return sorted[Math.min(count - 1, Math.max(0, rank))] / 1e6;
    }
}
