package io.promregator.core.server;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** Writing responses: gzip when the client accepts it, plain text for errors. */
final class Responses {
    /** Exchange attribute: whether this server may compress its responses. */
    static final String GZIP_ALLOWED = "promregator.gzip";

    static final int GZIP_THRESHOLD = 1024;

    private Responses() {}

    /**
     * Sends a body with its length, gzip-compressed ({@link GzipStream}) when the request accepts gzip and the
     * body is worth it.
     */
    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if (body.length >= GZIP_THRESHOLD
                && Boolean.TRUE.equals(exchange.getAttribute(GZIP_ALLOWED))
                && acceptsGzip(exchange)) {
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            exchange.getResponseHeaders().add("Vary", "Accept-Encoding");
            ByteArrayOutputStream compressed = new ByteArrayOutputStream(Math.max(512, body.length / 8));
            try (OutputStream gzip = new GzipStream(compressed)) {
                gzip.write(body);
            }
            exchange.sendResponseHeaders(status, compressed.size());
            try (OutputStream out = exchange.getResponseBody()) {
                compressed.writeTo(out);
            }
            return;
        }
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Sends a one-line plain-text message. */
    static void sendText(HttpExchange exchange, int status, String message) throws IOException {
        send(exchange, status, "text/plain; charset=utf-8", (message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    static boolean acceptsGzip(HttpExchange exchange) {
        for (String value : exchange.getRequestHeaders().getOrDefault("Accept-Encoding", List.of())) {
            for (String coding : value.split(",")) {
                String[] parts = coding.trim().toLowerCase(Locale.ROOT).split(";");
                if (parts[0].trim().equals("gzip") && !isQZero(parts)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isQZero(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.startsWith("q=")) {
                try {
                    return Double.parseDouble(p.substring(2)) == 0;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return false;
    }
}
