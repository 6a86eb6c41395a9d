package io.promregator.core.cf.client;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * A scripted Cloud Controller and UAA for tests: a JDK HttpServer on 127.0.0.1, port 0. Each method, path
 * and (decoded, order-free) query answers with its scripted replies in turn, the last one repeating;
 * anything unscripted gets the nginx 404. Bodies have the fixtures' {@code https://api.example.org},
 * {@code https://login.example.org} and {@code https://uaa.example.org} rewritten to this server (the latter
 * two as {@code /login} and {@code /uaa}). Records every request.
 */
final class CfTestServer implements AutoCloseable {
    /**
     * One scripted answer.
     *
     * @param delay the wait before the status line
     * @param bodyDelay the wait between the headers and the body
     */
    record Reply(int status, Map<String, String> headers, String body, Duration delay, Duration bodyDelay) {
        Reply(int status, Map<String, String> headers, String body, Duration delay) {
            this(status, headers, body, delay, Duration.ZERO);
        }

        static Reply json(int status, String body) {
            return new Reply(status, Map.of("Content-Type", "application/json"), body, Duration.ZERO);
        }

        static Reply fixture(int status, String name) {
            return json(status, Fixtures.text(name));
        }

        static Reply ok(String fixture) {
            return fixture(200, fixture);
        }

        static Reply empty(int status) {
            return new Reply(status, Map.of(), "", Duration.ZERO);
        }

        Reply withHeader(String name, String value) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.put(name, value);
            return new Reply(status, all, body, delay, bodyDelay);
        }

        Reply after(Duration value) {
            return new Reply(status, headers, body, value, bodyDelay);
        }

        Reply stallingBody(Duration value) {
            return new Reply(status, headers, body, delay, value);
        }
    }

    /** A request as the server saw it. */
    record Recorded(String method, URI uri, Map<String, String> query, Headers headers, String body) {
        String path() {
            return uri.getRawPath();
        }

        String header(String name) {
            return headers.getFirst(name);
        }

        /** The form fields of a urlencoded body. */
        Map<String, String> form() {
            return parse(body);
        }
    }

    /** A scripted request; a null query matches any. */
    private record Key(String method, String path, Map<String, String> query) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "cf-test-server");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<Key, Deque<Reply>> script = new ConcurrentHashMap<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();

    CfTestServer() {
        this(null);
    }

    /** A server speaking https with this context, or http when it is null. */
    CfTestServer(SSLContext tls) {
        try {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", 0);
            if (tls == null) {
                server = HttpServer.create(address, 64);
            } else {
                HttpsServer https = HttpsServer.create(address, 64);
                https.setHttpsConfigurator(new HttpsConfigurator(tls));
                server = https;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code http://127.0.0.1:<port>} (or https). */
    String base() {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return scheme + "://127.0.0.1:" + server.getAddress().getPort();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Scripts the replies for a method and a path with an optional query, e.g. {@code /v3/apps?space_guids=a}. */
    CfTestServer on(String method, String pathAndQuery, Reply... replies) {
        URI uri = URI.create(pathAndQuery);
        Deque<Reply> queue = script.computeIfAbsent(
                new Key(method, uri.getRawPath(), parse(uri.getRawQuery())), key -> new ArrayDeque<>());
        synchronized (queue) {
            queue.addAll(List.of(replies));
        }
        return this;
    }

    /** Scripts the replies for a path whatever its query, when no exact script matches. */
    CfTestServer onAnyQuery(String method, String path, Reply... replies) {
        Deque<Reply> queue = script.computeIfAbsent(new Key(method, path, null), key -> new ArrayDeque<>());
        synchronized (queue) {
            queue.addAll(List.of(replies));
        }
        return this;
    }

    CfTestServer get(String pathAndQuery, Reply... replies) {
        return on("GET", pathAndQuery, replies);
    }

    /** The root document ({@code v3_root.json}) and a password-grant token ({@code uaa_token_password_grant_jwt.json}). */
    CfTestServer withFoundation() {
        get("/", Reply.ok("v3_root.json"));
        return on("POST", "/login/oauth/token", Reply.ok("uaa_token_password_grant_jwt.json"));
    }

    List<Recorded> requests() {
        return List.copyOf(requests);
    }

    List<Recorded> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    String rewrite(String body) {
        return body.replace("https://api.example.org", base())
                .replace("https://login.example.org", base() + "/login")
                .replace("https://uaa.example.org", base() + "/uaa");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            URI uri = exchange.getRequestURI();
            Map<String, String> query = parse(uri.getRawQuery());
            requests.add(new Recorded(exchange.getRequestMethod(), uri, query, exchange.getRequestHeaders(), body));
            Reply reply = next(new Key(exchange.getRequestMethod(), uri.getRawPath(), query));
            if (!reply.delay().isZero()) {
                sleep(reply.delay());
            }
            reply.headers()
                    .forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            byte[] bytes = rewrite(reply.body()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                if (!reply.bodyDelay().isZero()) {
                    exchange.getResponseBody().flush();
                    sleep(reply.bodyDelay());
                }
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    private Reply next(Key key) {
        Deque<Reply> queue = script.get(key);
        if (queue == null) {
            queue = script.get(new Key(key.method(), key.path(), null));
        }
        if (queue == null) {
            return Reply.fixture(404, "capi_nginx_v2_disabled_404.json");
        }
        synchronized (queue) {
            return queue.size() > 1 ? queue.removeFirst() : Objects.requireNonNull(queue.peekFirst());
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A raw query or form body as decoded name-value pairs. */
    static Map<String, String> parse(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            values.put(
                    URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return values;
    }
}
