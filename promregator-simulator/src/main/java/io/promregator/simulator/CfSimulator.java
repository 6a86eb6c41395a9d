package io.promregator.simulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated Cloud Foundry foundation over real HTTP on 127.0.0.1, for tests, demos and benchmarks:
 * the Cloud Controller v3 API and UAA token endpoint on one port ({@link #apiUrl()}), and the gorouter
 * with the app instances behind it on another ({@link #gorouterProxy()}), usable as an HTTP proxy or by
 * Host header. JDK only. Thread-safe; close it to free both ports.
 *
 * <pre>{@code
 * try (CfSimulator sim = CfSimulator.builder()
 *         .user("promregator", "secret")
 *         .foundation(Foundation.demo())
 *         .start()) {
 *     URI api = sim.apiUrl();          // cf.api_host
 *     sim.knobs().rateLimitNext(2, 1); // the next two CC requests get 429
 *     sim.live().scale("shop", 5);     // discovery should notice
 * }
 * }</pre>
 */
public final class CfSimulator implements AutoCloseable {
    private static final Logger logger = LoggerFactory.getLogger(CfSimulator.class);

    private final HttpServer api;
    private final HttpServer router;
    private final ExecutorService executor;
    private final Knobs knobs;
    private final LiveFoundation live;
    private final RequestLog log = new RequestLog();

    private CfSimulator(Builder builder) throws IOException {
        this.knobs = new Knobs(builder.tokenLifetime);
        this.live = new LiveFoundation(builder.foundation);
        this.executor = Executors.newCachedThreadPool(new DaemonThreads());
        this.api = HttpServer.create(new InetSocketAddress("127.0.0.1", builder.apiPort), 128);
        try {
            this.router = HttpServer.create(new InetSocketAddress("127.0.0.1", builder.gorouterPort), 128);
        } catch (IOException e) {
            api.stop(0);
            throw e;
        }
        String apiUrl = "http://127.0.0.1:" + api.getAddress().getPort();
        TokenStore tokens = new TokenStore(builder.clock, knobs, apiUrl + "/uaa");
        UaaApi uaa = new UaaApi(builder.users, builder.clients, tokens, log);
        api.createContext("/", new CloudControllerApi(apiUrl, live, knobs, tokens, log, builder.clock));
        api.createContext("/uaa/", uaa);
        api.createContext("/login/", uaa);
        router.createContext("/", new Gorouter(live, log, builder.clock));
        api.setExecutor(executor);
        router.setExecutor(executor);
        api.start();
        router.start();
        logger.info(
                "CF simulator: API on {}, gorouter on 127.0.0.1:{}, {} apps",
                apiUrl,
                router.getAddress().getPort(),
                builder.foundation.applications().size());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The API's base URL, {@code http://127.0.0.1:<port>}: the value for {@code cf.api_host}. */
    public URI apiUrl() {
        return URI.create("http://127.0.0.1:" + api.getAddress().getPort());
    }

    /** The UAA base URL that {@code GET /} links as {@code uaa}; {@code login} is {@code <apiUrl>/login}. */
    public URI uaaUrl() {
        return URI.create(apiUrl() + "/uaa");
    }

    /** The gorouter's address, to configure as HTTP proxy for scraping ({@code http://} routes only). */
    public InetSocketAddress gorouterProxy() {
        return router.getAddress();
    }

    public Knobs knobs() {
        return knobs;
    }

    /** The foundation being served, changeable while running. */
    public LiveFoundation live() {
        return live;
    }

    /** The most recent Cloud Controller requests, oldest first (up to 10,000). */
    public List<CloudControllerRequest> requests() {
        return log.ccRequests();
    }

    /** The most recent token requests, oldest first. */
    public List<TokenRequest> tokenRequests() {
        return log.tokenRequests();
    }

    /** The most recent gorouter requests, oldest first. */
    public List<GorouterRequest> gorouterRequests() {
        return log.gorouterRequests();
    }

    /** Cloud Controller requests since start or the last reset, including {@code /} and failed ones. */
    public long ccRequestCount() {
        return log.ccCount();
    }

    /** Token endpoint requests since start or the last reset. */
    public long tokenRequestCount() {
        return log.tokenCount();
    }

    /** Gorouter requests since start or the last reset. */
    public long gorouterRequestCount() {
        return log.gorouterCount();
    }

    /** Clears the request logs and sets the counters to zero. */
    public void resetCounters() {
        log.reset();
    }

    @Override
    public void close() {
        api.stop(0);
        router.stop(0);
        executor.shutdownNow();
    }

    /** Configures a simulator; every setting has a default, so {@code builder().start()} works. */
    public static final class Builder {
        private final Map<String, String> users = new LinkedHashMap<>();
        private final Map<String, String> clients = new LinkedHashMap<>();
        private Duration tokenLifetime = Duration.ofMinutes(20);
        private Foundation foundation = Foundation.demo();
        private Clock clock = Clock.systemUTC();
        private int apiPort;
        private int gorouterPort;

        private Builder() {}

        /** A user for the password grant (client {@code cf}, empty secret). Call again for more users. */
        public Builder user(String username, String password) {
            users.put(Objects.requireNonNull(username), Objects.requireNonNull(password));
            return this;
        }

        /** A client for client_credentials (and the other grants). Call again for more clients. */
        public Builder client(String clientId, String clientSecret) {
            clients.put(Objects.requireNonNull(clientId), Objects.requireNonNull(clientSecret));
            return this;
        }

        /** How long access tokens live at first (default 20 minutes, as cf-deployment's {@code cf} client). */
        public Builder tokenLifetime(Duration value) {
            this.tokenLifetime = Objects.requireNonNull(value);
            return this;
        }

        /** What to serve (default {@link Foundation#demo()}). */
        public Builder foundation(Foundation value) {
            this.foundation = Objects.requireNonNull(value);
            return this;
        }

        /** The clock for token expiry, uptimes and growing counters (default the system clock). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value);
            return this;
        }

        /** The API's port (default 0: any free port). */
        public Builder apiPort(int port) {
            this.apiPort = port;
            return this;
        }

        /** The gorouter's port (default 0: any free port). */
        public Builder gorouterPort(int port) {
            this.gorouterPort = port;
            return this;
        }

        /** Starts both servers. */
        public CfSimulator start() {
            try {
                return new CfSimulator(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the CF simulator", e);
            }
        }
    }

    private static final class DaemonThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "cf-simulator-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
