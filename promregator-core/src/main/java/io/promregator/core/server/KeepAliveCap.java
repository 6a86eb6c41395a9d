package io.promregator.core.server;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * How many connections may stay open after their response: the JDK server keeps a connection open for
 * its next request until it has been idle for a while, and does not reliably close them all (with Java
 * 17 some stay open long past that), so many clients each leaving one open could use up the file
 * descriptors. A connection answered while {@value #DEFAULT_CAP} others were answered within the last
 * {@code window} is closed after its response ({@code Connection: close}). Thread-safe.
 */
final class KeepAliveCap {
    static final int DEFAULT_CAP = 128;

    private final int cap;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private final Map<InetSocketAddress, Long> recent = new LinkedHashMap<>(16, 0.75f, true);

    /** @param window how long an answered connection counts as still open (the JDK's idle time and more) */
    KeepAliveCap(int cap, Duration window, LongSupplier nanoTime) {
        this.cap = cap;
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Whether the connection from {@code client} (one per address and port) may stay open after this response. */
    synchronized boolean keepOpen(InetSocketAddress client) {
        long now = nanoTime.getAsLong();
        for (Iterator<Long> answered = recent.values().iterator(); answered.hasNext(); ) {
            if (now - answered.next() < windowNanos) {
                break; // least recently answered first: the rest are younger
            }
            answered.remove();
        }
        recent.put(client, now);
        if (recent.size() > cap) {
            recent.remove(client);
            return false;
        }
        return true;
    }
}
