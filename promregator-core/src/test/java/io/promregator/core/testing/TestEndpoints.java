package io.promregator.core.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * Metrics endpoints for tests: a JDK HttpServer on 127.0.0.1, port 0, each path answered by a
 * scripted handler, over HTTP or HTTPS. Records every request it saw.
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
        this(null, false);
    }

    /**
     * Endpoints over HTTPS presenting the certificate of {@code tls}, and, when {@code needClientAuth}, only
     * for clients presenting a certificate that {@code tls} trusts.
     */
    public static TestEndpoints https(SSLContext tls, boolean needClientAuth) {
        return new TestEndpoints(tls, needClientAuth);
    }

    private TestEndpoints(SSLContext tls, boolean needClientAuth) {
        try {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", 0);
            if (tls == null) {
                server = HttpServer.create(address, 64);
            } else {
                HttpsServer https = HttpsServer.create(address, 64);
                https.setHttpsConfigurator(new HttpsConfigurator(tls) {
                    @Override
                    public void configure(HttpsParameters params) {
                        SSLParameters parameters = tls.getDefaultSSLParameters();
                        parameters.setNeedClientAuth(needClientAuth);
                        params.setSSLParameters(parameters);
                    }
                });
                server = https;
            }
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
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort() + path);
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
