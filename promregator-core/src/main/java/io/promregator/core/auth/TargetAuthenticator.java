package io.promregator.core.auth;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

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

    /** No authentication. */
    TargetAuthenticator NONE = () -> CompletableFuture.completedFuture(Optional.empty());
}
