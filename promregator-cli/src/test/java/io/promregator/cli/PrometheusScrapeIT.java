package io.promregator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.promregator.core.exposition.ConformanceCorpus;
import io.promregator.core.exposition.ConformanceCorpus.Case;
import io.promregator.core.exposition.ConformanceCorpus.Verdict;
import io.promregator.core.testing.TestEndpoints;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus server (Debian package {@code prometheus}) scrapes the built jar's {@code /metrics}
 * and {@code /promregatorMetrics} in OpenMetrics, as it prefers: its own parser must accept our output,
 * and the enriched series must arrive with their labels. With the conformance corpus as static targets,
 * hostile and borderline bodies among them, Prometheus scrapes each case itself too, which keeps the
 * corpus' {@code prometheus} column honest.
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
                // Both scrapes succeed: an invalid exposition would keep up at 0 for good (a loaded machine
                // may miss the 1 s scrape timeout once, which is no fault of the output).
                String up = awaitResult(api + encode("up == 1"), "\"value\"", 2);
                assertThat(up).contains("\"job\":\"promregator\"", "\"job\":\"promregator-own\"");

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

    @Test
    void prometheusIngestsEveryHealthyTargetThroughUsAndWeReportTheRefusedOnesDown(@TempDir Path dir) throws Exception {
        Path prometheusBinary = PrometheusBinary.require();
        List<Case> cases = ConformanceCorpus.cases();
        try (TestEndpoints endpoints = new TestEndpoints()) {
            StringBuilder targets = new StringBuilder();
            StringBuilder direct = new StringBuilder();
            for (Case c : cases) {
                URI url = endpoints.serve("/case/" + c.id(), exchange -> {
                    exchange.getResponseHeaders().set("Content-Type", c.contentType());
                    exchange.sendResponseHeaders(200, c.body().length == 0 ? -1 : c.body().length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(c.body());
                    }
                });
                targets.append("    - url: %s\n      labels: {case: %s}\n".formatted(url, c.id()));
                direct.append(
                        "      - targets: [\"127.0.0.1:%d\"]\n        labels: {__metrics_path__: \"/case/%s\", case: %s}\n"
                                .formatted(endpoints.port(), c.id(), c.id()));
            }
            URI healthyText = endpoints.serve("/healthy/text", TestEndpoints.body("text/plain; version=0.0.4", """
                    # HELP healthy_requests_total Requests served.
                    # TYPE healthy_requests_total counter
                    healthy_requests_total{code="200"} 7
                    healthy_requests_total{code="500"} 1
                    # TYPE healthy_latency_seconds histogram
                    healthy_latency_seconds_bucket{le="0.1"} 3
                    healthy_latency_seconds_bucket{le="+Inf"} 8
                    healthy_latency_seconds_sum 2.5
                    healthy_latency_seconds_count 8
                    """));
            URI healthyOpenMetrics = endpoints.serve(
                    "/healthy/om",
                    TestEndpoints.body("application/openmetrics-text; version=1.0.0; charset=utf-8", """
                            # TYPE healthy_jobs counter
                            healthy_jobs_total{queue="a"} 5 # {trace_id="abc"} 1.0
                            # TYPE healthy_temperature_celsius gauge
                            # UNIT healthy_temperature_celsius celsius
                            healthy_temperature_celsius NaN
                            # EOF
                            """));
            targets.append("    - url: %s\n      labels: {case: healthy-text}\n".formatted(healthyText));
            targets.append("    - url: %s\n      labels: {case: healthy-om}\n".formatted(healthyOpenMetrics));
            Path config = dir.resolve("promregator.yml");
            Files.writeString(config, """
                    promregator:
                      scraping:
                        maxProcessingTime: 2000
                        threads: 40 # every case at once: a loaded CI machine must not time one out
                      staticTargets:
                    %sserver:
                      address: 127.0.0.1
                    """.formatted(targets));
            Path prometheusDir = Files.createDirectory(dir.resolve("prometheus"));
            try (JarProcess jar = JarProcess.start(Map.of(), "--config", config.toString())
                            .awaitReady();
                    PrometheusServer prometheus =
                            PrometheusServer.start(prometheusBinary, prometheusDir, """
                            global:
                              scrape_interval: 1s
                              scrape_timeout: 1s
                            scrape_configs:
                              - job_name: promregator
                                scrape_interval: 4s
                                scrape_timeout: 4s
                                static_configs:
                                  - targets: ["127.0.0.1:%d"]
                              - job_name: corpus
                                static_configs:
                            %s""".formatted(jar.port, direct))) {
                int all = cases.size() + 2;
                Map<String, Double> ours =
                        byCase(prometheus.await("promregator_up{job=\"promregator\"}", r -> r.size() == all));
                Map<String, Double> theirs =
                        byCase(prometheus.await("up{job=\"corpus\"}", r -> r.size() == cases.size()));
                assertThat(PrometheusServer.value(prometheus.await("up{job=\"promregator\"} == 1", r -> r.size() == 1)))
                        .as("Prometheus read our output")
                        .isEqualTo(1.0);

                long refusedCount =
                        cases.stream().filter(c -> c.ours() == Verdict.REFUSE).count();
                Map<String, Double> refusedAsMalformed = byCase(prometheus.await(
                        "max_over_time(promregator_scrape_failure{job=\"promregator\",reason=\"malformed\"}[1m]) == 1",
                        r -> r.size() >= refusedCount));
                List<String> wrong = new ArrayList<>();
                for (Case c : cases) {
                    double up = c.ours() == Verdict.ACCEPT ? 1 : 0;
                    if (!Double.valueOf(up).equals(ours.get(c.id()))) {
                        wrong.add(c.id() + ": promregator_up " + ours.get(c.id()) + ", the corpus says " + c.ours());
                    }
                    if (c.ours() == Verdict.REFUSE && !refusedAsMalformed.containsKey(c.id())) {
                        wrong.add(c.id() + ": refused, but not reported as malformed");
                    }
                    if (!Double.valueOf(c.prometheus() == Verdict.ACCEPT ? 1 : 0)
                            .equals(theirs.get(c.id()))) {
                        wrong.add(c.id() + ": Prometheus' own up is " + theirs.get(c.id()) + ", the corpus says "
                                + c.prometheus());
                    }
                }
                assertThat(wrong).isEmpty();
                assertThat(ours).containsEntry("healthy-text", 1.0).containsEntry("healthy-om", 1.0);

                assertThat(prometheus.query("healthy_requests_total{case=\"healthy-text\"}"))
                        .hasSize(2);
                assertThat(prometheus.query("healthy_latency_seconds_bucket{case=\"healthy-text\"}"))
                        .hasSize(2);
                assertThat(prometheus.query("healthy_latency_seconds_count{case=\"healthy-text\"}"))
                        .hasSize(1);
                assertThat(prometheus.query("healthy_jobs_total{case=\"healthy-om\",queue=\"a\"}"))
                        .hasSize(1);
                assertThat(prometheus.query("healthy_temperature_celsius{case=\"healthy-om\"}"))
                        .hasSize(1);
                // a refused target fails alone: none of its series arrive, while accepted targets' series of the
                // same families (most cases expose a family a) do
                String refused = cases.stream()
                        .filter(c -> c.ours() == Verdict.REFUSE)
                        .map(Case::id)
                        .collect(Collectors.joining("|"));
                assertThat(prometheus.query(
                                "{job=\"promregator\",case=~\"" + refused + "\",__name__!~\"promregator_.*\"}"))
                        .isEmpty();
                // accepted corpus cases arrive too (some of the others' families clash on purpose, or have old
                // timestamps)
                assertThat(prometheus.query("a{job=\"promregator\",case=\"text-plain\"}"))
                        .hasSize(1);
                assertThat(prometheus.query("a{job=\"promregator\",case=\"text-value-after-brace\",x=\"1\"}"))
                        .hasSize(1);
                assertThat(prometheus.query("a{job=\"promregator\",case=\"text-escape-newline\"}"))
                        .hasSize(1);
            }
        }
    }

    private static Map<String, Double> byCase(List<JsonNode> result) {
        Map<String, Double> values = new TreeMap<>();
        for (JsonNode series : result) {
            values.put(
                    series.path("metric").path("case").asText(),
                    series.path("value").path(1).asDouble());
        }
        return values;
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
