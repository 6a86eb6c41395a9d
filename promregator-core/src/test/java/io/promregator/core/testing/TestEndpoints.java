package io.promregator.core.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * Metrics endpoints for tests: a JDK HttpServer on 127.0.0.1, port 0, each path answered by a
 * scripted handler. Records every request it saw.
 */
public final class TestEndpoints implements AutoCloseable {
    /** Answers one request. */
    @FunctionalInterface
    public interface Responder {
        void respond(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

    public record RecordedRequest(String method, URI uri, com.sun.net.httpserver.Headers headers) {}

    public TestEndpoints() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-endpoint");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** Serves {@code path} with the responder; returns the URL of it. */
    public URI serve(String path, Responder responder) {
        server.createContext(path, exchange -> {
            requests.add(new RecordedRequest(
                    exchange.getRequestMethod(), exchange.getRequestURI(), exchange.getRequestHeaders()));
            try (exchange) {
                responder.respond(exchange);
            }
        });
        return url(path);
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** A responder that answers 200 with the body and content type (none when null). */
    public static Responder body(String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return exchange -> {
            if (contentType != null) {
                exchange.getResponseHeaders().set("Content-Type", contentType);
            }
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        };
    }

    /** A responder that answers with a status and a short text body. */
    public static Responder status(int status, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return exchange -> {
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        };
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
