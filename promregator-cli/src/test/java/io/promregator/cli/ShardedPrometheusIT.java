package io.promregator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.promregator.simulator.CfSimulator;
import io.promregator.simulator.Foundation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sharding job of docs/high-availability.md, taken from the document as written: two real Prometheus
 * servers read the same {@code /discovery} of one aggregator (the built jar over a simulated foundation of
 * 20 instances) and keep their half of it with {@code hashmod}, one shard {@code "0"}, the other {@code "1"}.
 * Between them they scrape every entry of {@code /discovery}, the {@code /promregatorMetrics} entry
 * included, each exactly once.
 */
class ShardedPrometheusIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The {@code /discovery} URL the document's snippet uses. */
    private static final String DOCUMENT_DISCOVERY = "https://promregator.apps.example.com/discovery";

    private static final String SHARD_0 = "regex: \"0\"";
    private static final String SHARD_1 = "regex: \"1\"";
    private static final String OWN_METRICS = "/promregatorMetrics";

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void twoPrometheusServersScrapeEveryTargetOfDiscoveryExactlyOnce(@TempDir Path dir) throws Exception {
        Path prometheusBinary = PrometheusBinary.require();
        String snippet = ReadmeSnippets.prometheus(ReadmeSnippets.HIGH_AVAILABILITY, ReadmeSnippets.SHARDING);
        assertThat(snippet)
                .containsOnlyOnce(DOCUMENT_DISCOVERY)
                .containsOnlyOnce(SHARD_0)
                .doesNotContain(SHARD_1)
                .contains("action: hashmod", "modulus: 2");
        try (CfSimulator cf = CfSimulator.builder()
                .user("promregator", "secret")
                .foundation(Foundation.large(1, 2, 5, 2))
                .start()) {
            Path config = dir.resolve("promregator.yml");
            Files.writeString(config, promregatorYml(cf));
            try (JarProcess jar =
                    JarProcess.start(Map.of(), "--config", config.toString()).awaitReady()) {
                // Each entry of /discovery by the key the relabelling hashes: __address__;__metrics_path__.
                Map<String, String> instanceIdByTarget = new HashMap<>();
                for (JsonNode entry : JSON.readTree(get(jar.url("/discovery")))) {
                    assertThat(entry.path("targets")).hasSize(1);
                    JsonNode labels = entry.path("labels");
                    String key = entry.path("targets").path(0).asText() + ";"
                            + labels.path("__metrics_path__").asText();
                    assertThat(instanceIdByTarget.put(
                                    key,
                                    labels.path("__meta_promregator_target_instanceId")
                                            .asText()))
                            .as("a second entry for " + key)
                            .isNull();
                }
                Set<String> discovered = new TreeSet<>(instanceIdByTarget.keySet());
                assertThat(discovered)
                        .as("20 instances and the own-metrics entry, all at the aggregator's address")
                        .hasSize(21)
                        .contains("127.0.0.1:" + jar.port + ";" + OWN_METRICS)
                        .allMatch(key -> key.startsWith("127.0.0.1:" + jar.port + ";"));

                String global = "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n";
                String job = snippet.replace(
                        DOCUMENT_DISCOVERY, jar.url("/discovery").toString());
                Path first = Files.createDirectory(dir.resolve("shard-0"));
                Path second = Files.createDirectory(dir.resolve("shard-1"));
                try (PrometheusServer shard0 = PrometheusServer.start(prometheusBinary, first, global + job);
                        PrometheusServer shard1 = PrometheusServer.start(
                                prometheusBinary, second, global + job.replace(SHARD_0, SHARD_1))) {
                    Set<String> active0 = awaitScraped(shard0, discovered);
                    Set<String> active1 = awaitScraped(shard1, discovered);

                    // The hash covers the aggregator's (random) port: a shard is empty with odds 2^-20.
                    assertThat(active0).as("shard 0 is used").isNotEmpty();
                    assertThat(active1).as("shard 1 is used").isNotEmpty();
                    assertThat(intersection(active0, active1))
                            .as("targets scraped by both servers")
                            .isEmpty();
                    assertThat(union(active0, active1))
                            .as("the targets both servers scrape together")
                            .isEqualTo(discovered);

                    // What they stored: each target's up series on its own server only.
                    Set<String> up0 = upInstanceIds(shard0, active0.size());
                    Set<String> up1 = upInstanceIds(shard1, active1.size());
                    assertThat(up0).isEqualTo(instanceIds(active0, instanceIdByTarget));
                    assertThat(up1).isEqualTo(instanceIds(active1, instanceIdByTarget));
                    assertThat(intersection(up0, up1)).isEmpty();
                    System.out.printf(
                            "ShardedPrometheusIT: %d targets of /discovery, %d on shard 0 and %d on shard 1%n",
                            discovered.size(), active0.size(), active1.size());
                }
            }
        }
    }

    /**
     * Waits until this server has discovered every entry of {@code /discovery} (kept or dropped) and has
     * scraped each target it kept successfully; returns the kept ones, keyed as {@code /discovery}'s.
     */
    private static Set<String> awaitScraped(PrometheusServer prometheus, Set<String> discovered)
            throws InterruptedException {
        JsonNode targets = prometheus.awaitApi("/api/v1/targets", data -> {
            Set<String> seen = union(keys(data.path("activeTargets")), keys(data.path("droppedTargets")));
            return seen.equals(discovered)
                    && stream(data.path("activeTargets"))
                            .allMatch(t -> t.path("health").asText().equals("up"));
        });
        Set<String> active = keys(targets.path("activeTargets"));
        assertThat(intersection(active, keys(targets.path("droppedTargets"))))
                .as("a target both kept and dropped")
                .isEmpty();
        return active;
    }

    /** The cf_instance_id of each up series of this server (empty for the own metrics), once all arrived. */
    private static Set<String> upInstanceIds(PrometheusServer prometheus, int targets) throws InterruptedException {
        List<JsonNode> up = prometheus.await("up == 1", result -> result.size() == targets);
        return up.stream()
                .map(series -> series.path("metric").path("cf_instance_id").asText())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> instanceIds(Set<String> targets, Map<String, String> instanceIdByTarget) {
        return targets.stream().map(instanceIdByTarget::get).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The targets of a list from /api/v1/targets by the key the relabelling hashes, from their discovered labels. */
    private static Set<String> keys(JsonNode targets) {
        return stream(targets)
                .map(t -> t.path("discoveredLabels").path("__address__").asText() + ";"
                        + t.path("discoveredLabels").path("__metrics_path__").asText())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> union = new TreeSet<>(a);
        union.addAll(b);
        return union;
    }

    private static Set<String> intersection(Set<String> a, Set<String> b) {
        Set<String> both = new TreeSet<>(a);
        both.retainAll(b);
        return both;
    }

    private String get(URI url) throws Exception {
        HttpResponse<String> response =
                client.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url.toString()).isEqualTo(200);
        return response.body();
    }

    /** One aggregator over the simulated foundation, scraping through its gorouter; /discovery lists its own metrics. */
    private static String promregatorYml(CfSimulator cf) {
        return """
                cf:
                  api_host: %s
                  username: promregator
                  password: secret
                server:
                  address: 127.0.0.1
                promregator:
                  scraping:
                    proxy:
                      host: 127.0.0.1
                      port: %d
                  targets:
                    - orgName: org-1
                      protocol: http
                """.formatted(cf.apiUrl(), cf.gorouterProxy().getPort());
    }
}
