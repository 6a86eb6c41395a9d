package io.promregator.core.cf;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.Promregator;
import io.promregator.core.TestBuilder;
import io.promregator.core.config.ConfigLoader;
import io.promregator.simulator.CfSimulator;
import io.promregator.simulator.Foundation;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Discovery starts at start-up, {@code /-/ready} waits for its first run, and {@code /metrics} does not
 * wait longer than {@code maxProcessingTime} for it: against a slow Cloud Controller (the simulator's
 * latency knob) it answers without the Cloud Foundry targets and says so.
 */
class FirstDiscoveryReadinessTest {
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

    private void start(String apiHost, String discoverer) {
        promregator = TestBuilder.create()
                .config(ConfigLoader.load(
                        """
                        cf:
                          api_host: %s
                          username: promregator
                          password: secret
                          request:
                            backoff: 1
                        promregator:
                          discoverer:
                        %s
                          scraping:
                            maxProcessingTime: 300
                            proxy:
                              host: 127.0.0.1
                              port: %d
                          targets:
                            - orgName: demo-org
                              spaceName: production
                              applicationName: billing
                              protocol: http
                        server:
                          address: 127.0.0.1
                          port: 0
                        """.formatted(
                                        apiHost,
                                        discoverer.indent(4),
                                        simulator.gorouterProxy().getPort()),
                        Map.of()))
                .build()
                .start();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + promregator.port() + path))
                        .header("Accept", "text/plain")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> awaitReady() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> ready = get("/-/ready");
        while (ready.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            ready = get("/-/ready");
        }
        return ready;
    }

    @Test
    void readyOnlyOnceTheFirstDiscoveryHasCompletedAndMetricsDoNotWaitForIt() throws Exception {
        simulator.knobs().latency(Duration.ofMillis(1500));
        start(simulator.apiUrl().toString(), "readyAfterFirstDiscovery: true");

        HttpResponse<String> before = get("/-/ready");
        HttpResponse<String> during = get("/metrics");

        assertThat(before.statusCode()).isEqualTo(503);
        assertThat(before.body()).contains("first discovery of targets is running");
        assertThat(during.statusCode()).isEqualTo(200);
        assertThat(during.body())
                .contains("\npromregator_discovery_incomplete 1\n")
                .doesNotContain("app_name=");

        simulator.knobs().latency(Duration.ZERO);
        HttpResponse<String> after = awaitReady();
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).isEqualTo("Promregator is Ready.\n");
        assertThat(get("/metrics").body())
                .contains("promregator_up{org_name=\"demo-org\",space_name=\"production\",app_name=\"billing\"")
                .doesNotContain("promregator_discovery_incomplete");
    }

    @Test
    void theOldBehaviourIsReadyAtOnce() throws Exception {
        simulator.knobs().latency(Duration.ofMillis(1500));
        start(simulator.apiUrl().toString(), "readyAfterFirstDiscovery: false");

        HttpResponse<String> ready = get("/-/ready");

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(get("/metrics").body()).contains("\npromregator_discovery_incomplete 1\n");
    }

    @Test
    void aFailedFirstDiscoveryIsReadyAndNamesTheReason() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            closedPort = socket.getLocalPort();
        }
        start("http://127.0.0.1:" + closedPort, "timeout: 600");

        HttpResponse<String> ready = awaitReady();

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body())
                .startsWith("Promregator is Ready, but the first discovery of targets failed: ")
                .contains("connection refused by 127.0.0.1:" + closedPort);
        assertThat(get("/metrics").body()).contains("\npromregator_discovery_incomplete 1\n");
    }

    @Test
    void afterAFailedFirstDiscoveryTheNextSucceedsInTheBackground() throws Exception {
        simulator.knobs().outage(true);
        start(simulator.apiUrl().toString(), "timeout: 600");
        assertThat(awaitReady().body()).startsWith("Promregator is Ready, but the first discovery of targets failed: ");
        assertThat(get("/metrics").body()).contains("\npromregator_discovery_incomplete 1\n");

        simulator.knobs().outage(false);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String metrics = get("/metrics").body();
        while (metrics.contains("promregator_discovery_incomplete") && System.nanoTime() < deadline) {
            Thread.sleep(50);
            metrics = get("/metrics").body();
        }

        assertThat(metrics)
                .contains("promregator_up{org_name=\"demo-org\",space_name=\"production\",app_name=\"billing\"")
                .doesNotContain("promregator_discovery_incomplete");
    }
}
