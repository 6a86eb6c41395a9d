package io.promregator.core.cf.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.promregator.core.cf.CloudControllerException;
import io.promregator.core.cf.client.RetryingTransport.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets and keeps an access token from UAA ({@code POST <login>/oauth/token}). A token is renewed before it
 * expires, with its refresh token when it has one (falling back to the primary grant), and concurrent
 * callers share one fetch: while it runs, they wait for it, or keep using the old token if that is still
 * valid. A login that UAA refuses (HTTP 400 or 401: a wrong password or client secret) is not tried again
 * for 10 s, then 20 s, doubling up to 10 min, until one succeeds; callers meanwhile get the refusal at once,
 * naming when the next attempt will be, so that no caller can lock the account by retrying. Thread-safe.
 * Tokens and passwords never appear in logs or messages.
 */
final class UaaTokenProvider {
    private static final Logger logger = LoggerFactory.getLogger(UaaTokenProvider.class);
    private static final Duration MIN_MARGIN = Duration.ofSeconds(60);
    private static final Duration QUIET_AFTER_FAILED_REFRESH = Duration.ofSeconds(10);
    private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(10);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

    /** A token and when to renew it. {@link #toString()} hides both tokens. */
    record Token(String accessToken, Optional<String> refreshToken, Instant issuedAt, Instant expiresAt) {
        /** Renew when less than 60 s or 10% of the lifetime remain (but at most in the second half of it). */
        boolean needsRenewal(Instant now) {
            Duration lifetime = Duration.between(issuedAt, expiresAt);
            Duration margin = max(MIN_MARGIN, lifetime.dividedBy(10));
            margin = margin.compareTo(lifetime.dividedBy(2)) > 0 ? lifetime.dividedBy(2) : margin;
            return !now.isBefore(expiresAt.minus(margin));
        }

        boolean isExpired(Instant now) {
            return !now.isBefore(expiresAt);
        }

        Token expired() {
            return new Token(accessToken, refreshToken, issuedAt, issuedAt);
        }

        @Override
        public String toString() {
            return "Token[accessToken=<hidden>, refreshToken=" + (refreshToken.isPresent() ? "<hidden>" : "none")
                    + ", issuedAt=" + issuedAt + ", expiresAt=" + expiresAt + "]";
        }
    }

    private final RetryingTransport transport;
    private final URI tokenEndpoint;
    private final UaaCredentials credentials;
    private final Clock clock;
    private final String description;
    private Token current;
    private CompletableFuture<Token> inFlight;
    private Instant quietUntil = Instant.MIN;
    private Refusal refusal; // the last login UAA refused, while no login has succeeded since

    /** Logins UAA refused in a row, the last one's error, and when the next may be tried. */
    record Refusal(int times, CloudControllerException error, Instant nextAttempt) {
        /** The refusal as callers get it until the next attempt: the error and when it will be tried again. */
        CloudControllerException toException() {
            return error.withNote("; login refused " + times + (times == 1 ? " time" : " times in a row")
                    + ", next attempt not before " + nextAttempt + " (backing off)");
        }
    }

    UaaTokenProvider(RetryingTransport transport, URI tokenEndpoint, UaaCredentials credentials, Clock clock) {
        this.transport = transport;
        this.tokenEndpoint = tokenEndpoint;
        this.credentials = credentials;
        this.clock = clock;
        this.description = HttpCloudController.describe("POST", tokenEndpoint);
    }

    /** A valid access token, fetched or renewed if needed. */
    String accessToken() {
        Token known;
        CompletableFuture<Token> pending;
        boolean leader = false;
        Instant now = clock.instant();
        synchronized (this) {
            known = current;
            boolean usable = known != null && !known.isExpired(now);
            boolean backingOff = refusal != null && now.isBefore(refusal.nextAttempt());
            if (usable && (!known.needsRenewal(now) || inFlight != null || now.isBefore(quietUntil) || backingOff)) {
                return known.accessToken();
            }
            if (backingOff && inFlight == null) {
                throw refusal.toException();
            }
            if (inFlight == null) {
                inFlight = new CompletableFuture<>();
                leader = true;
            }
            pending = inFlight;
        }
        if (leader) {
            return lead(known, pending, now);
        }
        return await(pending).accessToken();
    }

    /** Forgets this access token (the Cloud Controller rejected it); the refresh token is kept. */
    synchronized void invalidate(String accessToken) {
        if (current != null && current.accessToken().equals(accessToken)) {
            current = current.expired();
        }
    }

    /** The last refused login while no login has succeeded since, and when the next attempt may be. */
    synchronized Optional<Refusal> refusal() {
        return Optional.ofNullable(refusal);
    }

    /** The token endpoint in use. */
    URI tokenEndpoint() {
        return tokenEndpoint;
    }

    private String lead(Token known, CompletableFuture<Token> pending, Instant now) {
        try {
            Token fresh = fetch(known);
            Refusal before;
            synchronized (this) {
                current = fresh;
                inFlight = null;
                before = refusal;
                refusal = null;
            }
            if (before != null) {
                logger.info("UAA accepted the login again after {} refused attempts", before.times());
            }
            pending.complete(fresh);
            return fresh.accessToken();
        } catch (RuntimeException failure) {
            RuntimeException e = failure;
            boolean stillValid = known != null && !known.isExpired(clock.instant());
            Refusal refused = null;
            synchronized (this) {
                inFlight = null;
                if (stillValid) {
                    quietUntil = now.plus(QUIET_AFTER_FAILED_REFRESH);
                }
                if (isRefusal(failure)) {
                    int times = refusal == null ? 1 : refusal.times() + 1;
                    refusal = new Refusal(
                            times,
                            (CloudControllerException) failure,
                            clock.instant().plus(backoff(times)));
                    refused = refusal;
                }
            }
            if (refused != null) {
                logger.error(
                        "UAA refused the login of the {} grant ({} in a row); not trying again before {}: {}",
                        credentials.grant().wireName(),
                        refused.times(),
                        refused.nextAttempt(),
                        failure.getMessage());
                e = refused.toException();
            }
            pending.completeExceptionally(e);
            if (stillValid) {
                logger.warn(
                        "Renewing the UAA token failed; using the current one until it expires: {}", e.getMessage());
                return known.accessToken();
            }
            throw e;
        }
    }

    /** A login UAA answered and refused: wrong credentials, which another attempt at once would not change. */
    private static boolean isRefusal(RuntimeException e) {
        return e instanceof CloudControllerException cc && (cc.status() == 400 || cc.status() == 401);
    }

    /** 10 s after the first refusal, doubling with each, at most 10 min. */
    static Duration backoff(int refusals) {
        Duration wait = FIRST_BACKOFF;
        for (int i = 1; i < refusals && wait.compareTo(MAX_BACKOFF) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    private static Token await(CompletableFuture<Token> pending) {
        try {
            return pending.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private Token fetch(Token known) {
        Optional<String> refreshToken = known == null ? Optional.empty() : known.refreshToken();
        if (refreshToken.isPresent()) {
            try {
                Map<String, String> form = new LinkedHashMap<>();
                form.put("grant_type", "refresh_token");
                form.put("refresh_token", refreshToken.get());
                return request(form);
            } catch (CloudControllerException e) {
                logger.info(
                        "Refreshing the UAA token failed, getting a new one with the {} grant: {}",
                        credentials.grant().wireName(),
                        e.getMessage());
            }
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", credentials.grant().wireName());
        if (credentials.grant() == UaaCredentials.Grant.PASSWORD) {
            form.put("username", credentials.username());
            form.put("password", credentials.password());
        }
        return request(form);
    }

    private Token request(Map<String, String> form) {
        String basic = Base64.getEncoder()
                .encodeToString(
                        (credentials.clientId() + ":" + credentials.clientSecret()).getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(tokenEndpoint)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString(formBody(form)));
        Instant issuedAt = clock.instant();
        Response response = transport.send(RequestType.TOKEN, request, description);
        if (!response.isSuccess()) {
            throw JsonBodies.uaaFailure(response, description);
        }
        JsonNode body = JsonBodies.parse(response, description);
        String accessToken = V3Resources.text(body.path("access_token"));
        if (accessToken == null) {
            throw new CloudControllerException(
                    description, response.status(), List.of(), "answered without an access_token");
        }
        Duration lifetime = body.path("expires_in").canConvertToLong()
                        && body.path("expires_in").asLong() > 0
                ? Duration.ofSeconds(body.path("expires_in").asLong())
                : DEFAULT_LIFETIME;
        Optional<String> refreshToken = Optional.ofNullable(V3Resources.text(body.path("refresh_token")));
        return new Token(accessToken, refreshToken, issuedAt, issuedAt.plus(lifetime));
    }

    private static String formBody(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
