package io.promregator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.PrometheusSnippets;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --help} and the banner of {@code --demo} show both modes, each with its Prometheus snippet. */
class UsageTest {
    @Test
    void helpShowsBothModesWithTheirPrometheusSnippets() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Main.run(List.of("--help"), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        String help = out.toString(StandardCharsets.UTF_8);
        assertThat(status).isZero();
        assertThat(help)
                .contains("Single Target Scraping: /discovery", "/singleTargetMetrics/<appGuid>/<index>")
                .contains("Single Endpoint Scraping: /metrics")
                .contains(PrometheusSnippets.singleTarget("http", Usage.EXAMPLE_ADDRESS)
                        .indent(4))
                .contains(PrometheusSnippets.singleEndpoint("http", Usage.EXAMPLE_ADDRESS)
                        .indent(4))
                .contains("/promregatorMetrics", "/explainTargets", "/-/ready");
    }

    @Test
    void demoBannerShowsBothModesForItsOwnAddress() {
        String banner = Main.demoBanner("http", "127.0.0.1:8081", "/singleTargetMetrics/guid-1/0");

        assertThat(banner)
                .contains("http://127.0.0.1:8081/discovery", "Single Target Scraping")
                .contains("http://127.0.0.1:8081/singleTargetMetrics/guid-1/0")
                .contains("http://127.0.0.1:8081/metrics", "Single Endpoint Scraping")
                .contains(PrometheusSnippets.singleTarget("http", "127.0.0.1:8081")
                        .indent(2))
                .contains(PrometheusSnippets.singleEndpoint("http", "127.0.0.1:8081")
                        .indent(2))
                .contains("- url: http://127.0.0.1:8081/discovery", "- targets: [\"127.0.0.1:8081\"]")
                .endsWith("Ctrl-C stops.\n");
    }

    @Test
    void readmeShowsTheSnippetsTheCodeShows() {
        assertThat(ReadmeSnippets.prometheus(ReadmeSnippets.SINGLE_TARGET))
                .isEqualTo(PrometheusSnippets.singleTarget("http", ReadmeSnippets.EXAMPLE_ADDRESS));
        assertThat(ReadmeSnippets.prometheus(ReadmeSnippets.SINGLE_ENDPOINT))
                .isEqualTo(PrometheusSnippets.singleEndpoint("http", ReadmeSnippets.EXAMPLE_ADDRESS));
        assertThat(Usage.EXAMPLE_ADDRESS).isEqualTo(ReadmeSnippets.EXAMPLE_ADDRESS);
    }
}
