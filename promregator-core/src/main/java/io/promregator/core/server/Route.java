package io.promregator.core.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every endpoint shares: the exact path (the JDK server matches contexts by prefix), GET and
 * HEAD only, and a 500 with a reason instead of a dropped connection when a handler fails. Loops are
 * refused by the {@link LoopGuard} around the scraping endpoints' handlers.
 */
final class Route {
    private static final Logger logger = LoggerFactory.getLogger(Route.class);

    private final String path;
    private final boolean prefix;
    private final HttpHandler handler;
    private final boolean gzip;
    private final InFlight inFlight;

    /**
     * @param prefix whether the route also answers paths below {@code path}
     * @param gzip whether responses may be gzip-compressed
     * @param inFlight counts requests being answered, and refuses new ones once the server stops
     */
    Route(String path, boolean prefix, HttpHandler handler, boolean gzip, InFlight inFlight) {
        this.path = path;
        this.prefix = prefix;
        this.handler = handler;
        this.gzip = gzip;
        this.inFlight = inFlight;
    }

    /** Answers one request, on a worker; never throws, always closes the exchange. */
    void handle(HttpExchange exchange) {
        if (!inFlight.enter()) {
            try (exchange) {
                exchange.getResponseHeaders().set("Connection", "close");
                Responses.sendText(exchange, 503, "Promregator is shutting down.");
            } catch (IOException e) {
                logger.debug("Client went away during {}: {}", exchange.getRequestURI(), e.toString());
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
