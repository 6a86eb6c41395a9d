package io.promregator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code examples/grafana/promregator.json} against a real Prometheus that scrapes the jar running
 * {@code --demo} (with {@code promregator.metrics.internal}, for the Cloud Controller panels): every
 * panel's query parses, and returns data.
 */
class GrafanaDashboardIT {
    private static final Path DASHBOARD = Path.of("..", "examples", "grafana", "promregator.json");
    private static final Pattern METRIC = Pattern.compile("promregator_[a-z_]+");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?[A-Za-z_]+");

    /** Each query by panel title and refId, with Grafana's interval variable as Prometheus gets it. */
    private static Map<String, String> queries(JsonNode dashboard) {
        Map<String, String> queries = new LinkedHashMap<>();
        List<JsonNode> panels = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> {
            panels.add(panel);
            panel.path("panels").forEach(panels::add); // the panels of a collapsed row
        });
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                queries.put(
                        panel.path("title").asText() + " "
                                + target.path("refId").asText(),
                        target.path("expr").asText().replace("$__rate_interval", "1m"));
            }
        }
        return queries;
    }

    @Test
    void isAGrafanaDashboardWhosePanelsAllQueryTheChosenPrometheus() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        Set<Integer> ids = new HashSet<>();
        String labels = Files.readString(Path.of("..", "docs", "labels-and-formats.md"), StandardCharsets.UTF_8);

        assertThat(dashboard.path("title").asText()).isEqualTo("Promregator");
        assertThat(dashboard.path("templating").path("list").get(0).path("type").asText())
                .isEqualTo("datasource");
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt()))
                    .as("unique id " + panel)
                    .isTrue();
            assertThat(panel.path("gridPos").path("w").asInt()).isBetween(1, 24);
            if (!panel.path("type").asText().equals("row")) {
                assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
                assertThat(panel.path("targets"))
                        .as(panel.path("title").asText())
                        .isNotEmpty();
            }
        }
        Map<String, String> queries = queries(dashboard);
        assertThat(queries).hasSizeGreaterThanOrEqualTo(15);
        for (Map.Entry<String, String> query : queries.entrySet()) {
            assertThat(VARIABLE.matcher(query.getValue()).find())
                    .as("no variable Prometheus would not know in " + query)
                    .isFalse();
            Matcher metric = METRIC.matcher(query.getValue());
            while (metric.find()) {
                String family = metric.group().replaceAll("_(bucket|count|sum|max|committed|init)$", "");
                assertThat(labels).as("documented: " + family).contains(family);
            }
        }
    }

    @Test
    void everyPanelsQueryParsesAndReturnsDataFromPrometheusScrapingTheDemo(@TempDir Path dir) throws Exception {
        Path prometheusBinary = PrometheusBinary.require();
        Map<String, String> queries = queries(new ObjectMapper().readTree(DASHBOARD.toFile()));
        try (JarProcess jar = JarProcess.start(Map.of("PROMREGATOR_METRICS_INTERNAL", "true"), "--demo")
                        .awaitReady();
                PrometheusServer prometheus =
                        PrometheusServer.start(prometheusBinary, dir, """
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
                        """.formatted(jar.port, jar.port))) {
            for (Map.Entry<String, String> query : queries.entrySet()) {
                // A query that does not parse fails at once; one that parses is polled until it has data.
                List<JsonNode> result = prometheus.await(query.getValue(), r -> !r.isEmpty());
                assertThat(result).as(query.getKey() + ": " + query.getValue()).isNotEmpty();
            }
        }
    }
}
