package io.promregator.core.auth;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;

/**
 * How the aggregator authenticates to a target ({@code promregator.authenticator},
 * {@code promregator.targetAuthenticators[]}). Thread-safe; called once per scrape.
 */
public interface TargetAuthenticator {
    /**
     * The value of the {@code Authorization} header to send, if any. Completes exceptionally when no
     * credentials can be had: the scrape then fails with that reason instead of going out unauthenticated.
     */
    CompletableFuture<Optional<String>> authorization();

    /**
     * The TLS context to reach the target with, when the target may ask for a client certificate; empty for
     * the scraper's default. The scraper keeps one connection pool per distinct context, so return the same
     * instance every time.
     */
    default Optional<SSLContext> tls() {
        return Optional.empty();
    }

    /**
     * Told when a target answered 401 to a request that carried {@code authorization}: an authenticator that
     * keeps a token drops it, if it is still the current one, so that the next scrape fetches a new one
     * rather than sending the refused token until it would have expired (a revoked token, a rotated key).
     */
    default void refused(String authorization) {}

    /** No authentication. */
    TargetAuthenticator NONE = () -> CompletableFuture.completedFuture(Optional.empty());
}
