package io.promregator.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.Promregator;
import io.promregator.core.Target;
import io.promregator.core.TestBuilder;
import io.promregator.core.exposition.Labels;
import io.promregator.core.server.ServerSettings;
import io.promregator.core.target.StaticTargetResolver;
import io.promregator.core.testing.MutableClock;
import io.promregator.core.testing.TestEndpoints;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A token service that issues tokens valid for one second, and a target that accepts only valid ones,
 * scraped through {@code /metrics} on the real clock.
 */
class ExpiringTokensTest {
    private static final String CLIENT =
            "Basic " + java.util.Base64.getEncoder().encodeToString("scraper:s3cret".getBytes(StandardCharsets.UTF_8));

    private final TestEndpoints endpoints = new TestEndpoints();
    private final Map<String, Instant> validUntil = new ConcurrentHashMap<>();
    private final List<String> refusedAtTarget = new CopyOnWriteArrayList<>();
    private Promregator promregator;
    private long lifetimeSeconds = 1;
    private Clock clock = Clock.systemUTC();

    @AfterEach
    void close() {
        if (promregator != null) {
            promregator.close();
        }
        endpoints.close();
    }

    private URI tokenService() {
        return endpoints.serve("/oauth/token", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!CLIENT.equals(exchange.getRequestHeaders().getFirst("Authorization"))
                    || !body.contains("grant_type=client_credentials")) {
                send(exchange, 401, "application/json", "{\"error\":\"unauthorized\"}");
                return;
            }
            String token = UUID.randomUUID().toString();
            validUntil.put(token, Instant.now().plusSeconds(lifetimeSeconds));
            send(
                    exchange,
                    200,
                    "application/json",
                    "{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"expires_in\":" + lifetimeSeconds
                            + "}");
        });
    }

    private URI securedTarget() {
        return endpoints.serve("/metrics", exchange -> {
            String header = exchange.getRequestHeaders().getFirst("Authorization");
            String token = header != null && header.startsWith("Bearer ") ? header.substring(7) : "";
            Instant until = validUntil.get(token);
            if (until == null || Instant.now().isAfter(until)) {
                refusedAtTarget.add(String.valueOf(header));
                send(exchange, 401, "text/plain", "invalid or expired token\n");
                return;
            }
            send(exchange, 200, "text/plain; version=0.0.4", "secured_value 42\n");
        });
    }

    private static void send(com.sun.net.httpserver.HttpExchange exchange, int status, String type, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private String scrape() throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + promregator.port() + "/metrics"))
                                .header("Accept", "text/plain")
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private void start(String clientSecret) {
        ClientCredentialsAuthenticator tokens = new ClientCredentialsAuthenticator(
                tokenService(), "scraper", clientSecret, "", HttpClient.newHttpClient(), clock);
        promregator = TestBuilder.create()
                .targetResolver(new StaticTargetResolver(List.of(
                        new Target("secured", securedTarget(), Labels.of("app_name", "secured"), Map.of(), "tokens"))))
                .authenticators(new Authenticators(TargetAuthenticator.NONE, Map.of("tokens", tokens)))
                .server(ServerSettings.defaults().withAddress("127.0.0.1").withPort(0))
                .build()
                .start();
    }

    @Test
    void aTokenPastItsLifetimeIsReplacedBeforeTheTargetSeesIt() throws Exception {
        start("s3cret");

        String first = scrape();
        Thread.sleep(1_200); // the first token has expired at the target
        String second = scrape();

        assertThat(first).contains("secured_value{app_name=\"secured\"} 42", "promregator_up{app_name=\"secured\"} 1");
        assertThat(second).contains("secured_value{app_name=\"secured\"} 42", "promregator_up{app_name=\"secured\"} 1");
        assertThat(validUntil).hasSize(2);
        assertThat(refusedAtTarget).isEmpty();
        assertThat(endpoints.requests())
                .filteredOn(request -> request.uri().getPath().equals("/metrics"))
                .hasSize(2);
    }

    @Test
    void aTokenTheTargetRevokedIsReplacedAfterOneFailedScrape() throws Exception {
        lifetimeSeconds = 3600;
        MutableClock manual = new MutableClock();
        clock = manual;
        start("s3cret");

        String first = scrape();
        validUntil.replaceAll((token, until) -> Instant.EPOCH); // revoked at the target, an hour before expiry
        manual.advance(Duration.ofSeconds(60));
        String refused = scrape();
        String renewed = scrape();

        assertThat(first).contains("promregator_up{app_name=\"secured\"} 1");
        assertThat(refused).contains("promregator_up{app_name=\"secured\"} 0");
        assertThat(renewed)
                .contains("secured_value{app_name=\"secured\"} 42", "promregator_up{app_name=\"secured\"} 1");
        assertThat(validUntil).hasSize(2);
        assertThat(refusedAtTarget).hasSize(1);
    }

    @Test
    void aRefusedClientFailsTheTargetWithoutEverCallingItUnauthenticated() throws Exception {
        start("wrong");

        String text = scrape();

        assertThat(text)
                .contains("promregator_up{app_name=\"secured\"} 0")
                .contains("promregator_scrape_failure{reason=\"authentication\"")
                .doesNotContain("wrong");
        assertThat(endpoints.requests())
                .noneMatch(request -> request.uri().getPath().equals("/metrics"));
    }
}
