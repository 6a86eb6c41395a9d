package io.promregator.core.server;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The HTTP server's settings.
 *
 * @param address the address to bind ({@code server.address}); {@code 0.0.0.0} for all
 * @param port the port ({@code server.port}); 0 picks a free one
 * @param threads the worker threads answering requests
 * @param queue requests waiting for a worker; one more is answered 503 at once
 * @param shutdownGrace how long a stop waits for requests in flight
 * @param gzip whether responses are gzip-compressed for clients that accept it
 * @param connectionThreads connections whose request is being read at once; one more is closed at once.
 *     Reading a request holds no worker, so clients slow to send theirs do not delay the others
 * @param requestHeadTimeout how long a client may take to send its request line and headers before the
 *     connection is closed
 * @param tls when present, HTTPS (TLS 1.3 and 1.2 only) with this context's certificate; else plain HTTP
 * @param invalidationInterval the least time between two applied {@code /cache/invalidate} calls; one
 *     coming sooner is applied once the interval is over, together with any others meanwhile
 */
public record ServerSettings(
        String address,
        int port,
        int threads,
        int queue,
        Duration shutdownGrace,
        boolean gzip,
        int connectionThreads,
        Duration requestHeadTimeout,
        Optional<SSLContext> tls,
        Duration invalidationInterval) {
    public static final int DEFAULT_THREADS = 16;
    public static final int DEFAULT_QUEUE = 256;
    public static final int DEFAULT_CONNECTION_THREADS = 256;
    public static final Duration DEFAULT_REQUEST_HEAD_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_INVALIDATION_INTERVAL = Duration.ofSeconds(10);

    public ServerSettings {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(requestHeadTimeout, "requestHeadTimeout");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(invalidationInterval, "invalidationInterval");
        if (invalidationInterval.isNegative()) {
            throw new IllegalArgumentException(
                    "invalidationInterval must not be negative. Found: " + invalidationInterval);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535. Found: " + port);
        }
        if (threads < 1 || queue < 0) {
            throw new IllegalArgumentException("threads must be at least 1 and queue not negative");
        }
        if (connectionThreads < 1 || requestHeadTimeout.isNegative() || requestHeadTimeout.isZero()) {
            throw new IllegalArgumentException("connectionThreads must be at least 1 and requestHeadTimeout positive");
        }
    }

    /**
     * All addresses, port 8080, 16 workers (as the original's Tomcat) and 256 requests waiting, 10 s to finish
     * on stop, gzip, 256 connections being read, 10 s to send a request head, plain HTTP, at most one cache
     * invalidation per 10 s.
     */
    public static ServerSettings defaults() {
        return new ServerSettings(
                "0.0.0.0",
                8080,
                DEFAULT_THREADS,
                DEFAULT_QUEUE,
                Duration.ofSeconds(10),
                true,
                DEFAULT_CONNECTION_THREADS,
                DEFAULT_REQUEST_HEAD_TIMEOUT,
                Optional.empty(),
                DEFAULT_INVALIDATION_INTERVAL);
    }

    public ServerSettings withAddress(String value) {
        return new ServerSettings(
                value,
                port,
                threads,
                queue,
                shutdownGrace,
                gzip,
                connectionThreads,
                requestHeadTimeout,
                tls,
                invalidationInterval);
    }

    public ServerSettings withPort(int value) {
        return new ServerSettings(
                address,
                value,
                threads,
                queue,
                shutdownGrace,
                gzip,
                connectionThreads,
                requestHeadTimeout,
                tls,
                invalidationInterval);
    }

    public ServerSettings withThreads(int value) {
        return new ServerSettings(
                address,
                port,
                value,
                queue,
                shutdownGrace,
                gzip,
                connectionThreads,
                requestHeadTimeout,
                tls,
                invalidationInterval);
    }

    public ServerSettings withQueue(int value) {
        return new ServerSettings(
                address,
                port,
                threads,
                value,
                shutdownGrace,
                gzip,
                connectionThreads,
                requestHeadTimeout,
                tls,
                invalidationInterval);
    }

    public ServerSettings withGzip(boolean value) {
        return new ServerSettings(
                address,
                port,
                threads,
                queue,
                shutdownGrace,
                value,
                connectionThreads,
                requestHeadTimeout,
                tls,
                invalidationInterval);
    }

    public ServerSettings withConnectionThreads(int value) {
        return new ServerSettings(
                address,
                port,
                threads,
                queue,
                shutdownGrace,
                gzip,
                value,
                requestHeadTimeout,
                tls,
                invalidationInterval);
    }

    public ServerSettings withRequestHeadTimeout(Duration value) {
        return new ServerSettings(
                address,
                port,
                threads,
                queue,
                shutdownGrace,
                gzip,
                connectionThreads,
                value,
                tls,
                invalidationInterval);
    }

    /** HTTPS with this context's certificate and key (e.g. {@code TlsIdentity.serverContext()}). */
    public ServerSettings withTls(SSLContext value) {
        return new ServerSettings(
                address,
                port,
                threads,
                queue,
                shutdownGrace,
                gzip,
                connectionThreads,
                requestHeadTimeout,
                Optional.of(value),
                invalidationInterval);
    }

    /** At most one applied {@code /cache/invalidate} per {@code value} (0: every call applies at once). */
    public ServerSettings withInvalidationInterval(Duration value) {
        return new ServerSettings(
                address, port, threads, queue, shutdownGrace, gzip, connectionThreads, requestHeadTimeout, tls, value);
    }
}
