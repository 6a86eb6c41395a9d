package io.promregator.core.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** HTTP Basic authentication ({@code type: basic}): {@code Authorization: Basic base64(user:password)}, UTF-8. */
public final class BasicAuthenticator implements TargetAuthenticator {
    private final CompletableFuture<Optional<String>> header;

    public BasicAuthenticator(String username, String password) {
        String token = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.header = CompletableFuture.completedFuture(Optional.of("Basic " + token));
    }

    @Override
    public CompletableFuture<Optional<String>> authorization() {
        return header;
    }

    @Override
    public String toString() {
        return "BasicAuthenticator[<hidden>]";
    }
}
