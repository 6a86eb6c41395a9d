package io.promregator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.promregator.simulator.Application;
import io.promregator.simulator.CfSimulator;
import io.promregator.simulator.Foundation;
import io.promregator.simulator.GorouterRequest;
import io.promregator.simulator.InstanceState;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The high-availability setup of docs/high-availability.md, end to end: two aggregator processes from
 * the built jar are the two instances of the app {@code promregator} in a simulated foundation (the
 * gorouter forwards to them), with one {@code promregator.yml}; a real Prometheus finds the targets with
 * {@code http_sd_configs} on the app's route and scrapes them through the gorouter, Promregator's own
 * metrics included (the self-scraping rule). Then one aggregator stops as on a rolling restart.
 */
class HighAvailabilityIT {
    private static final String ROUTE = "promregator.apps.example.com";
    private static final String JOB = "cf";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void twoAggregatorsServePrometheusThroughTheGorouterAndOneSurvivesTheOther(@TempDir Path dir) throws Exception {
        Path prometheusBinary = PrometheusBinary.require();
        Foundation foundation = Foundation.demo().toBuilder()
                .org(
                        "monitoring-org",
                        org -> org.space(
                                "prometheus",
                                space -> space.app(
                                        "promregator",
                                        app -> app.instances("STARTING", "STARTING")
                                                .route(ROUTE))))
                .build();
        String promregatorGuid = foundation.application("promregator").id();
        try (CfSimulator cf = CfSimulator.builder()
                .user("promregator", "secret")
                .foundation(foundation)
                .start()) {
            Path config = dir.resolve("promregator.yml");
            Files.writeString(config, promregatorYml(cf));
            HttpClient viaGorouter = HttpClient.newBuilder()
                    .proxy(ProxySelector.of(cf.gorouterProxy()))
                    .build();
            try (JarProcess first = JarProcess.start(Map.of(), "--config", config.toString());
                    JarProcess second = JarProcess.start(Map.of(), "--config", config.toString())) {
                first.awaitReady();
                second.awaitReady();
                cf.live().backends("promregator", first.url(""), second.url(""));
                cf.live().instanceState("promregator", 0, InstanceState.RUNNING);
                cf.live().instanceState("promregator", 1, InstanceState.RUNNING);

                // The same CF state gives the same /discovery bytes on both instances, directly and routed.
                byte[] discovery = get(HttpClient.newHttpClient(), first.url("/discovery"));
                assertThat(get(HttpClient.newHttpClient(), second.url("/discovery")))
                        .isEqualTo(discovery);
                for (int i = 0; i < 4; i++) {
                    assertThat(get(viaGorouter, URI.create("http://" + ROUTE + "/discovery")))
                            .isEqualTo(discovery);
                }
                Map<String, JsonNode> discovered = new HashMap<>();
                JSON.readTree(discovery)
                        .forEach(entry -> discovered.put(
                                entry.path("labels")
                                        .path("__meta_promregator_target_instanceId")
                                        .asText(),
                                entry));
                assertThat(discovered).containsKeys(promregatorGuid + ":0", promregatorGuid + ":1");
                Set<String> running = discovered.keySet().stream()
                        .filter(id -> isRunning(cf, id))
                        .collect(Collectors.toCollection(TreeSet::new));
                assertThat(running).hasSizeLessThan(discovered.size()).hasSizeGreaterThan(4);

                try (PrometheusServer prometheus = PrometheusServer.start(
                        prometheusBinary, dir, prometheusYml(cf.gorouterProxy().getPort()))) {
                    // Prometheus' own up: every discovered target, relabelled, scraped successfully.
                    List<JsonNode> up =
                            prometheus.await("up{job=\"" + JOB + "\"} == 1", r -> r.size() == discovered.size());
                    for (JsonNode series : up) {
                        JsonNode labels = series.path("metric");
                        JsonNode entry =
                                discovered.get(labels.path("cf_instance_id").asText());
                        assertThat(entry).as(series.toString()).isNotNull();
                        JsonNode meta = entry.path("labels");
                        assertThat(labels.path("org_name").asText())
                                .isEqualTo(meta.path("__meta_promregator_target_orgName")
                                        .asText());
                        assertThat(labels.path("space_name").asText())
                                .isEqualTo(meta.path("__meta_promregator_target_spaceName")
                                        .asText());
                        assertThat(labels.path("app_name").asText())
                                .isEqualTo(meta.path("__meta_promregator_target_applicationName")
                                        .asText());
                        assertThat(labels.path("cf_instance_number").asText())
                                .isEqualTo(meta.path("__meta_promregator_target_instanceNumber")
                                        .asText());
                    }

                    // A series for every running instance, with the same labels and nothing renamed.
                    List<JsonNode> instancesUp = prometheus.await("promregator_up == 1", r -> ids(r).equals(running));
                    assertThat(ids(instancesUp)).isEqualTo(running);
                    List<JsonNode> shop = prometheus.await(
                            "http_server_requests_total{app_name=\"shop\",space_name=\"production\"}",
                            r -> !r.isEmpty());
                    assertThat(shop.get(0).path("metric").fieldNames())
                            .toIterable()
                            .contains("org_name", "space_name", "app_name", "cf_instance_id", "cf_instance_number")
                            .noneMatch(name -> name.startsWith("exported_"));

                    // Promregator's own metrics from both instances, told apart by cf_instance_id.
                    List<JsonNode> own = prometheus.await(
                            "count by (cf_instance_id) (promregator_scrapes_total{app_name=\"promregator\"})",
                            r -> r.size() == 2);
                    assertThat(ids(own)).containsExactly(promregatorGuid + ":0", promregatorGuid + ":1");
                    Set<Integer> servedBy = cf.gorouterRequests().stream()
                            .filter(r ->
                                    r.hostName().equals(ROUTE) && r.target().contains("/singleTargetMetrics/"))
                            .map(GorouterRequest::instanceIndex)
                            .collect(Collectors.toSet());
                    assertThat(servedBy)
                            .as("Prometheus' scrapes reached both aggregators")
                            .contains(0, 1);

                    // One aggregator stops (SIGTERM) and the gorouter drops it, as after a failed health check.
                    double stopping = now();
                    assertThat(second.terminate())
                            .as("exit code on SIGTERM (128 + 15)")
                            .isEqualTo(143);
                    cf.live().instanceState("promregator", 1, InstanceState.DOWN);
                    double down = now();
                    prometheus.await(
                            () -> "min(count_over_time(up{job=\"" + JOB + "\"}[" + window(down) + "s]))",
                            r -> PrometheusServer.value(r) >= 5);
                    double end = now();
                    String since = "[" + (long) Math.floor(end - down) + "s]";
                    assertThat(PrometheusServer.value(prometheus.query(
                                    "count(count_over_time(up{job=\"" + JOB + "\"}" + since + "))", end)))
                            .as("every target is still scraped")
                            .isEqualTo(discovered.size());
                    assertThat(PrometheusServer.value(
                                    prometheus.query("min(min_over_time(up{job=\"" + JOB + "\"}" + since + "))", end)))
                            .as("every scrape since the instance went down succeeded")
                            .isEqualTo(1.0);
                    for (int i = 0; i < 4; i++) {
                        assertThat(get(viaGorouter, URI.create("http://" + ROUTE + "/discovery")))
                                .isEqualTo(discovery);
                    }
                    prometheus.await(
                            "promregator_up{app_name=\"promregator\",cf_instance_number=\"1\"} == 0",
                            r -> r.size() == 1);

                    String transition = "[" + (long) Math.ceil(down - stopping + 1) + "s]";
                    double failed = PrometheusServer.value(prometheus.query(
                            "sum(count_over_time(up{job=\"" + JOB + "\"}" + transition
                                    + ")) - sum(sum_over_time(up{job=\"" + JOB + "\"}" + transition + "))",
                            down));
                    System.out.printf(
                            "HighAvailabilityIT: stop of one aggregator took %.2f s until marked DOWN; %.0f scrapes"
                                    + " failed in that window, none after (%d targets, checked over %.1f s)%n",
                            down - stopping, failed, discovered.size(), end - down);
                }
            }
        }
    }

    @Test
    void theExampleFilesPassTheirChecks() throws Exception {
        Path promtool = PrometheusBinary.require().resolveSibling("promtool");
        Path examples = Path.of("..", "examples", "ha");
        assertThat(run(
                        Map.of("CF_PASSWORD", "secret"),
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        JarProcess.jar().toString(),
                        "--check-config",
                        examples.resolve("promregator.yml").toString()))
                .endsWith("promregator.yml: valid");
        assertThat(run(
                        Map.of(),
                        promtool.toString(),
                        "check",
                        "config",
                        examples.resolve("prometheus.yml").toString()))
                .contains("SUCCESS");
        String manifest = Files.readString(examples.resolve("manifest.yml"));
        assertThat(manifest)
                .contains("instances: 2", "health-check-type: http", "health-check-http-endpoint: /-/ready");
    }

    /** Runs a command to its end (bounded), asserts exit code 0 and returns its output, trimmed. */
    private static String run(Map<String, String> env, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.trim();
    }

    private static boolean isRunning(CfSimulator cf, String instanceId) {
        int colon = instanceId.indexOf(':');
        Application app = cf.live().current().application(instanceId.substring(0, colon));
        return app.isRoutable(Integer.parseInt(instanceId.substring(colon + 1)));
    }

    private static Set<String> ids(List<JsonNode> result) {
        return result.stream()
                .map(r -> r.path("metric").path("cf_instance_id").asText())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static long window(double since) {
        return Math.max(1, (long) Math.floor(now() - since));
    }

    private static double now() {
        return System.currentTimeMillis() / 1000.0;
    }

    private static byte[] get(HttpClient client, URI url) throws Exception {
        HttpResponse<byte[]> response =
                client.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(url.toString()).isEqualTo(200);
        return response.body();
    }

    /** The configuration both aggregators share: as in examples/ha/promregator.yml, against the simulator. */
    private static String promregatorYml(CfSimulator cf) {
        return """
                cf:
                  api_host: %s
                  username: promregator
                  password: secret
                server:
                  address: 127.0.0.1
                promregator:
                  discovery:
                    hostname: %s
                    port: 80
                    ownMetricsEndpoint: false
                  scraping:
                    proxy:
                      host: 127.0.0.1
                      port: %d
                  targets:
                    - orgName: monitoring-org
                      spaceName: prometheus
                      applicationName: promregator
                      path: /promregatorMetrics
                      protocol: http
                    - orgName: demo-org
                      spaceName: production
                      applicationRegex: shop|billing|legacy
                      protocol: http
                    - orgName: demo-org
                      spaceName: staging
                      protocol: http
                """.formatted(cf.apiUrl(), ROUTE, cf.gorouterProxy().getPort());
    }

    /** As in examples/ha/prometheus.yml, with short intervals and the simulator's gorouter as proxy. */
    private static String prometheusYml(int gorouterPort) {
        return """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                scrape_configs:
                  - job_name: %s
                    honor_labels: true
                    proxy_url: http://127.0.0.1:%d
                    http_sd_configs:
                      - url: http://%s/discovery
                        refresh_interval: 5s
                        proxy_url: http://127.0.0.1:%d
                    relabel_configs:
                      - source_labels: [__meta_promregator_target_orgName]
                        target_label: org_name
                      - source_labels: [__meta_promregator_target_spaceName]
                        target_label: space_name
                      - source_labels: [__meta_promregator_target_applicationName]
                        target_label: app_name
                      - source_labels: [__meta_promregator_target_instanceId]
                        target_label: cf_instance_id
                      - source_labels: [__meta_promregator_target_instanceNumber]
                        target_label: cf_instance_number
                """.formatted(JOB, gorouterPort, ROUTE, gorouterPort);
    }
}
