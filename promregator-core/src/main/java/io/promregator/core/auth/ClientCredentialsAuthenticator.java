package io.promregator.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * OAuth2 client credentials ({@code type: OAuth2XSUAABasic}): a bearer token from the token service,
 * kept until shortly before it expires (60 s, or a tenth of its lifetime for short ones) and fetched once
 * for all concurrent scrapes. When no token can be had, the scrape fails with the reason; it is never
 * sent unauthenticated. Thread-safe. The client secret and tokens never appear in messages.
 */
public final class ClientCredentialsAuthenticator implements TargetAuthenticator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final URI tokenService;
    private final String clientId;
    private final String basicCredentials;
    private final String scopes;
    private final HttpClient client;
    private final Clock clock;
    private CompletableFuture<Token> current;

    private record Token(String header, Instant renewAt) {}

    /**
     * @param scopes comma- or space-separated scopes to ask for; empty for the client's defaults
     */
    public ClientCredentialsAuthenticator(
            URI tokenService, String clientId, String clientSecret, String scopes, HttpClient client, Clock clock) {
        this.tokenService = tokenService;
        this.clientId = clientId;
        this.basicCredentials = "Basic "
                + Base64.getEncoder()
                        .encodeToString(
                                (encode(clientId) + ":" + encode(clientSecret)).getBytes(StandardCharsets.UTF_8));
        this.scopes = String.join(" ", scopes.trim().split("[,\\s]+")).trim();
        this.client = client;
        this.clock = clock;
    }

    @Override
    public synchronized CompletableFuture<Optional<String>> authorization() {
        CompletableFuture<Token> token = current;
        boolean usable = token != null
                && (!token.isDone()
                        || (!token.isCompletedExceptionally()
                                && clock.instant().isBefore(token.join().renewAt())));
        if (!usable) {
            token = fetch();
            current = token;
        }
        return token.thenApply(t -> Optional.of(t.header()));
    }

    private CompletableFuture<Token> fetch() {
        StringBuilder form = new StringBuilder("grant_type=client_credentials&client_id=").append(encode(clientId));
        if (!scopes.isEmpty()) {
            form.append("&scope=").append(encode(scopes));
        }
        HttpRequest request = HttpRequest.newBuilder(tokenService)
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", basicCredentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
                .build();
        Instant asked = clock.instant();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> token(response, asked));
    }

    private Token token(HttpResponse<String> response, Instant asked) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token service " + tokenService + " answered HTTP " + response.statusCode()
                    + " for client " + clientId + describeError(response.body()));
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("token service " + tokenService + " answered no JSON", e);
        }
        String accessToken = body.path("access_token").asText("");
        if (accessToken.isEmpty()) {
            throw new IllegalStateException("token service " + tokenService + " answered no access_token");
        }
        long lifetime = body.path("expires_in").asLong(300);
        long margin = Math.min(60, lifetime / 10);
        return new Token("Bearer " + accessToken, asked.plusSeconds(lifetime - margin));
    }

    /** The OAuth2 error and description of a failed answer, never anything else from it. */
    private static String describeError(String body) {
        try {
            JsonNode error = JSON.readTree(body);
            String code = error.path("error").asText("");
            String description = error.path("error_description").asText("");
            return code.isEmpty() ? "" : ": " + code + (description.isEmpty() ? "" : " (" + description + ")");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "ClientCredentialsAuthenticator[" + tokenService + ", client " + clientId + ", secret <hidden>]";
    }
}
