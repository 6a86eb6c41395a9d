package io.promregator.core.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.Promregator;
import io.promregator.core.Target;
import io.promregator.core.TestBuilder;
import io.promregator.core.exposition.Labels;
import io.promregator.core.server.ServerSettings;
import io.promregator.core.target.StaticTargetResolver;
import io.promregator.core.testing.TestEndpoints;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Targets that accept the connection and never answer, listed before healthy ones, with the default five
 * fetches in flight: the healthy targets must still be scraped (issue 15, point 1).
 */
@Timeout(60)
class StuckTargetsTest {
    private static final int STUCK = 5;
    private static final int HEALTHY = 20;

    private final List<ServerSocket> stuck = new ArrayList<>();
    private final TestEndpoints healthy = new TestEndpoints();
    private Promregator promregator;

    @AfterEach
    void close() throws IOException {
        if (promregator != null) {
            promregator.close();
        }
        healthy.close();
        for (ServerSocket socket : stuck) {
            socket.close();
        }
    }

    /** A listening socket that never accepts: the kernel completes the connection, nobody ever answers. */
    private URI stuckTarget() throws IOException {
        ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        stuck.add(socket);
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/metrics");
    }

    private List<Target> targets() throws IOException {
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < STUCK; i++) {
            targets.add(new Target("stuck-" + i, stuckTarget(), Labels.of("app_name", "stuck-" + i), Map.of()));
        }
        URI ok = healthy.serve("/metrics", TestEndpoints.body("text/plain", "work_done 1\n"));
        for (int i = 0; i < HEALTHY; i++) {
            targets.add(new Target("healthy-" + i, ok, Labels.of("app_name", "healthy-" + i), Map.of()));
        }
        return targets;
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + promregator.port() + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Test
    void targetsThatNeverAnswerDoNotTimeOutTheHealthyOnes() throws Exception {
        Duration budget = Duration.ofSeconds(2);
        promregator = TestBuilder.create()
                .targetResolver(new StaticTargetResolver(targets()))
                .scrapeSettings(ScrapeSettings.defaults().withTimeouts(budget, budget, budget))
                .server(ServerSettings.defaults().withAddress("127.0.0.1").withPort(0))
                .build()
                .start();

        for (int round = 0; round < 2; round++) {
            String metrics = get("/metrics");

            for (int i = 0; i < HEALTHY; i++) {
                assertThat(metrics).contains("promregator_up{app_name=\"healthy-" + i + "\"} 1");
                assertThat(metrics).contains("work_done{app_name=\"healthy-" + i + "\"} 1");
            }
            for (int i = 0; i < STUCK; i++) {
                assertThat(metrics).contains("promregator_up{app_name=\"stuck-" + i + "\"} 0");
            }
        }
        assertThat(healthy.requests()).hasSize(2 * HEALTHY);
    }
}
