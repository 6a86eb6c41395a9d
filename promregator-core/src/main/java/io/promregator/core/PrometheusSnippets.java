package io.promregator.core;

/**
 * The minimal Prometheus scrape configuration for each of the two modes, as the {@code /} page, the
 * CLI's {@code --help} and its demo show them (and the README, whose copies a test compares). Both set
 * {@code honor_labels: true}: the samples already carry {@code org_name}, {@code app_name} and the
 * other labels, which Prometheus would otherwise rename to {@code exported_*}.
 */
public final class PrometheusSnippets {
    private PrometheusSnippets() {}

    /**
     * Single Target Scraping: targets from {@code /discovery} ({@code http_sd_configs}), each scraped on
     * {@code /singleTargetMetrics/<appGuid>/<index>}, relabelled so that the series Prometheus writes per
     * target ({@code up}, ...) carry the instance's labels too.
     *
     * @param scheme {@code http} or {@code https}
     * @param hostPort where Prometheus reaches Promregator, e.g. {@code promregator.example.com:8080}
     */
    public static String singleTarget(String scheme, String hostPort) {
        return """
                scrape_configs:
                  - job_name: cf-apps
                    honor_labels: true   # the samples carry org_name, app_name, ... already: keep them, no exported_*
                    http_sd_configs:
                      - url: %s://%s/discovery   # set promregator.discovery.hostname/port too
                    relabel_configs:
                      - {source_labels: [__meta_promregator_target_orgName], target_label: org_name}
                      - {source_labels: [__meta_promregator_target_spaceName], target_label: space_name}
                      - {source_labels: [__meta_promregator_target_applicationName], target_label: app_name}
                      - {source_labels: [__meta_promregator_target_instanceId], target_label: cf_instance_id}
                      - {source_labels: [__meta_promregator_target_instanceNumber], target_label: cf_instance_number}
                      - {source_labels: [__meta_promregator_target_instanceId], target_label: instance}
                """.formatted(scheme, hostPort);
    }

    /**
     * Single Endpoint Scraping: every target, merged and labelled, in one response of {@code /metrics}.
     *
     * @param scheme {@code http} or {@code https}
     * @param hostPort where Prometheus reaches Promregator, e.g. {@code promregator.example.com:8080}
     */
    public static String singleEndpoint(String scheme, String hostPort) {
        return """
                scrape_configs:
                  - job_name: promregator
                    honor_labels: true
                    metrics_path: /metrics
                %s    static_configs:
                      - targets: ["%s"]
                """.formatted(scheme.equals("https") ? "    scheme: https\n" : "", hostPort);
    }
}
