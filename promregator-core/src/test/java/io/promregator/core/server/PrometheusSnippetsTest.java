package io.promregator.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.promregator.core.PrometheusSnippets;
import org.junit.jupiter.api.Test;

class PrometheusSnippetsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void singleTargetReadsDiscoveryAndHonorsTheLabelsOfTheSamples() throws Exception {
        JsonNode job = YAML.readTree(PrometheusSnippets.singleTarget("http", "10.0.0.1:8080"))
                .path("scrape_configs")
                .path(0);

        assertThat(job.path("honor_labels").asBoolean()).isTrue();
        assertThat(job.path("http_sd_configs").path(0).path("url").asText())
                .isEqualTo("http://10.0.0.1:8080/discovery");
        assertThat(job.path("relabel_configs").findValuesAsText("target_label"))
                .containsExactly(
                        "org_name", "space_name", "app_name", "cf_instance_id", "cf_instance_number", "instance");
    }

    @Test
    void singleEndpointScrapesMetricsAndHonorsTheLabelsOfTheSamples() throws Exception {
        JsonNode http = YAML.readTree(PrometheusSnippets.singleEndpoint("http", "10.0.0.1:8080"))
                .path("scrape_configs")
                .path(0);
        JsonNode https = YAML.readTree(PrometheusSnippets.singleEndpoint("https", "promregator.example.com"))
                .path("scrape_configs")
                .path(0);

        assertThat(http.path("honor_labels").asBoolean()).isTrue();
        assertThat(http.path("metrics_path").asText()).isEqualTo("/metrics");
        assertThat(http.path("static_configs").path(0).path("targets").path(0).asText())
                .isEqualTo("10.0.0.1:8080");
        assertThat(http.has("scheme")).isFalse();
        assertThat(https.path("scheme").asText()).isEqualTo("https");
        assertThat(https.path("static_configs").path(0).path("targets").path(0).asText())
                .isEqualTo("promregator.example.com");
    }
}
