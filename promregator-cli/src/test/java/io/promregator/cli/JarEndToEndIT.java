package io.promregator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.exposition.Exposition;
import io.promregator.core.exposition.ExpositionFormat;
import io.promregator.core.exposition.ExpositionParser;
import io.promregator.core.exposition.MetricFamily;
import io.promregator.core.exposition.Sample;
import io.promregator.core.testing.Promtool;
import io.promregator.core.testing.TestEndpoints;
import io.promregator.simulator.CfSimulator;
import io.promregator.simulator.Foundation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built jar as users run it: a process, its configuration file, and HTTP. */
class JarEndToEndIT {
    private static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,"
            + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> get(URI url, String accept) throws Exception {
        return client.send(
                HttpRequest.newBuilder(url).header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<Double> upValues(Exposition exposition) {
        return exposition.families().stream()
                .filter(f -> f.name().equals("promregator_up"))
                .flatMap(f -> f.samples().stream())
                .map(Sample::value)
                .toList();
    }

    @Test
    void servesMergedLabelledExpositionFromAConfigFileAndStopsOnSigterm(@TempDir Path dir) throws Exception {
        try (TestEndpoints endpoints = new TestEndpoints()) {
            URI a = endpoints.serve("/a", TestEndpoints.body("text/plain; version=0.0.4", """
                    # HELP jobs_total Jobs run.
                    # TYPE jobs_total counter
                    jobs_total{queue="x"} 3
                    """));
            URI b = endpoints.serve("/b", TestEndpoints.body("application/openmetrics-text; version=1.0.0", """
                    # HELP jobs Jobs run.
                    # TYPE jobs counter
                    jobs_total{queue="x"} 5
                    # EOF
                    """));
            URI down = endpoints.serve("/down", TestEndpoints.status(503, "maintenance"));
            Path config = dir.resolve("targets.yaml");
            Files.writeString(config, """
                    promregator:
                      scraping:
                        maxProcessingTime: 2000
                      staticTargets:
                        - url: %s
                          labels: {app_name: worker, cf_instance_number: "0"}
                        - url: %s
                          labels: {app_name: worker, cf_instance_number: "1"}
                        - url: %s
                          labels: {app_name: worker, cf_instance_number: "2"}
                    server:
                      address: 127.0.0.1
                    """.formatted(a, b, down));

            try (JarProcess jar =
                    JarProcess.start(Map.of(), "--config", config.toString()).awaitReady()) {
                HttpResponse<String> openMetrics = get(jar.url("/metrics"), PROMETHEUS_ACCEPT);
                HttpResponse<String> text = get(jar.url("/metrics"), "text/plain;version=0.0.4");
                HttpResponse<String> own = get(jar.url("/promregatorMetrics"), "text/plain");

                Exposition merged = ExpositionParser.parse(openMetrics.body(), ExpositionFormat.OPENMETRICS);
                MetricFamily jobs = merged.families().stream()
                        .filter(f -> f.name().equals("jobs"))
                        .findFirst()
                        .orElseThrow();
                assertThat(jobs.samples())
                        .extracting(s -> s.labels().get("cf_instance_number"))
                        .containsExactly("0", "1");
                assertThat(upValues(merged)).containsExactly(1.0, 1.0, 0.0);
                Promtool.Result check = Promtool.checkMetrics(text.body());
                assertThat(check.exitCode()).as(check.output()).isZero();
                assertThat(own.statusCode()).isEqualTo(200);
                assertThat(Promtool.checkMetrics(own.body()).parseErrors()).isEmpty();
                assertThat(own.body()).contains("promregator_request_failure_total{");

                int exit = jar.terminate();
                assertThat(exit).as("exit code on SIGTERM (128 + 15)").isEqualTo(143);
                assertThat(jar.stderr()).contains("Listening on 127.0.0.1:" + jar.port, "Stopping");
            }
        }
    }

    @Test
    void demoDiscoversTheSimulatedFoundationAndExplainsIt() throws Exception {
        try (JarProcess jar = JarProcess.start(Map.of(), "--demo").awaitReady()) {
            HttpResponse<String> response = get(jar.url("/metrics"), "text/plain");
            HttpResponse<String> explanation = get(jar.url("/explainTargets"), "text/plain");

            Exposition merged = ExpositionParser.parse(response.body(), ExpositionFormat.PROMETHEUS_TEXT);
            assertThat(upValues(merged)).hasSize(15).contains(0.0, 1.0);
            assertThat(response.body())
                    .contains(
                            "exported_app_name=\"legacy-monolith\"",
                            "promregator_scrape_failure{reason=\"instance_not_running\",org_name=\"demo-org\"");
            Promtool.Result check = Promtool.checkMetrics(response.body());
            assertThat(check.exitCode()).as(check.output()).isZero();
            assertThat(explanation.body()).contains("dropped: demo-org/production/reports: the app is STOPPED");
            assertThat(jar.stdout())
                    .contains(
                            "Demo running against a simulated Cloud Foundry",
                            jar.url("/metrics").toString(),
                            jar.url("/discovery").toString(),
                            jar.url("/singleTargetMetrics/").toString(),
                            "honor_labels: true");
            String singleTarget = jar.stdout()
                    .lines()
                    .filter(line -> line.strip()
                            .startsWith(jar.url("/singleTargetMetrics/").toString()))
                    .findFirst()
                    .orElseThrow()
                    .strip()
                    .split(" ")[0];
            assertThat(get(URI.create(singleTarget), "text/plain").body())
                    .contains("promregator_up{", "app_name=\"shop\"");

            // Every failing instance is one the banner calls intentional, and logged once as down (on stderr).
            List<String> failing = merged.families().stream()
                    .filter(f -> f.name().equals("promregator_up"))
                    .flatMap(f -> f.samples().stream())
                    .filter(sample -> sample.value() == 0)
                    .map(sample -> String.join(
                            "/",
                            sample.labels().get("org_name"),
                            sample.labels().get("space_name"),
                            sample.labels().get("app_name"),
                            sample.labels().get("cf_instance_number")))
                    .toList();
            assertThat(failing).hasSize(5);
            assertThat(jar.stdout()).contains(Main.DEMO_FAILURES);
            for (String instance : failing) {
                assertThat(Main.DEMO_FAILURES).contains(instance);
                assertThat(jar.stderr().split("\n"))
                        .filteredOn(line -> line.contains("Target " + instance + " ("))
                        .singleElement()
                        .asString()
                        .contains("WARN", "is down");
            }
        }
    }

    @Test
    void explainTargetsPrintsWhatEachTargetFound(@TempDir Path dir) throws Exception {
        try (CfSimulator simulator = CfSimulator.builder()
                .user("promregator", "secret")
                .foundation(Foundation.demo())
                .start()) {
            Path config = dir.resolve("promregator.yml");
            Files.writeString(config, """
                    cf:
                      api_host: %s
                      username: promregator
                      password: secret
                    promregator:
                      targets:
                        - orgName: demo-org
                          spaceName: production
                          applicationRegex: (shop|reports)
                        - orgName: no-such-org
                    """.formatted(simulator.apiUrl()));
            List<String> output = new ArrayList<>();

            int exit = JarProcess.runAndCapture(output, "--explain-targets", config.toString());

            assertThat(exit).isZero();
            assertThat(output.get(0))
                    .contains(
                            "matched: demo-org/production/shop: 3 instances at https://shop.apps.example.com/metrics",
                            "dropped: demo-org/production/reports: the app is STOPPED",
                            "no org matches orgName \"no-such-org\"");
        }
    }

    @Test
    void brokenConfigurationNamesThePathAndExitsWithTwo(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, """
                promregator:
                  scraping:
                    threads: -1
                  tagrets: []
                """);
        List<String> output = new ArrayList<>();

        int exit = JarProcess.runAndCapture(output, "--check-config", config.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(output.get(1))
                .contains(
                        "promregator.scraping.threads: must be an integer of at least 1. Found: -1",
                        "promregator.tagrets: unknown key. Did you mean \"targets\"?");
    }

    @Test
    void checkConfigReadsClientCertificatesAndNamesABrokenKey(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("certificate.yaml");
        Files.writeString(config, """
                promregator:
                  targetAuthenticators:
                    - id: mtls
                      type: OAuth2XSUAACertificate
                      oauth2xsuaaCertificate:
                        tokenServiceCertURL: https://tokens.example.invalid/oauth/token
                        client_id: scraper
                        client_certificates: "not a certificate"
                        client_key: |
                          -----BEGIN PRIVATE KEY-----
                          c2VjcmV0LWtleS1tYXRlcmlhbA==
                          -----END PRIVATE KEY-----
                """);
        List<String> output = new ArrayList<>();

        int exit = JarProcess.runAndCapture(output, "--check-config", config.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(String.join("\n", output))
                .contains(
                        "promregator.targetAuthenticators[0].oauth2xsuaaCertificate.client_certificates",
                        "promregator.targetAuthenticators[0].oauth2xsuaaCertificate.client_key")
                .doesNotContain("c2VjcmV0LWtleS1tYXRlcmlhbA");
    }

    @Test
    void versionAndHelpExitCleanly() throws Exception {
        List<String> output = new ArrayList<>();

        assertThat(JarProcess.runAndCapture(output, "--version")).isZero();
        assertThat(output.get(0)).startsWith("promregator 0.");
        assertThat(JarProcess.run("--help")).isZero();
        assertThat(JarProcess.run("--bogus")).isEqualTo(2);
    }
}
