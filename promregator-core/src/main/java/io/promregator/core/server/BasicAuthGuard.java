package io.promregator.core.server;

import com.sun.net.httpserver.HttpHandler;
import io.promregator.core.bcrypt.BcryptHash;
import io.promregator.core.metrics.OwnMetrics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.function.Predicate;

/**
 * Asks callers of protected endpoints for the configured Basic user: 401 with
 * {@code WWW-Authenticate} otherwise, counted per endpoint. Credentials are compared in constant time; a
 * password configured as a bcrypt hash is checked by {@link BcryptCredentials}.
 */
final class BasicAuthGuard {
    private final Predicate<String> accepts;
    private final OwnMetrics ownMetrics;

    BasicAuthGuard(InboundAuthentication auth, OwnMetrics ownMetrics) {
        if (BcryptHash.looksLikeBcrypt(auth.password())) {
            this.accepts = new BcryptCredentials(auth.username(), BcryptHash.parse(auth.password())::matches)::accepts;
        } else {
            byte[] expected = ("Basic "
                            + Base64.getEncoder()
                                    .encodeToString(
                                            (auth.username() + ":" + auth.password()).getBytes(StandardCharsets.UTF_8)))
                    .getBytes(StandardCharsets.UTF_8);
            this.accepts = given -> MessageDigest.isEqual(
                    given == null ? new byte[0] : given.getBytes(StandardCharsets.UTF_8), expected);
        }
        this.ownMetrics = ownMetrics;
    }

    /** The handler behind a credentials check when {@code required}, else the handler itself. */
    HttpHandler guard(boolean required, String endpoint, HttpHandler handler) {
        if (!required) {
            return handler;
        }
        return exchange -> {
            String given = exchange.getRequestHeaders().getFirst("Authorization");
            if (!accepts.test(given == null ? null : given.trim())) {
                ownMetrics.recordAuthenticationFailure(endpoint);
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"Promregator\", charset=\"UTF-8\"");
                Responses.sendText(exchange, 401, "Authentication required for " + endpoint);
                return;
            }
            handler.handle(exchange);
        };
    }
}
