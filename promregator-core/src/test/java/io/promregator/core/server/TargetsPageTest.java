package io.promregator.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.promregator.core.Promregator;
import io.promregator.core.TestBuilder;
import io.promregator.core.config.ConfigLoader;
import io.promregator.simulator.CfSimulator;
import io.promregator.simulator.Foundation;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /targets} over real HTTP, against the simulated foundation. */
class TargetsPageTest {
    private static final String HOSTILE_APP = "<script>alert('app')</script>";
    private static final String HOSTILE_TYPE = "text/html; x=\"<img src=x onerror=alert(1)>\"";

    private final HttpServer hostileBackend = hostileBackend();
    private final CfSimulator simulator = CfSimulator.builder()
            .user("promregator", "secret")
            .foundation(Foundation.builder()
                    .domain("apps.example.com")
                    .org(
                            "shop-org",
                            org -> org.space(
                                    "production",
                                    space -> space.app(
                                                    "shop",
                                                    app -> app.instances("RUNNING", "RUNNING", "CRASHED")
                                                            .route("shop.apps.example.com"))
                                            .app(
                                                    HOSTILE_APP,
                                                    app -> app.backends(URI.create("http://127.0.0.1:"
                                                                    + hostileBackend
                                                                            .getAddress()
                                                                            .getPort()))
                                                            .route("hostile.apps.example.com"))
                                            .app(
                                                    "stopped",
                                                    app -> app.instances(1)
                                                            .stopped()
                                                            .route("stopped.apps.example.com"))))
                    .build())
            .start();
    private final HttpClient client = HttpClient.newHttpClient();
    private Promregator promregator;

    @AfterEach
    void stop() {
        if (promregator != null) {
            promregator.close();
        }
        simulator.close();
        hostileBackend.stop(0);
    }

    private static HttpServer hostileBackend() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", HOSTILE_TYPE);
                byte[] body = "<html>not metrics</html>".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void start(String promregatorExtra) {
        promregator = TestBuilder.create()
                .config(ConfigLoader.load(
                        """
                        cf:
                          api_host: %s
                          username: promregator
                          password: secret
                        promregator:
                          scraping:
                            proxy: {host: 127.0.0.1, port: %d}
                          targets:
                            - orgName: shop-org
                              spaceName: production
                              protocol: http
                        %s
                        server:
                          address: 127.0.0.1
                          port: 0
                        """.formatted(
                                simulator.apiUrl(), simulator.gorouterProxy().getPort(), promregatorExtra),
                        Map.of()))
                .build()
                .start();
    }

    private HttpResponse<String> get(String path, String accept, String authorization) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + promregator.port() + path));
        if (accept != null) {
            request.header("Accept", accept);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        return get(path, accept, null);
    }

    private JsonNode json(String path) throws Exception {
        HttpResponse<String> response = get(path, "application/json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        return new ObjectMapper().readTree(response.body());
    }

    /** Each instance's state, by {@code app/index}. */
    private static Map<String, String> states(JsonNode page) {
        Map<String, String> states = new HashMap<>();
        for (JsonNode group : page.get("targets")) {
            for (JsonNode instance : group.get("instances")) {
                states.put(
                        instance.get("app").asText() + "/"
                                + instance.get("index").asText(),
                        instance.get("state").asText());
            }
        }
        return states;
    }

    @Test
    void showsNeverScrapedInstancesWithoutScrapingThem() throws Exception {
        start("");

        JsonNode page = json("/targets");
        HttpResponse<String> html = get("/targets", "text/html");

        assertThat(simulator.gorouterRequestCount())
                .as("the page scrapes nothing")
                .isZero();
        assertThat(states(page))
                .containsOnly(
                        Map.entry("shop/0", "never-scraped"),
                        Map.entry("shop/1", "never-scraped"),
                        Map.entry("shop/2", "never-scraped"),
                        Map.entry(HOSTILE_APP + "/0", "never-scraped"));
        assertThat(page.get("counts").get("never-scraped").asInt()).isEqualTo(4);
        assertThat(page.get("targets").get(0).get("key").asText()).isEqualTo("promregator.targets[0]");
        assertThat(page.get("targets").get(0).get("dropped").toString()).contains("stopped: the app is STOPPED");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(html.body()).contains("<strong>4 instances</strong>").contains(">4 never scraped</a>");
    }

    @Test
    void showsWhatTheLastScrapesRecordedPerInstance() throws Exception {
        start("");
        assertThat(get("/metrics", null).statusCode()).isEqualTo(200);

        JsonNode page = json("/targets");

        assertThat(states(page))
                .containsOnly(
                        Map.entry("shop/0", "up"),
                        Map.entry("shop/1", "up"),
                        Map.entry("shop/2", "not-running"),
                        Map.entry(HOSTILE_APP + "/0", "down"));
        assertThat(page.get("counts").toString())
                .isEqualTo("{\"total\":4,\"up\":2,\"down\":1,\"not-running\":1,\"never-scraped\":0,\"shown\":4}");
        JsonNode shop0 = page.get("targets").get(0).get("instances").get(1);
        assertThat(shop0.get("app").asText()).isEqualTo("shop");
        assertThat(shop0.get("lastScrape").get("samples").asInt()).isPositive();
        assertThat(shop0.get("lastScrape").get("bytes").asLong()).isPositive();
        assertThat(shop0.get("lastScrape").get("durationSeconds").asDouble()).isPositive();
        assertThat(shop0.get("metricsPath").asText()).matches("/singleTargetMetrics/[0-9a-f-]{36}/0");
        assertThat(shop0.has("lastFailure")).isFalse();
        JsonNode hostile = page.get("targets").get(0).get("instances").get(0);
        assertThat(hostile.get("lastFailure").get("reason").asText()).isEqualTo("unsupported_content_type");
        assertThat(hostile.get("lastFailure").get("message").asText()).contains("<img src=x onerror=alert(1)>");
    }

    @Test
    void escapesAppNamesAndFailureMessagesAndRunsNoScriptButItsOwn() throws Exception {
        start("");
        get("/metrics", null);

        HttpResponse<String> html = get("/targets", null);

        assertThat(html.body())
                .doesNotContain("<script>alert")
                .doesNotContain("<img")
                .contains("&lt;script&gt;alert(&#39;app&#39;)&lt;/script&gt;")
                .contains("&lt;img src=x onerror=alert(1)&gt;");
        assertThat(html.body().split("<script>", -1))
                .as("exactly one script element")
                .hasSize(2);
        String policy = html.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).startsWith("default-src 'none'; script-src 'sha256-").doesNotContain("unsafe");
        Matcher script =
                Pattern.compile("<script>(.*)</script>", Pattern.DOTALL).matcher(html.body());
        assertThat(script.find()).isTrue();
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest(script.group(1).getBytes(StandardCharsets.UTF_8));
        assertThat(policy).contains("'sha256-" + Base64.getEncoder().encodeToString(digest) + "'");
    }

    @Test
    void filtersByStateAndTextOnTheServerSoThatThePageWorksWithoutJavaScript() throws Exception {
        start("");
        get("/metrics", null);

        JsonNode down = json("/targets?state=down&state=not-running");
        JsonNode text = json("/targets?q=CONTENT-TYPE");
        String html = get("/targets?state=up", "text/html").body();

        assertThat(states(down))
                .containsOnly(Map.entry("shop/2", "not-running"), Map.entry(HOSTILE_APP + "/0", "down"));
        assertThat(down.get("counts").get("total").asInt())
                .as("counts stay over all")
                .isEqualTo(4);
        assertThat(down.get("counts").get("shown").asInt()).isEqualTo(2);
        assertThat(states(text)).containsOnlyKeys(HOSTILE_APP + "/0");
        assertThat(count(html, "<tr data-state=\"up\"[^>]*\">"))
                .as("shown up rows")
                .isEqualTo(2);
        assertThat(count(html, "<tr data-state=\"(down|not-running)\"[^>]*\" hidden>"))
                .as("hidden other rows")
                .isEqualTo(2);
        assertThat(html).contains("value=\"up\" checked>");
    }

    @Test
    void refusesAnUnknownStateWithTheKnownOnes() throws Exception {
        start("");

        HttpResponse<String> response = get("/targets?state=sideways", null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .isEqualTo("state: must be up, down, not-running or never-scraped. Found: \"sideways\"\n");
    }

    @Test
    void reloadsItselfEveryThirtySecondsUnlessToldOtherwise() throws Exception {
        start("");

        assertThat(get("/targets", null).body()).contains("<meta http-equiv=\"refresh\" content=\"30\">");
        assertThat(get("/targets?refresh=5", null).body()).contains("<meta http-equiv=\"refresh\" content=\"5\">");
        assertThat(get("/targets?refresh=0", null).body()).doesNotContain("http-equiv=\"refresh\"");
    }

    @Test
    void asksForTheBasicUserWhenMetricsDoes() throws Exception {
        start("""
                  authentication:
                    basic: {username: prometheus, password: secret}
                  endpoint: {auth: BASIC}
                """);
        String right =
                "Basic " + Base64.getEncoder().encodeToString("prometheus:secret".getBytes(StandardCharsets.UTF_8));

        assertThat(get("/targets", null).statusCode()).isEqualTo(401);
        assertThat(get("/targets", "application/json").statusCode()).isEqualTo(401);
        assertThat(get("/targets", null, right).statusCode()).isEqualTo(200);
    }

    @Test
    void showsAStaticTargetWithoutTheSecretsOfItsUrl() throws Exception {
        start("""
                  staticTargets:
                    - url: http://user:pass-S3cret@127.0.0.1:1/metrics?token=query-S3cret
                """);
        get("/metrics", null);

        JsonNode page = json("/targets");
        String html = get("/targets", null).body();

        JsonNode others = page.get("targets").get(1);
        assertThat(others.get("key").asText()).isEqualTo("other targets");
        assertThat(others.get("instances").get(0).get("id").asText())
                .isEqualTo("http://xxxxx@127.0.0.1:1/metrics?token=xxxxx");
        assertThat(others.get("instances").get(0).get("state").asText()).isNotEqualTo("never-scraped");
        assertThat(others.get("instances").get(0).has("metricsPath")).isFalse();
        assertThat(page.toString() + html).doesNotContain("S3cret");
    }

    @Test
    void theIndexPageLinksToIt() throws Exception {
        start("");

        assertThat(get("/", null).body()).contains("<a href=\"targets\">/targets</a>");
    }

    private static int count(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (matcher.find()) {
            n++;
        }
        return n;
    }
}
