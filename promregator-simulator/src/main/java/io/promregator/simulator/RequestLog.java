package io.promregator.simulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the simulator was asked: counters of Cloud Controller, token and gorouter requests, and the most
 * recent {@value #KEPT} requests of each kind, so that a long-running demo does not fill the heap.
 * Thread-safe.
 */
final class RequestLog {
    static final int KEPT = 10_000;

    private final AtomicLong ccCount = new AtomicLong();
    private final AtomicLong tokenCount = new AtomicLong();
    private final AtomicLong gorouterCount = new AtomicLong();
    private final Deque<CloudControllerRequest> cc = new ArrayDeque<>();
    private final Deque<TokenRequest> tokens = new ArrayDeque<>();
    private final Deque<GorouterRequest> gorouter = new ArrayDeque<>();

    void record(CloudControllerRequest request) {
        ccCount.incrementAndGet();
        keep(cc, request);
    }

    void record(TokenRequest request) {
        tokenCount.incrementAndGet();
        keep(tokens, request);
    }

    void record(GorouterRequest request) {
        gorouterCount.incrementAndGet();
        keep(gorouter, request);
    }

    private static <T> void keep(Deque<T> log, T entry) {
        synchronized (log) {
            if (log.size() == KEPT) {
                log.removeFirst();
            }
            log.addLast(entry);
        }
    }

    private static <T> List<T> copy(Deque<T> log) {
        synchronized (log) {
            return List.copyOf(new ArrayList<>(log));
        }
    }

    List<CloudControllerRequest> ccRequests() {
        return copy(cc);
    }

    List<TokenRequest> tokenRequests() {
        return copy(tokens);
    }

    List<GorouterRequest> gorouterRequests() {
        return copy(gorouter);
    }

    long ccCount() {
        return ccCount.get();
    }

    long tokenCount() {
        return tokenCount.get();
    }

    long gorouterCount() {
        return gorouterCount.get();
    }

    void reset() {
        for (Deque<?> log : List.of(cc, tokens, gorouter)) {
            synchronized (log) {
                log.clear();
            }
        }
        ccCount.set(0);
        tokenCount.set(0);
        gorouterCount.set(0);
    }
}
