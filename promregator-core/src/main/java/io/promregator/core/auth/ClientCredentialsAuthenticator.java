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
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OAuth2 client credentials: a bearer token from the token service, kept until shortly before it expires
 * (60 s, or a tenth of its lifetime for short ones) and fetched once for all concurrent scrapes. The client
 * proves itself with its secret ({@code type: OAuth2XSUAABasic}) or with a client certificate over mutual
 * TLS ({@code type: OAuth2XSUAACertificate}); in the latter case the target is reached with the same
 * certificate. When no token can be had, the scrape fails with the reason; it is never sent
 * unauthenticated. Thread-safe. The client secret, key and tokens never appear in messages.
 */
public final class ClientCredentialsAuthenticator implements TargetAuthenticator {
    private static final Logger logger = LoggerFactory.getLogger(ClientCredentialsAuthenticator.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final URI tokenService;
    private final String clientId;
    private final Optional<String> basicCredentials;
    private final Optional<SSLContext> tls;
    private final String scopes;
    private final HttpClient client;
    private final Clock clock;
    private CompletableFuture<Token> current;

    private static final long REFUSAL_GRACE_SECONDS = 30;

    private record Token(String header, Instant fetchedAt, Instant renewAt) {}

    /**
     * With client id and secret, sent as HTTP Basic authentication to the token service.
     *
     * @param scopes comma- or space-separated scopes to ask for; empty for the client's defaults
     * @param client must not follow redirects (the JDK's default), so that the credentials never follow a
     *     token service's redirect to another origin; a redirect fails the token request instead
     * @throws IllegalArgumentException for a client that follows redirects
     */
    public ClientCredentialsAuthenticator(
            URI tokenService, String clientId, String clientSecret, String scopes, HttpClient client, Clock clock) {
        this(
                tokenService,
                clientId,
                Optional.of(basic(clientId, clientSecret)),
                Optional.empty(),
                scopes,
                client,
                clock);
    }

    private ClientCredentialsAuthenticator(
            URI tokenService,
            String clientId,
            Optional<String> basicCredentials,
            Optional<SSLContext> tls,
            String scopes,
            HttpClient client,
            Clock clock) {
        this.tokenService = tokenService;
        this.clientId = clientId;
        this.basicCredentials = basicCredentials;
        this.tls = tls;
        this.scopes = String.join(" ", scopes.trim().split("[,\\s]+")).trim();
        if (client.followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("the token service's client must not follow redirects (it follows "
                    + client.followRedirects() + "): the client credentials would go where a redirect points");
        }
        this.client = client;
        this.clock = clock;
    }

    /**
     * With a client certificate instead of a secret: the token request goes over mutual TLS with {@code tls},
     * carrying only the client id, and so do the scrapes of the targets (see {@link #tls()}).
     *
     * @param tls presents the client certificate, e.g. {@code TlsIdentity.clientContext()}
     * @param scopes comma- or space-separated scopes to ask for; empty for the client's defaults
     */
    public static ClientCredentialsAuthenticator withClientCertificate(
            URI tokenService, String clientId, String scopes, SSLContext tls, Clock clock) {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(tls)
                .build();
        return new ClientCredentialsAuthenticator(
                tokenService, clientId, Optional.empty(), Optional.of(tls), scopes, client, clock);
    }

    /** The client certificate's TLS context, with which targets are scraped; empty for the secret variant. */
    @Override
    public Optional<SSLContext> tls() {
        return tls;
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

    /**
     * Drops the current token when a target refused it, so that the next scrape fetches a new one; but not
     * a token younger than {@value #REFUSAL_GRACE_SECONDS} s, so that a target refusing every token (a
     * missing scope) costs the token service at most one fetch per that time.
     */
    @Override
    public synchronized void refused(String authorization) {
        CompletableFuture<Token> token = current;
        if (token == null || !token.isDone() || token.isCompletedExceptionally()) {
            return;
        }
        Token refused = token.join();
        if (refused.header().equals(authorization)
                && clock.instant().isAfter(refused.fetchedAt().plusSeconds(REFUSAL_GRACE_SECONDS))) {
            logger.info("A target refused the token of client {}; the next scrape fetches a new one", clientId);
            current = null;
        }
    }

    private CompletableFuture<Token> fetch() {
        StringBuilder form = new StringBuilder("grant_type=client_credentials&client_id=").append(encode(clientId));
        if (!scopes.isEmpty()) {
            form.append("&scope=").append(encode(scopes));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(tokenService)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString()));
        basicCredentials.ifPresent(value -> request.header("Authorization", value));
        Instant asked = clock.instant();
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .handle((response, error) -> {
                    if (error != null) {
                        throw new IllegalStateException(
                                "token service " + tokenService + " cannot be reached: " + describe(error), error);
                    }
                    return token(response, asked);
                });
    }

    /** The failure's type and message, of the innermost cause (a TLS alert, a refused connection). */
    private static String describe(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause.getMessage() == null) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
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
        return new Token("Bearer " + accessToken, asked, asked.plusSeconds(lifetime - margin));
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

    private static String basic(String clientId, String clientSecret) {
        return "Basic "
                + Base64.getEncoder()
                        .encodeToString(
                                (encode(clientId) + ":" + encode(clientSecret)).getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "ClientCredentialsAuthenticator[" + tokenService + ", client " + clientId
                + (tls.isPresent() ? ", client certificate]" : ", secret <hidden>]");
    }
}
