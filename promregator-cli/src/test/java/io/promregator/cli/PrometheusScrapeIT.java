package io.promregator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus server (Debian package {@code prometheus}) scrapes the built jar's {@code /metrics}
 * and {@code /promregatorMetrics} in OpenMetrics, as it prefers: its own parser must accept our output,
 * and the enriched series must arrive with their labels.
 */
class PrometheusScrapeIT {
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void prometheusScrapesTheDemoAndStoresTheEnrichedSeries(@TempDir Path dir) throws Exception {
        Path prometheusBinary = PrometheusBinary.require();
        try (JarProcess jar = JarProcess.start(Map.of(), "--demo").awaitReady()) {
            int prometheusPort = freePort();
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, """
                    global:
                      scrape_interval: 1s
                      scrape_timeout: 1s
                    scrape_configs:
                      - job_name: promregator
                        static_configs:
                          - targets: ["127.0.0.1:%d"]
                      - job_name: promregator-own
                        metrics_path: /promregatorMetrics
                        static_configs:
                          - targets: ["127.0.0.1:%d"]
                    """.formatted(jar.port, jar.port));
            Process prometheus = new ProcessBuilder(
                            prometheusBinary.toString(),
                            "--config.file=" + config,
                            "--storage.tsdb.path=" + dir.resolve("data"),
                            "--web.listen-address=127.0.0.1:" + prometheusPort)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("prometheus.log").toFile())
                    .start();
            try {
                String api = "http://127.0.0.1:" + prometheusPort + "/api/v1/query?query=";
                String up = awaitResult(api + encode("up"), "\"value\"", 2);
                assertThat(up).contains("\"job\":\"promregator\"", "\"job\":\"promregator-own\"");
                assertThat(up).doesNotContain("\"0\"]");

                String shop = awaitResult(
                        api + encode("promregator_up{app_name=\"shop\",space_name=\"production\"} == 1"),
                        "\"value\"",
                        2);
                assertThat(shop).contains("\"cf_instance_number\":\"0\"", "\"cf_instance_number\":\"1\"");

                String down = awaitResult(api + encode("promregator_scrape_failure"), "\"value\"", 5);
                assertThat(down).contains("\"reason\":\"instance_not_running\"", "\"app_name\":\"billing\"");

                // One series per target: promregator_up comes from /metrics only, not from the own metrics too.
                // An own-metrics scrape that counted scrapes came after a /metrics scrape had recorded them.
                awaitResult(
                        api + encode("sum(promregator_scrapes_total{job=\"promregator-own\"}) > 0"), "\"value\"", 1);
                assertThat(get(api + encode("promregator_up{job=\"promregator-own\"}")))
                        .contains("\"result\":[]");
                assertThat(get(api + encode("count(promregator_up == 0)")))
                        .as("each of the demo's 5 failing instances once")
                        .contains("\"5\"]");

                String targets = get("http://127.0.0.1:" + prometheusPort + "/api/v1/targets");
                assertThat(targets).doesNotContain("\"health\":\"down\"");
            } finally {
                prometheus.destroy();
                prometheus.waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    /** Polls a query (bounded: 60 s) until its result holds {@code count} values. */
    private String awaitResult(String url, String marker, int count) throws Exception {
        String body = "";
        for (int attempt = 0; attempt < 120; attempt++) {
            try {
                body = get(url);
                if (body.split(marker, -1).length - 1 >= count) {
                    return body;
                }
            } catch (IOException notYet) {
                // Prometheus is still starting
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no result with " + count + " values from " + url + ": " + body);
    }

    private String get(String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static String encode(String query) {
        return URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
