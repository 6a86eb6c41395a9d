package io.promregator.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.Promregator;
import io.promregator.core.TestBuilder;
import io.promregator.core.config.ConfigLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A flood of wrong passwords against a cost-10 bcrypt hash, on a server with two workers and no queue:
 * the health endpoints are answered, and a scraper whose credentials passed before is let in, never held
 * up by bcrypt (issue 15, point 3). Before, every worker waited for its turn at bcrypt and the health
 * checks got 503.
 */
@Timeout(120)
class BcryptFloodTest {
    /** "prometheus" at cost 10 (libxcrypt, see BcryptHashTest). */
    private static final String COST_10_HASH = "$2b$10$PoeAyqVMCYYQX3DuIJURkOs0zT0shbB4VyPaQma/x.Dt6NbcsJNI.";

    private static final int FLOODERS = 6;
    private static final int ATTEMPTS = 15;

    private static String basic(String password) {
        return "Basic "
                + Base64.getEncoder().encodeToString(("promregator:" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void wrongPasswordsDoNotStarveHealthChecksOrAKnownScraper() throws Exception {
        String config = """
                promregator:
                  authentication:
                    basic: {username: promregator, password: '%s'}
                  endpoint: {auth: BASIC}
                server: {address: 127.0.0.1, port: 0}
                """.formatted(COST_10_HASH);
        try (Promregator promregator = TestBuilder.create()
                .config(ConfigLoader.load(config, Map.of()))
                .server(ServerSettings.defaults()
                        .withAddress("127.0.0.1")
                        .withPort(0)
                        .withThreads(2)
                        .withQueue(0))
                .build()
                .start()) {
            HttpClient client = HttpClient.newHttpClient();
            URI metrics = URI.create("http://127.0.0.1:" + promregator.port() + "/metrics");
            URI healthy = URI.create("http://127.0.0.1:" + promregator.port() + "/-/healthy");
            URI ready = URI.create("http://127.0.0.1:" + promregator.port() + "/-/ready");
            assertThat(status(client, metrics, basic("prometheus"))).isEqualTo(200); // now remembered

            ExecutorService flood = Executors.newFixedThreadPool(FLOODERS);
            List<Future<List<Integer>>> flooders = new ArrayList<>();
            for (int f = 0; f < FLOODERS; f++) {
                int flooder = f;
                flooders.add(flood.submit(() -> {
                    List<Integer> statuses = new ArrayList<>();
                    for (int i = 0; i < ATTEMPTS; i++) {
                        statuses.add(status(client, metrics, basic("guess-" + flooder + "-" + i)));
                    }
                    return statuses;
                }));
            }
            List<Integer> health = new ArrayList<>();
            List<String> scraper = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                health.add(status(client, healthy, null));
                health.add(status(client, ready, null));
                scraper.add(answer(client, metrics, basic("prometheus")));
            }
            List<Integer> floodStatuses = new ArrayList<>();
            for (Future<List<Integer>> f : flooders) {
                floodStatuses.addAll(f.get());
            }
            flood.shutdown();

            assertThat(health).isNotEmpty().containsOnly(200);
            // Known credentials need no bcrypt: 200, or, when both workers happen to be answering flooders,
            // the server's own 503 for a full house; never a 401 nor the busy answer of the credential check.
            assertThat(scraper)
                    .isNotEmpty()
                    .contains("200")
                    .allSatisfy(answer ->
                            assertThat(answer).matches("200|503 Promregator is busy: 2 requests are being answered.*"));
            assertThat(floodStatuses).hasSize(FLOODERS * ATTEMPTS).containsOnly(401, 503);
        }
    }

    private static String answer(HttpClient client, URI uri, String authorization) throws Exception {
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(uri)
                        .header("Authorization", authorization)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200
                ? "200"
                : response.statusCode() + " " + response.body().strip();
    }

    private static int status(HttpClient client, URI uri, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
