package io.promregator.core.cf;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.Promregator;
import io.promregator.core.TestBuilder;
import io.promregator.core.config.ConfigLoader;
import io.promregator.core.config.PromregatorConfig;
import io.promregator.core.server.ServerSettings;
import io.promregator.simulator.CfSimulator;
import io.promregator.simulator.Foundation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Callers looping on {@code /cache/invalidate} and {@code /metrics} must not drive one full discovery per
 * call to the Cloud Controller (issue 15, point 5): invalidations coalesce, at most one per interval.
 */
@Timeout(120)
class InvalidationFloodTest {
    private static final String EVERYTHING =
            "/cache/invalidate?org=true&space=true&application=true&route=true&process=true&resolver=true";

    private final CfSimulator simulator = CfSimulator.builder()
            .user("promregator", "secret")
            .foundation(Foundation.demo())
            .start();
    private final HttpClient client = HttpClient.newHttpClient();
    private Promregator promregator;

    @AfterEach
    void stop() {
        if (promregator != null) {
            promregator.close();
        }
        simulator.close();
    }

    private void start(Duration interval, String app) {
        PromregatorConfig config = ConfigLoader.load(
                """
                cf:
                  api_host: %s
                  username: promregator
                  password: secret
                promregator:
                  scraping:
                    proxy:
                      host: 127.0.0.1
                      port: %d
                  targets:
                    - orgName: demo-org
                      spaceName: production
                      applicationName: %s
                      protocol: http
                """.formatted(simulator.apiUrl(), simulator.gorouterProxy().getPort(), app), Map.of());
        promregator = TestBuilder.create()
                .config(config)
                .server(ServerSettings.defaults()
                        .withAddress("127.0.0.1")
                        .withPort(0)
                        .withInvalidationInterval(interval))
                .build()
                .start();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + promregator.port() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void loopingCallersCauseAtMostOneDiscoveryPerInterval() throws Exception {
        start(Duration.ofHours(1), "shop");
        assertThat(get("/metrics").statusCode()).isEqualTo(200);
        long oneDiscovery = simulator.ccRequestCount();
        assertThat(oneDiscovery).isPositive();

        ExecutorService callers = Executors.newFixedThreadPool(4);
        List<Future<List<Integer>>> loops = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            loops.add(callers.submit(() -> {
                List<Integer> statuses = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    statuses.add(get(EVERYTHING).statusCode());
                    assertThat(get("/metrics").statusCode()).isEqualTo(200);
                }
                return statuses;
            }));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<List<Integer>> loop : loops) {
            statuses.addAll(loop.get());
        }
        callers.shutdown();

        // the first invalidation applies at once (one more discovery); the other 79 wait for the interval
        assertThat(simulator.ccRequestCount()).isLessThanOrEqualTo(2 * oneDiscovery);
        assertThat(statuses).containsOnly(204, 202);
        assertThat(statuses.stream().filter(s -> s == 204)).hasSize(1);
    }

    @Test
    void anInvalidationWithinTheIntervalIsAppliedWhenTheIntervalIsOver() throws Exception {
        start(Duration.ofSeconds(3), "internal-worker");
        assertThat(get("/metrics").body()).contains("app_name=\"internal-worker\",cf_instance_id=");
        assertThat(get(EVERYTHING).statusCode()).isEqualTo(204);
        simulator.live().scale("internal-worker", 5);

        HttpResponse<String> deferred = get(EVERYTHING);

        assertThat(deferred.statusCode()).isEqualTo(202);
        assertThat(deferred.body()).contains("at most once per 3 s");
        // bounded wait for the deferred invalidation: the scaled app shows up without another call
        long up = 0;
        for (int attempt = 0; attempt < 150 && up != 5; attempt++) {
            Thread.sleep(100);
            up = get("/metrics")
                    .body()
                    .lines()
                    .filter(line -> line.startsWith("promregator_up{") && line.contains("app_name=\"internal-worker\""))
                    .count();
        }
        assertThat(up).isEqualTo(5);
    }
}
