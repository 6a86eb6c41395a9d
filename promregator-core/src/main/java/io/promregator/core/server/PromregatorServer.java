package io.promregator.core.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.promregator.core.metrics.OwnMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The aggregator's HTTP endpoints on the JDK's {@code com.sun.net.httpserver}. Each connection's request is
 * read on a {@link ConnectionThreads connection thread} with a deadline, then answered by a bounded pool of
 * workers; when they and their queue are full, the caller gets 503 at once. {@link #close()} stops
 * accepting, lets requests in flight finish within the grace period, and returns.
 */
public final class PromregatorServer implements AutoCloseable {
    private static final Logger logger = LoggerFactory.getLogger(PromregatorServer.class);
    private final HttpServer server;
    private final ThreadPoolExecutor workers;
    private final ConnectionThreads connections;
    private final OwnMetrics ownMetrics;
    private final ServerSettings settings;
    private final InFlight inFlight = new InFlight();
    private final List<String> paths = new ArrayList<>();
    // 40 s: the JDK server's idle time (30 s) and its check interval (10 s)
    private final KeepAliveCap keepAlive =
            new KeepAliveCap(KeepAliveCap.DEFAULT_CAP, Duration.ofSeconds(40), System::nanoTime);

    /**
     * Binds the port and starts serving.
     *
     * @param instanceId this process's {@code X-Promregator-Instance}, named when it calls itself
     */
    public PromregatorServer(ServerSettings settings, Endpoints endpoints, String instanceId) {
        this.settings = settings;
        JdkServerProperties.apply();
        this.ownMetrics = endpoints.ownMetrics();
        try {
            server = ModernTlsConfigurator.bind(
                    new InetSocketAddress(settings.address(), settings.port()), 128, settings.tls());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot listen on " + settings.address() + ":" + settings.port() + ": " + e.getMessage(), e);
        }
        AtomicInteger counter = new AtomicInteger();
        workers = new ThreadPoolExecutor(
                settings.threads(),
                settings.threads(),
                60,
                TimeUnit.SECONDS,
                settings.queue() == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(settings.queue()),
                runnable -> {
                    Thread thread = new Thread(runnable, "promregator-http-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        workers.allowCoreThreadTimeOut(true);
        connections = new ConnectionThreads(
                settings.connectionThreads(), settings.requestHeadTimeout(), new ConnectionThreads.Refusals() {
                    @Override
                    public void slowRequest() {
                        ownMetrics.recordInboundRefusal("slow_request");
                    }

                    @Override
                    public void tooManyConnections() {
                        ownMetrics.recordInboundRefusal("too_many_connections");
                    }

                    @Override
                    public void evicted() {
                        ownMetrics.recordInboundRefusal("evicted");
                    }
                });
        server.setExecutor(connections);
        LoopGuard loopGuard = new LoopGuard(instanceId);
        InboundAuthentication auth = endpoints.inboundAuthentication();
        BasicAuthGuard basic = new BasicAuthGuard(auth, endpoints.ownMetrics());
        route(
                "/metrics",
                basic.guard(
                        auth.scraping(), "/metrics", loopGuard.guard(new MetricsHandler(endpoints.singleEndpoint()))));
        route(
                SingleTargetHandler.PREFIX,
                true,
                basic.guard(
                        auth.scraping(),
                        "/singleTargetMetrics",
                        loopGuard.guard(
                                new SingleTargetHandler(endpoints.singleTarget(), endpoints.httpErrorOnFailure()))));
        route(
                "/discovery",
                basic.guard(
                        auth.discovery(),
                        "/discovery",
                        new DiscoveryHandler(endpoints.resolver(), endpoints.discovery())));
        route(
                "/promregatorMetrics",
                basic.guard(
                        auth.metrics(),
                        "/promregatorMetrics",
                        new OwnMetricsHandler(endpoints.ownMetrics().registry())));
        // The health endpoints answer on the connection's thread, so that busy workers never delay them.
        routeInline("/-/healthy", new HealthHandler(Optional::empty, "Promregator is Healthy."));
        routeInline("/-/ready", new ReadyHandler(inFlight, endpoints.discoveryControls()));
        route(
                "/cache/invalidate",
                basic.guard(
                        auth.cacheInvalidate(),
                        "/cache/invalidate",
                        new CacheInvalidateHandler(endpoints.discoveryControls(), settings.invalidationInterval())));
        route(
                "/explainTargets",
                basic.guard(
                        auth.discovery(), "/explainTargets", new ExplainTargetsHandler(endpoints.discoveryControls())));
        route(
                "/targets",
                basic.guard(
                        auth.scraping(),
                        "/targets",
                        new TargetsHandler(
                                endpoints.resolver(),
                                endpoints.discoveryControls(),
                                endpoints.singleEndpoint().states())));
        route("/", new IndexHandler());
        server.start();
        logger.info("Listening on {}:{}", settings.address(), port());
    }

    private void route(String path, HttpHandler handler) {
        route(path, false, handler);
    }

    private void route(String path, boolean prefix, HttpHandler handler) {
        paths.add(path);
        Route route = new Route(path, prefix, handler, settings.gzip(), inFlight);
        server.createContext(path, exchange -> handOn(exchange, route));
    }

    /** Asks for the connection to be closed after the response when too many are kept open. */
    private void capKeepAlive(HttpExchange exchange) {
        if (!keepAlive.keepOpen(exchange.getRemoteAddress())) {
            exchange.getResponseHeaders().set("Connection", "close");
        }
    }

    /** A route answered on the connection's thread itself, without a worker: for cheap, constant answers. */
    private void routeInline(String path, HttpHandler handler) {
        paths.add(path);
        Route route = new Route(path, false, handler, settings.gzip(), inFlight);
        server.createContext(path, exchange -> {
            if (hasBody(exchange)) {
                refuseBody(exchange);
            } else if (!connections.headRead()) {
                exchange.close();
            } else {
                capKeepAlive(exchange);
                route.handle(exchange);
            }
        });
    }

    /** On the connection's thread: gives the request to a worker, or answers 503 when all are taken. */
    private void handOn(HttpExchange exchange, Route route) throws IOException {
        if (hasBody(exchange)) {
            refuseBody(exchange);
            return;
        }
        if (!connections.headRead()) {
            exchange.close();
            return;
        }
        capKeepAlive(exchange);
        try {
            workers.execute(() -> route.handle(exchange));
        } catch (RejectedExecutionException e) {
            ownMetrics.recordInboundRefusal("busy");
            try (exchange) {
                exchange.getResponseHeaders().set("Retry-After", "1");
                exchange.getResponseHeaders().set("Connection", "close");
                Responses.sendText(
                        exchange,
                        503,
                        "Promregator is busy: " + settings.threads() + " requests are being answered and "
                                + settings.queue() + " are waiting.");
            }
        }
    }

    private static boolean hasBody(HttpExchange exchange) {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        return exchange.getRequestHeaders().containsKey("Transfer-Encoding")
                || (length != null && !length.trim().equals("0"));
    }

    /**
     * No endpoint takes a request body. The JDK server reads up to 64 KiB of one when the exchange closes,
     * to keep the connection; that happens here, on the connection's thread and still under the request
     * head's deadline, so a client sending its body slowly holds no worker and is cut off in time.
     */
    private static void refuseBody(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (method.equals("GET") || method.equals("HEAD")) {
                Responses.sendText(exchange, 413, "Promregator's endpoints take no request body.");
            } else {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                Responses.sendText(exchange, 405, "Method not allowed: " + method);
            }
        }
    }

    /**
     * Sets the JDK server's system properties (TCP_NODELAY; at most 8 KiB and 100 request headers; 60 s to
     * send a response) where the application has not set them. The JDK
     * reads them when the JVM's first server starts; a server starts this itself, so calling it matters only
     * when another JDK server starts earlier.
     */
    public static void prepareJvm() {
        JdkServerProperties.apply();
    }

    /** The paths served, in the order they were added; a path ending in {@code /} serves what is below it. */
    public List<String> paths() {
        return List.copyOf(paths);
    }

    /** The port listened on; the one chosen when the settings said 0. */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Refuses new requests (503), waits for those in flight to finish (at most the grace period),
     * then closes the port and the workers.
     */
    @Override
    public void close() {
        logger.info(
                "Stopping: finishing requests in flight (at most {} s)",
                settings.shutdownGrace().toSeconds());
        if (!inFlight.stopAndAwait(settings.shutdownGrace())) {
            logger.warn(
                    "Requests still in flight after {} s are cut off",
                    settings.shutdownGrace().toSeconds());
        }
        // The JDK 17 server's own stop(delay) waits out the whole delay even when idle, hence our count.
        server.stop(0);
        workers.shutdown();
        try {
            workers.awaitTermination(settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
        connections.close();
    }
}
