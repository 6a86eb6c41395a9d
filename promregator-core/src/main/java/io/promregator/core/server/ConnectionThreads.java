package io.promregator.core.server;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK server's executor. The JDK server reads a request's line and headers on the thread its executor
 * gives the connection, blocking until they have all come; here that is a thread of its own, made on
 * demand up to a cap, so a client that trickles its request ties up one such thread and never a worker.
 * Reading the head has a deadline: a thread still reading past it is interrupted, which closes the
 * connection. A new connection finding the cap of connections being read reached cuts the one that has
 * been reading longest, so that clients holding many connections with a request that never completes
 * (slowloris) cannot lock out a client whose request comes at once; a few threads above the cap let the
 * new connection start while the cut one ends. Only when those are taken too does the JDK server close
 * the new connection at once.
 *
 * <p>Handlers call {@link #headRead()} first and hand the request to the workers; the thread is then free
 * for the next connection.
 */
final class ConnectionThreads implements Executor {
    /** Small: these threads only parse a request head and hand it on. */
    private static final long STACK_BYTES = 256 * 1024;

    private final ThreadPoolExecutor threads;
    private final ScheduledExecutorService watchdog;
    private final long headTimeoutNanos;
    private final Set<Reading> reading = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<Reading> current = new ThreadLocal<>();
    private final Refusals refusals;
    private final int cap;

    /** What the server counts: connections cut while reading their head, and those refused at the cap. */
    interface Refusals {
        void slowRequest();

        void tooManyConnections();

        /** The connection reading its head longest was cut to make room for a new one. */
        void evicted();
    }

    /**
     * @param cap threads reading or handing on requests at once
     * @param headTimeout how long a connection may take to send its request line and headers
     */
    ConnectionThreads(int cap, Duration headTimeout, Refusals refusals) {
        this.headTimeoutNanos = headTimeout.toNanos();
        this.refusals = refusals;
        this.cap = cap;
        AtomicInteger counter = new AtomicInteger();
        int slack = Math.max(2, cap / 8); // threads for new connections while cut ones end
        threads = new ThreadPoolExecutor(
                0,
                cap + slack,
                30,
                TimeUnit.SECONDS,
                new SynchronousQueue<>(),
                runnable -> {
                    Thread thread = new Thread(
                            null, runnable, "promregator-http-conn-" + counter.incrementAndGet(), STACK_BYTES);
                    thread.setDaemon(true);
                    return thread;
                },
                (runnable, executor) -> {
                    refusals.tooManyConnections();
                    throw new RejectedExecutionException("all " + (cap + slack) + " connection threads are busy");
                });
        watchdog = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "promregator-http-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(10, Math.min(1000, headTimeout.toMillis() / 4));
        watchdog.scheduleWithFixedDelay(this::cutSlowHeads, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void execute(Runnable exchange) {
        makeRoom();
        threads.execute(() -> {
            Reading head = new Reading(Thread.currentThread(), System.nanoTime() + headTimeoutNanos);
            reading.add(head);
            current.set(head);
            try {
                exchange.run();
            } finally {
                head.finish();
                reading.remove(head);
                current.remove();
                Thread.interrupted(); // an interrupt that came after the exchange ended must not hit the next
            }
        });
    }

    /**
     * Called by a handler on the connection's thread once the JDK server has read the request head.
     *
     * @return false if the deadline cut the connection meanwhile: the request must be dropped
     */
    boolean headRead() {
        Reading head = current.get();
        return head == null || head.handOn();
    }

    void close() {
        watchdog.shutdownNow();
        threads.shutdownNow();
    }

    /** At the cap of connections reading their head, cuts the one reading longest. */
    private void makeRoom() {
        int stillReading = 0;
        Reading longest = null;
        for (Reading head : reading) {
            if (head.isReading()) {
                stillReading++;
                if (longest == null || head.deadline - longest.deadline < 0) {
                    longest = head;
                }
            }
        }
        if (stillReading >= cap && longest != null && longest.cut()) {
            refusals.evicted();
        }
    }

    private void cutSlowHeads() {
        long now = System.nanoTime();
        for (Reading head : reading) {
            if (now - head.deadline > 0 && head.cut()) {
                refusals.slowRequest();
            }
        }
    }

    /** One connection's thread reading its request head: reading, handed on, cut, or finished. */
    private static final class Reading {
        private final Thread thread;
        private final long deadline;
        private boolean handedOn;
        private boolean finished;

        Reading(Thread thread, long deadline) {
            this.thread = thread;
            this.deadline = deadline;
        }

        synchronized boolean isReading() {
            return !handedOn && !finished;
        }

        synchronized boolean handOn() {
            if (finished) {
                return false; // cut
            }
            handedOn = true;
            return true;
        }

        /** Interrupts the thread if it is still reading; an interrupted blocking read closes the connection. */
        synchronized boolean cut() {
            if (handedOn || finished) {
                return false;
            }
            finished = true;
            thread.interrupt();
            return true;
        }

        synchronized void finish() {
            finished = true;
        }
    }
}
