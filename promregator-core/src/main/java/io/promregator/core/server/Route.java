package io.promregator.core.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.promregator.core.scrape.HttpClientScraper;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every endpoint shares: the exact path (the JDK server matches contexts by prefix), GET and
 * HEAD only, loop detection by {@code X-Promregator-Instance}, and a 500 with a reason instead of a
 * dropped connection when a handler fails.
 */
final class Route implements HttpHandler {
    private static final Logger logger = LoggerFactory.getLogger(Route.class);

    private final String path;
    private final boolean prefix;
    private final HttpHandler handler;
    private final String instanceId;
    private final boolean gzip;
    private final InFlight inFlight;

    /**
     * @param prefix whether the route also answers paths below {@code path}
     * @param gzip whether responses may be gzip-compressed
     * @param inFlight counts requests being answered, and refuses new ones once the server stops
     */
    Route(String path, boolean prefix, HttpHandler handler, String instanceId, boolean gzip, InFlight inFlight) {
        this.path = path;
        this.prefix = prefix;
        this.handler = handler;
        this.instanceId = instanceId;
        this.gzip = gzip;
        this.inFlight = inFlight;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!inFlight.enter()) {
            try (exchange) {
                exchange.getResponseHeaders().set("Connection", "close");
                Responses.sendText(exchange, 503, "Promregator is shutting down.");
            }
            return;
        }
        try {
            answer(exchange);
        } finally {
            inFlight.exit();
        }
    }

    private void answer(HttpExchange exchange) {
        try (exchange) {
            exchange.setAttribute(Responses.GZIP_ALLOWED, gzip);
            String requestPath = exchange.getRequestURI().getPath();
            if (prefix ? !requestPath.startsWith(path) : !requestPath.equals(path)) {
                Responses.sendText(exchange, 404, "Not found: " + requestPath);
                return;
            }
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                Responses.sendText(exchange, 405, "Method not allowed: " + method);
                return;
            }
            if (instanceId.equals(exchange.getRequestHeaders().getFirst(HttpClientScraper.INSTANCE_HEADER))) {
                Responses.sendText(
                        exchange,
                        508,
                        "Loop detected: this request came from this Promregator "
                                + "instance itself; point the target's path at /promregatorMetrics, not /metrics");
                return;
            }
            handler.handle(exchange);
        } catch (IOException e) {
            logger.debug("Client went away during {}: {}", exchange.getRequestURI(), e.toString());
        } catch (RuntimeException e) {
            logger.error("Failed to answer {}", exchange.getRequestURI(), e);
            try {
                Responses.sendText(exchange, 500, "Internal error: " + e);
            } catch (IOException | RuntimeException ignored) {
                // headers were already sent; the connection is closed below
            }
        }
    }
}
