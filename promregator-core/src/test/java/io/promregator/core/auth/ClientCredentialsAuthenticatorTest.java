package io.promregator.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promregator.core.testing.MutableClock;
import io.promregator.core.testing.TestEndpoints;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClientCredentialsAuthenticatorTest {
    private final TestEndpoints tokenService = new TestEndpoints();
    private final AtomicInteger issued = new AtomicInteger();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final MutableClock clock = new MutableClock();

    @AfterEach
    void close() {
        tokenService.close();
    }

    private URI serveTokens(int status, long expiresIn) {
        return tokenService.serve("/oauth/token", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String body = status == 200
                    ? "{\"access_token\":\"token-" + issued.incrementAndGet() + "\",\"token_type\":\"bearer\","
                            + "\"expires_in\":" + expiresIn + "}"
                    : "{\"error\":\"unauthorized\",\"error_description\":\"Bad credentials\"}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
    }

    private ClientCredentialsAuthenticator authenticator(URI url) {
        return new ClientCredentialsAuthenticator(
                url, "metrics-client", "s3cret", "read, metrics", HttpClient.newHttpClient(), clock);
    }

    @Test
    void asksWithClientCredentialsAndSendsTheBearerToken() {
        ClientCredentialsAuthenticator authenticator = authenticator(serveTokens(200, 600));

        assertThat(authenticator.authorization().join()).contains("Bearer token-1");

        var request = tokenService.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.headers().getFirst("Authorization")).isEqualTo("Basic bWV0cmljcy1jbGllbnQ6czNjcmV0");
        assertThat(bodies.get(0))
                .isEqualTo("grant_type=client_credentials&client_id=metrics-client&scope=read+metrics");
    }

    @Test
    void concurrentScrapesShareOneTokenUntilShortlyBeforeItExpires() {
        ClientCredentialsAuthenticator authenticator = authenticator(serveTokens(200, 600));

        List<CompletableFuture<?>> calls =
                List.of(authenticator.authorization(), authenticator.authorization(), authenticator.authorization());
        calls.forEach(CompletableFuture::join);
        clock.advance(Duration.ofSeconds(539));
        assertThat(authenticator.authorization().join()).contains("Bearer token-1");
        clock.advance(Duration.ofSeconds(2));

        assertThat(authenticator.authorization().join()).contains("Bearer token-2");
        assertThat(issued).hasValue(2);
    }

    @Test
    void aTokenATargetRefusedIsReplacedAtTheNextScrapeOnceItIsOlderThanTheGrace() {
        ClientCredentialsAuthenticator authenticator = authenticator(serveTokens(200, 3600));
        String first = authenticator.authorization().join().orElseThrow();

        authenticator.refused(first); // fresh: kept, so a target refusing every token cannot hammer the service
        String stillFirst = authenticator.authorization().join().orElseThrow();
        clock.advance(Duration.ofSeconds(31));
        authenticator.refused("Bearer some-older-token"); // not the current one: nothing happens
        String afterOther = authenticator.authorization().join().orElseThrow();
        authenticator.refused(first);
        String replaced = authenticator.authorization().join().orElseThrow();

        assertThat(List.of(first, stillFirst, afterOther)).containsOnly("Bearer token-1");
        assertThat(replaced).isEqualTo("Bearer token-2");
        assertThat(issued).hasValue(2);
    }

    @Test
    void refusedTokenFailsWithTheServicesErrorAndNoSecret() {
        ClientCredentialsAuthenticator authenticator = authenticator(serveTokens(401, 0));

        assertThatThrownBy(() -> authenticator.authorization().join())
                .hasMessageContaining("answered HTTP 401 for client metrics-client: unauthorized (Bad credentials)")
                .hasMessageNotContaining("s3cret");
        assertThat(authenticator.toString()).doesNotContain("s3cret");
    }

    @Test
    void aFailedFetchIsTriedAgainAtTheNextScrape() {
        ClientCredentialsAuthenticator authenticator = authenticator(serveTokens(401, 0));
        assertThatThrownBy(() -> authenticator.authorization().join()).isNotNull();

        assertThatThrownBy(() -> authenticator.authorization().join()).isNotNull();

        assertThat(tokenService.requests()).hasSize(2);
    }
}
