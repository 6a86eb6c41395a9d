package io.promregator.core.server;

import com.sun.net.httpserver.HttpHandler;
import io.promregator.core.bcrypt.BcryptHash;
import io.promregator.core.metrics.OwnMetrics;
import io.promregator.core.server.BcryptCredentials.Verdict;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.function.Function;

/**
 * Asks callers of protected endpoints for the configured Basic user: 401 with
 * {@code WWW-Authenticate} otherwise, counted per endpoint. Every header is read by {@link BasicHeader},
 * whatever form the password takes; a plain password is compared in constant time, one configured as a
 * bcrypt hash is checked by {@link BcryptCredentials}, which may answer that it is busy (503).
 */
final class BasicAuthGuard {
    static final String BUSY_REASON = "credential_check_busy";

    private final Function<String, Verdict> check;
    private final OwnMetrics ownMetrics;

    BasicAuthGuard(InboundAuthentication auth, OwnMetrics ownMetrics) {
        if (BcryptHash.looksLikeBcrypt(auth.password())) {
            this.check = new BcryptCredentials(auth.username(), BcryptHash.parse(auth.password())::matches)::check;
        } else {
            byte[] user = auth.username().getBytes(StandardCharsets.UTF_8);
            byte[] password = auth.password().getBytes(StandardCharsets.UTF_8);
            this.check = given -> {
                Optional<BasicHeader.Credentials> credentials = BasicHeader.parse(given);
                if (credentials.isEmpty()) {
                    return Verdict.REFUSED;
                }
                boolean userMatches = MessageDigest.isEqual(credentials.get().user(), user);
                boolean passwordMatches =
                        MessageDigest.isEqual(credentials.get().password(), password);
                credentials.get().clear();
                return userMatches & passwordMatches ? Verdict.ACCEPTED : Verdict.REFUSED;
            };
        }
        this.ownMetrics = ownMetrics;
    }

    /** The handler behind a credentials check when {@code required}, else the handler itself. */
    HttpHandler guard(boolean required, String endpoint, HttpHandler handler) {
        if (!required) {
            return handler;
        }
        return exchange -> {
            Verdict verdict = check.apply(exchange.getRequestHeaders().getFirst("Authorization"));
            if (verdict == Verdict.BUSY) {
                ownMetrics.recordInboundRefusal(BUSY_REASON);
                exchange.getResponseHeaders().set("Retry-After", "1");
                Responses.sendText(
                        exchange, 503, "Promregator is busy checking other credentials; try again in a second.");
                return;
            }
            if (verdict != Verdict.ACCEPTED) {
                ownMetrics.recordAuthenticationFailure(endpoint);
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"Promregator\", charset=\"UTF-8\"");
                Responses.sendText(exchange, 401, "Authentication required for " + endpoint);
                return;
            }
            handler.handle(exchange);
        };
    }
}
