package io.promregator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.promregator.core.exposition.Exposition;
import io.promregator.core.exposition.ExpositionFormat;
import io.promregator.core.exposition.ExpositionParser;
import io.promregator.core.exposition.Labels;
import io.promregator.core.exposition.Sample;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Prometheus snippets for Single Target Scraping ({@code /discovery}) and Single Endpoint
 * Scraping ({@code /metrics}), taken from README.md as written, with only the address of Promregator
 * replaced (and a short scrape interval), run by a real Prometheus against {@code --demo}. Every series
 * carries the CF labels once: no {@code exported_*} label that Promregator's own output does not have.
 */
class ReadmePrometheusConfigIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CF_LABELS =
            List.of("org_name", "space_name", "app_name", "cf_instance_id", "cf_instance_number");

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void readmeSnippetsStoreTheCfLabelsOnceWithoutExportedDuplicates(@TempDir Path dir) throws Exception {
        Path prometheusBinary = PrometheusBinary.require();
        String singleTarget = ReadmeSnippets.prometheus(ReadmeSnippets.SINGLE_TARGET);
        String singleEndpoint = ReadmeSnippets.prometheus(ReadmeSnippets.SINGLE_ENDPOINT);
        try (JarProcess jar = JarProcess.start(Map.of(), "--demo").awaitReady()) {
            String address = "127.0.0.1:" + jar.port;
            Map<String, Set<String>> exportedByInstance = exportedLabelsByInstance(get(jar.url("/metrics")));
            Set<String> discovered = new TreeSet<>();
            JSON.readTree(get(jar.url("/discovery")))
                    .forEach(entry -> discovered.add(entry.path("labels")
                            .path("__meta_promregator_target_instanceId")
                            .asText()));
            discovered.remove("");
            assertThat(discovered).hasSizeGreaterThan(5);
            assertThat(exportedByInstance.values().stream().flatMap(Set::stream))
                    .as("the demo's legacy app labels its own samples app_name")
                    .contains("exported_app_name");

            String configuration = "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n"
                    + singleTarget.replace(ReadmeSnippets.EXAMPLE_ADDRESS, address)
                    + jobsOf(singleEndpoint.replace(ReadmeSnippets.EXAMPLE_ADDRESS, address));
            try (PrometheusServer prometheus = PrometheusServer.start(prometheusBinary, dir, configuration)) {
                String singleTargetJob = jobName(singleTarget);
                String singleEndpointJob = jobName(singleEndpoint);
                assertThat(singleTargetJob).isNotEqualTo(singleEndpointJob);

                prometheus.await(
                        "promregator_up{job=\"" + singleTargetJob + "\"}",
                        r -> instanceIds(r).equals(discovered));
                assertCfLabelsOnce(
                        prometheus.query("{job=\"" + singleTargetJob + "\"}"), exportedByInstance, discovered);

                prometheus.await(
                        "promregator_up{job=\"" + singleEndpointJob + "\"}",
                        r -> instanceIds(r).equals(exportedByInstance.keySet()));
                assertCfLabelsOnce(
                        prometheus.query("{job=\"" + singleEndpointJob + "\"}"),
                        exportedByInstance,
                        exportedByInstance.keySet());
            }
        }
    }

    /**
     * Every series of an instance carries the five CF labels and at most the {@code exported_*} labels
     * Promregator's own output has for that instance; app series arrived, the legacy app's own label too.
     */
    private static void assertCfLabelsOnce(
            List<JsonNode> series, Map<String, Set<String>> exportedByInstance, Set<String> instances) {
        Set<String> withAppSeries = new TreeSet<>();
        for (JsonNode one : series) {
            JsonNode metric = one.path("metric");
            List<String> names = new ArrayList<>();
            metric.fieldNames().forEachRemaining(names::add);
            String instanceId = metric.path("cf_instance_id").asText();
            Set<String> exported =
                    names.stream().filter(n -> n.startsWith("exported_")).collect(Collectors.toSet());
            if (instanceId.isEmpty()) {
                assertThat(exported).as(metric.toString()).isEmpty(); // Promregator's own metrics
                continue;
            }
            assertThat(names).as(metric.toString()).containsAll(CF_LABELS);
            assertThat(exported)
                    .as("exported_* labels of " + metric)
                    .isSubsetOf(exportedByInstance.getOrDefault(instanceId, Set.of()));
            String name = metric.path("__name__").asText();
            if (!name.startsWith("promregator_") && !name.equals("up") && !name.startsWith("scrape_")) {
                withAppSeries.add(instanceId);
            }
        }
        assertThat(withAppSeries).isNotEmpty().isSubsetOf(instances);
        assertThat(series)
                .as("the legacy app's own app_name, kept by Promregator as exported_app_name")
                .anySatisfy(one -> assertThat(
                                one.path("metric").path("exported_app_name").asText())
                        .isEqualTo("legacy-monolith"));
    }

    /** For each cf_instance_id in a Promregator exposition, the exported_* label names its samples carry. */
    private static Map<String, Set<String>> exportedLabelsByInstance(String exposition) throws Exception {
        Exposition parsed = ExpositionParser.parse(exposition, ExpositionFormat.PROMETHEUS_TEXT);
        Map<String, Set<String>> exported = new HashMap<>();
        parsed.families().stream().flatMap(f -> f.samples().stream()).forEach((Sample sample) -> {
            Labels labels = sample.labels();
            String instanceId = labels.get("cf_instance_id");
            if (instanceId == null) {
                return;
            }
            Set<String> names = exported.computeIfAbsent(instanceId, id -> new TreeSet<>());
            for (int i = 0; i < labels.size(); i++) {
                if (labels.name(i).startsWith("exported_")) {
                    names.add(labels.name(i));
                }
            }
        });
        return exported;
    }

    private static Set<String> instanceIds(List<JsonNode> result) {
        return result.stream()
                .map(one -> one.path("metric").path("cf_instance_id").asText())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** A snippet's job list: its lines after {@code scrape_configs:}, to join a second snippet's jobs to the first. */
    private static String jobsOf(String snippet) {
        assertThat(snippet).startsWith("scrape_configs:\n");
        return snippet.substring("scrape_configs:\n".length());
    }

    private static String jobName(String snippet) {
        String rest = snippet.substring(snippet.indexOf("job_name:") + "job_name:".length());
        return rest.substring(0, rest.indexOf('\n')).strip();
    }

    private String get(URI url) throws Exception {
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(url).header("Accept", "text/plain").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url.toString()).isEqualTo(200);
        return response.body();
    }
}
