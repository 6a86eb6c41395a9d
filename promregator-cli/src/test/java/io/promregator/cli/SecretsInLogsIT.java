package io.promregator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.testing.TestCertificates;
import io.promregator.core.testing.TestCertificates.TestCertificate;
import io.promregator.core.testing.TestEndpoints;
import io.promregator.simulator.CfSimulator;
import io.promregator.simulator.Foundation;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full run of the jar with every logger at TRACE (the JDK's HTTP client logs through System.Logger,
 * not here): login, discovery, scrapes with Basic credentials,
 * callers with right and wrong credentials. No password, client secret or token may appear in the logs.
 */
class SecretsInLogsIT {
    private static final String CF_PASSWORD = "cf-Pa55word-zq81";
    private static final String TARGET_PASSWORD = "s3cret"; // the demo's secured exporter
    private static final String INBOUND_PASSWORD = "inbound-Pa55-qv42";
    private static final String CLIENT_SECRET = "client-S3cret-rm55";
    private static final TestCertificate CLIENT_CERTIFICATE = TestCertificates.client();
    private static final String GLOBAL_PASSWORD = "global-Pa55-hx07";
    private static final String LOCATION_SECRET = "location-S3cret-kp33";
    private static final String QUERY_SECRET = "query-S3cret-wd19";
    private static final String STATIC_SECRET = "static-S3cret-jw19";

    @Test
    void noSecretReachesTheLogsAtTrace(@TempDir Path dir) throws Exception {
        noSecretReachesTheLogsAtTrace(dir, "text");
    }

    @Test
    void noSecretReachesTheJsonLogsAtTraceAndEachEventIsOneObjectPerLine(@TempDir Path dir) throws Exception {
        noSecretReachesTheLogsAtTrace(dir, "json");
    }

    private void noSecretReachesTheLogsAtTrace(Path dir, String format) throws Exception {
        try (TestEndpoints redirecting = new TestEndpoints();
                TestEndpoints capture = new TestEndpoints()) {
            // An app that redirects to another origin, with a secret in the Location: not followed, and the
            // failure that names the Location keeps the secret out.
            capture.serve("/captured", TestEndpoints.body(null, "captured 1\n"));
            // A static target with credentials and a token in its URL, failing, so that its DEBUG line is logged.
            capture.serve("/failing", exchange -> {
                exchange.sendResponseHeaders(500, -1);
                exchange.close();
            });
            redirecting.serve("/metrics", exchange -> {
                exchange.getResponseHeaders()
                        .set(
                                "Location",
                                "http://user:" + LOCATION_SECRET + "@127.0.0.1:" + capture.port() + "/captured?token="
                                        + LOCATION_SECRET);
                exchange.sendResponseHeaders(302, -1);
            });
            Foundation foundation = Foundation.demo().toBuilder()
                    .org(
                            "redirect-org",
                            org -> org.space(
                                    "apps",
                                    space -> space.app(
                                            "redirecting",
                                            app -> app.backends(redirecting.url(""))
                                                    .route("redirecting.apps.example.com"))))
                    .build();
            noSecretReachesTheLogs(dir, foundation, capture, format);
        }
    }

    private void noSecretReachesTheLogs(Path dir, Foundation foundation, TestEndpoints capture, String format)
            throws Exception {
        try (CfSimulator simulator = CfSimulator.builder()
                .user("promregator", CF_PASSWORD)
                .client("scraper", CLIENT_SECRET)
                .foundation(foundation)
                .start()) {
            Path config = dir.resolve("promregator.yml");
            Files.writeString(config, """
                    cf:
                      api_host: %s
                      username: promregator
                      password: %s
                    promregator:
                      authentication:
                        basic: {username: prometheus, password: %s}
                      endpoint: {auth: BASIC}
                      scraping:
                        proxy: {host: 127.0.0.1, port: %d}
                      authenticator:
                        type: basic
                        basic: {username: global, password: %s}
                      targetAuthenticators:
                        - id: exporter
                          type: basic
                          basic: {username: metrics, password: %s}
                        - id: tokens
                          type: OAuth2XSUAABasic
                          oauth2xsuaaBasic:
                            tokenServiceURL: %s/oauth/token
                            client_id: scraper
                            client_secret: %s
                        - id: certificate
                          type: OAuth2XSUAACertificate
                          oauth2xsuaaCertificate:
                            tokenServiceCertURL: https://127.0.0.1:1/oauth/token
                            client_id: scraper
                            client_certificates: "%s"
                            client_key: "%s"
                      staticTargets:
                        - url: http://user:%s@127.0.0.1:%d/failing?token=%s
                          labels: {job: static}
                        - url: http://127.0.0.1:1/metrics?token=%s
                      targets:
                        - orgName: platform-org
                          spaceName: tools
                          applicationName: secured-exporter
                          protocol: http
                          authenticatorId: exporter
                        - orgName: demo-org
                          spaceName: production
                          applicationName: billing
                          protocol: http
                          authenticatorId: tokens
                        - orgName: demo-org
                          spaceName: staging
                          applicationName: shop
                          protocol: http
                          authenticatorId: certificate
                        - orgName: demo-org
                          spaceName: production
                          applicationName: shop
                          protocol: http
                        - orgName: redirect-org
                          spaceName: apps
                          applicationName: redirecting
                          protocol: http
                    server:
                      address: 127.0.0.1
                    logging:
                      format: %s
                      level:
                        root: TRACE
                        io.promregator: TRACE
                    """.formatted(
                            simulator.apiUrl(),
                            CF_PASSWORD,
                            INBOUND_PASSWORD,
                            simulator.gorouterProxy().getPort(),
                            GLOBAL_PASSWORD,
                            TARGET_PASSWORD,
                            simulator.uaaUrl(),
                            CLIENT_SECRET,
                            yamlString(CLIENT_CERTIFICATE.certificatePem()),
                            yamlString(CLIENT_CERTIFICATE.keyPem()),
                            STATIC_SECRET,
                            capture.port(),
                            STATIC_SECRET,
                            QUERY_SECRET,
                            format));
            try (JarProcess jar =
                    JarProcess.start(Map.of(), "--config", config.toString()).awaitReady()) {
                HttpClient client = HttpClient.newHttpClient();
                String right = "Basic "
                        + Base64.getEncoder()
                                .encodeToString(("prometheus:" + INBOUND_PASSWORD).getBytes(StandardCharsets.UTF_8));
                HttpResponse<String> metrics = client.send(
                        HttpRequest.newBuilder(jar.url("/metrics"))
                                .header("Authorization", right)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> refused = client.send(
                        HttpRequest.newBuilder(jar.url("/metrics"))
                                .header(
                                        "Authorization",
                                        "Basic "
                                                + Base64.getEncoder()
                                                        .encodeToString(
                                                                "prometheus:guess".getBytes(StandardCharsets.UTF_8)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(metrics.statusCode()).isEqualTo(200);
                assertThat(metrics.body()).contains("app_name=\"secured-exporter\"");
                assertThat(refused.statusCode()).isEqualTo(401);
                assertThat(simulator.tokenRequests())
                        .as("the client-credentials token was fetched")
                        .anyMatch(request -> request.clientId().equals("scraper") && request.status() == 200);
                assertThat(simulator.gorouterRequests())
                        .as("the billing app was scraped with the bearer token")
                        .anyMatch(request -> request.hostName().equals("billing.apps.example.com")
                                && request.headers().getOrDefault("authorization", List.of()).stream()
                                        .anyMatch(value -> value.startsWith("Bearer eyJ")));
                assertThat(metrics.body())
                        .as("the certificate's token service is unreachable: that target fails with a reason")
                        .contains(
                                "promregator_scrape_failure{reason=\"authentication\",org_name=\"demo-org\",space_name=\"staging\"");
                assertThat(metrics.body())
                        .as("the redirect to another origin is not followed")
                        .contains("promregator_scrape_failure{reason=\"redirect\",org_name=\"redirect-org\"");
                assertThat(capture.requests())
                        .as("nothing reached the other origin's /captured")
                        .noneMatch(request -> request.uri().getPath().equals("/captured"));
                HttpResponse<String> own = client.send(
                        HttpRequest.newBuilder(jar.url("/promregatorMetrics")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(own.body())
                        .contains(
                                "cf_instance_id=\"http://xxxxx@127.0.0.1:" + capture.port() + "/failing?token=xxxxx\"")
                        .doesNotContain(STATIC_SECRET);
                jar.terminate();

                String raw = jar.stdout() + jar.stderr();
                // JSON lines escape '/' as "\/": read them back, so that no secret hides behind an escape.
                String logs = format.equals("json") ? JsonLogLines.decoded(raw) : raw;
                assertThat(raw).doesNotContain(CF_PASSWORD, TARGET_PASSWORD, QUERY_SECRET, LOCATION_SECRET);
                assertThat(logs).as("debug logging ran").contains("DEBUG");
                assertThat(logs)
                        .as("a failed scrape is logged at DEBUG with its target and reason")
                        .contains("Scrape of http://127.0.0.1:1/metrics?token=xxxxx failed (");
                assertThat(logs)
                        .as("the discovery can be followed at TRACE")
                        .contains("promregator.targets[0] matched: platform-org/tools/secured-exporter: 1 instance at");
                if (format.equals("json")) {
                    JsonLogLines.assertEveryLineIsAnEvent(jar.stderr());
                    assertThat(JsonLogLines.events(jar.stderr()))
                            .as("the failed scrape's line names its target in the MDC")
                            .anyMatch(event -> event.path("formattedMessage")
                                            .asText()
                                            .startsWith("Scrape of http://127.0.0.1:1/metrics?token=xxxxx failed")
                                    && event.path("level").asText().equals("DEBUG")
                                    && event.path("mdc")
                                            .path("target")
                                            .asText()
                                            .equals("http://127.0.0.1:1/metrics?token=xxxxx"));
                }
                assertThat(logs)
                        .as("the redirect's failure is logged")
                        .contains("HTTP 302 redirect to another origin not followed: http://xxxxx@127.0.0.1:"
                                + capture.port() + "/captured?token=xxxxx");
                assertThat(logs)
                        .as("the failing static target's DEBUG line names its URL redacted")
                        .contains("Scrape of http://xxxxx@127.0.0.1:" + capture.port() + "/failing?token=xxxxx failed");
                assertThat(logs).as("every configuration key acted on").doesNotContain("no effect");
                assertThat(logs)
                        .doesNotContain(CF_PASSWORD, TARGET_PASSWORD, INBOUND_PASSWORD, CLIENT_SECRET)
                        .doesNotContain(
                                GLOBAL_PASSWORD, LOCATION_SECRET, STATIC_SECRET, base64("global:" + GLOBAL_PASSWORD))
                        .doesNotContain(QUERY_SECRET)
                        .doesNotContain(keyMaterial(CLIENT_CERTIFICATE.keyPem()))
                        .doesNotContain(base64("metrics:" + TARGET_PASSWORD), base64("prometheus:" + INBOUND_PASSWORD))
                        .doesNotContain("eyJ"); // the start of every JWT the simulated UAA hands out
            }
        }
    }

    /** A double-quoted YAML scalar of a PEM text. */
    private static String yamlString(String pem) {
        return pem.replace("\n", "\\n");
    }

    /** A line from the middle of a PEM key: what a leak of the key would show. */
    private static String keyMaterial(String pem) {
        String[] lines = pem.split("\n");
        return lines[lines.length / 2];
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
