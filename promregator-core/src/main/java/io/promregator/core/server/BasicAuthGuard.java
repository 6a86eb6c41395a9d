package io.promregator.core.server;

import com.sun.net.httpserver.HttpHandler;
import io.promregator.core.metrics.OwnMetrics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Asks callers of protected endpoints for the configured Basic user: 401 with
 * {@code WWW-Authenticate} otherwise, counted per endpoint. Credentials are compared in constant time.
 */
final class BasicAuthGuard {
    private final byte[] expected;
    private final OwnMetrics ownMetrics;

    BasicAuthGuard(InboundAuthentication auth, OwnMetrics ownMetrics) {
        this.expected = ("Basic "
                        + Base64.getEncoder()
                                .encodeToString(
                                        (auth.username() + ":" + auth.password()).getBytes(StandardCharsets.UTF_8)))
                .getBytes(StandardCharsets.UTF_8);
        this.ownMetrics = ownMetrics;
    }

    /** The handler behind a credentials check when {@code required}, else the handler itself. */
    HttpHandler guard(boolean required, String endpoint, HttpHandler handler) {
        if (!required) {
            return handler;
        }
        return exchange -> {
            String given = exchange.getRequestHeaders().getFirst("Authorization");
            byte[] presented = given == null ? new byte[0] : given.trim().getBytes(StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(presented, expected)) {
                ownMetrics.recordAuthenticationFailure(endpoint);
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"Promregator\", charset=\"UTF-8\"");
                Responses.sendText(exchange, 401, "Authentication required for " + endpoint);
                return;
            }
            handler.handle(exchange);
        };
    }
}
