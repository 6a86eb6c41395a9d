package io.promregator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.cf.simulator.CfSimulator;
import io.promregator.core.cf.simulator.Foundation;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full run of the jar with every logger at TRACE (the JDK's HTTP client logs through System.Logger,
 * not here): login, discovery, scrapes with Basic credentials,
 * callers with right and wrong credentials. No password, client secret or token may appear in the logs.
 */
class SecretsInLogsIT {
    private static final String CF_PASSWORD = "cf-Pa55word-zq81";
    private static final String TARGET_PASSWORD = "s3cret"; // the demo's secured exporter
    private static final String INBOUND_PASSWORD = "inbound-Pa55-qv42";

    @Test
    void noSecretReachesTheLogsAtTrace(@TempDir Path dir) throws Exception {
        try (CfSimulator simulator = CfSimulator.builder()
                .user("promregator", CF_PASSWORD)
                .foundation(Foundation.demo())
                .start()) {
            Path config = dir.resolve("promregator.yml");
            Files.writeString(config, """
                    cf:
                      api_host: %s
                      username: promregator
                      password: %s
                    promregator:
                      authentication:
                        basic: {username: prometheus, password: %s}
                      endpoint: {auth: BASIC}
                      scraping:
                        proxy: {host: 127.0.0.1, port: %d}
                      targetAuthenticators:
                        - id: exporter
                          type: basic
                          basic: {username: metrics, password: %s}
                      targets:
                        - orgName: platform-org
                          spaceName: tools
                          applicationName: secured-exporter
                          protocol: http
                          authenticatorId: exporter
                        - orgName: demo-org
                          spaceName: production
                          applicationName: shop
                          protocol: http
                    server:
                      address: 127.0.0.1
                    logging:
                      level:
                        root: TRACE
                        io.promregator: TRACE
                    """.formatted(
                            simulator.apiUrl(),
                            CF_PASSWORD,
                            INBOUND_PASSWORD,
                            simulator.gorouterProxy().getPort(),
                            TARGET_PASSWORD));
            try (JarProcess jar =
                    JarProcess.start(Map.of(), "--config", config.toString()).awaitReady()) {
                HttpClient client = HttpClient.newHttpClient();
                String right = "Basic "
                        + Base64.getEncoder()
                                .encodeToString(("prometheus:" + INBOUND_PASSWORD).getBytes(StandardCharsets.UTF_8));
                HttpResponse<String> metrics = client.send(
                        HttpRequest.newBuilder(jar.url("/metrics"))
                                .header("Authorization", right)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> refused = client.send(
                        HttpRequest.newBuilder(jar.url("/metrics"))
                                .header(
                                        "Authorization",
                                        "Basic "
                                                + Base64.getEncoder()
                                                        .encodeToString(
                                                                "prometheus:guess".getBytes(StandardCharsets.UTF_8)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(metrics.statusCode()).isEqualTo(200);
                assertThat(metrics.body()).contains("app_name=\"secured-exporter\"");
                assertThat(refused.statusCode()).isEqualTo(401);
                jar.terminate();

                String logs = jar.stdout() + jar.stderr();
                assertThat(logs).as("debug logging ran").contains("DEBUG");
                assertThat(logs).as("every configuration key acted on").doesNotContain("no effect");
                assertThat(logs)
                        .doesNotContain(CF_PASSWORD, TARGET_PASSWORD, INBOUND_PASSWORD)
                        .doesNotContain(base64("metrics:" + TARGET_PASSWORD), base64("prometheus:" + INBOUND_PASSWORD))
                        .doesNotContain("eyJ"); // the start of every JWT the simulated UAA hands out
            }
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
