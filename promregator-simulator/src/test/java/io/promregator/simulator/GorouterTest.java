package io.promregator.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GorouterTest {
    private static CfSimulator sim;
    private static HttpClient proxied;
    private static Application shop;

    @BeforeAll
    static void start() {
        Foundation foundation = Foundation.builder()
                .org(
                        "org",
                        org -> org.space(
                                "space",
                                space -> space.app(
                                                "shop",
                                                app -> app.instances("RUNNING", "RUNNING", "CRASHED")
                                                        .route("shop.apps.example.com"))
                                        .app("billing", app -> app.stopped().route("billing.apps.example.com"))
                                        .app("worker", app -> app.instances(1).internalRoute("worker.apps.internal"))
                                        .app(
                                                "docs",
                                                app -> app.route("docs.apps.example.com/handbook")
                                                        .metricsPath("/handbook/metrics")
                                                        .metricsBasicAuth("metrics", "s3cret"))))
                .build();
        sim = TestFoundations.start(foundation);
        proxied = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .proxy(ProxySelector.of(sim.gorouterProxy()))
                .build();
        shop = foundation.application("shop");
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void reachesTheInstanceTheHeaderNames() throws Exception {
        HttpResponse<String> response = get("http://shop.apps.example.com/metrics", shop.id() + ":1");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("http_server_requests_total{");
        GorouterRequest logged =
                sim.gorouterRequests().get(sim.gorouterRequests().size() - 1);
        assertThat(logged.applicationId()).isEqualTo(shop.id());
        assertThat(logged.instanceIndex()).isEqualTo(1);
        assertThat(logged.hostName()).isEqualTo("shop.apps.example.com");
        assertThat(logged.target()).isEqualTo("http://shop.apps.example.com/metrics");
        assertThat(logged.header("X-CF-APP-INSTANCE")).hasValue(shop.id() + ":1");
        assertThat(logged.header("x-promregator-instance")).hasValue("test-instance");
        String other =
                get("http://shop.apps.example.com/metrics", shop.id() + ":0").body();
        assertThat(other).isNotEqualTo(response.body());
    }

    @Test
    void refusesInstancesThatDoNotRun() throws Exception {
        for (String index : List.of("2", "3", "01")) {
            HttpResponse<String> response = get("http://shop.apps.example.com/metrics", shop.id() + ":" + index);
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.headers().firstValue("X-Cf-Routererror")).hasValue("unknown_route");
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache, no-store");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
            assertThat(response.body())
                    .isEqualTo("400 Bad Request: Requested instance ('" + index + "') with guid ('" + shop.id()
                            + "') does not exist for route ('shop.apps.example.com')\n");
        }
    }

    @Test
    void refusesMalformedInstanceHeaders() throws Exception {
        for (String header : List.of(shop.id().toUpperCase() + ":0", shop.id(), shop.id() + ":0x", "x:0")) {
            HttpResponse<String> response = get("http://shop.apps.example.com/metrics", header);
            assertThat(response.statusCode()).as(header).isEqualTo(400);
            assertThat(response.headers().firstValue("X-Cf-Routererror")).hasValue("invalid_cf_app_instance_header");
            assertThat(response.body()).isEqualTo("400 Bad Request: Invalid X-CF-App-Instance Header\n");
        }
    }

    @Test
    void answersUnknownRoutesWithNotFound() throws Exception {
        HttpResponse<String> unknown = get("http://nope.apps.example.com/metrics", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("X-Cf-Routererror")).hasValue("unknown_route");
        assertThat(unknown.body())
                .isEqualTo("404 Not Found: Requested route ('nope.apps.example.com') does not exist.\n");
        assertThat(get("http://billing.apps.example.com/metrics", null).statusCode())
                .as("a stopped app's route has no endpoints")
                .isEqualTo(404);
    }

    @Test
    void spreadsUnaddressedRequestsOverRunningInstances() throws Exception {
        int before = sim.gorouterRequests().size();
        for (int i = 0; i < 4; i++) {
            assertThat(get("http://shop.apps.example.com/metrics", null).statusCode())
                    .isEqualTo(200);
        }
        List<Integer> indexes = new ArrayList<>();
        sim.gorouterRequests().stream().skip(before).forEach(r -> indexes.add(r.instanceIndex()));
        assertThat(indexes).containsOnly(0, 1).contains(0, 1);
    }

    @Test
    void reachesInternalRoutesThroughTheProxy() throws Exception {
        Application worker = sim.live().current().application("worker");
        HttpResponse<String> indexed = get("http://0.worker.apps.internal:8080/metrics", null);
        assertThat(indexed.statusCode()).isEqualTo(200);
        GorouterRequest logged =
                sim.gorouterRequests().get(sim.gorouterRequests().size() - 1);
        assertThat(logged.applicationId()).isEqualTo(worker.id());
        assertThat(logged.instanceIndex()).isZero();
        assertThat(get("http://worker.apps.internal:8080/metrics", null).statusCode())
                .isEqualTo(200);
        assertThat(get("http://1.worker.apps.internal:8080/metrics", null).statusCode())
                .isEqualTo(502);
        assertThat(get("http://0.worker.apps.internal:9090/metrics", null).statusCode())
                .isEqualTo(502);
    }

    @Test
    void routesByHostHeaderOnTheSamePort() throws IOException {
        String response = raw("GET /metrics HTTP/1.1\r\nHost: shop.apps.example.com\r\nX-CF-APP-INSTANCE: " + shop.id()
                + ":0\r\nConnection: close\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 200").contains("http_server_requests_total");
        String unknown = raw("GET /metrics HTTP/1.1\r\nHost: other.example.com:80\r\nConnection: close\r\n\r\n");
        assertThat(unknown).startsWith("HTTP/1.1 404").contains("Requested route ('other.example.com:80')");
    }

    @Test
    void matchesPathRoutesAndAsksForBasicAuth() throws Exception {
        HttpResponse<String> noAuth = get("http://docs.apps.example.com/handbook/metrics", null);
        assertThat(noAuth.statusCode()).isEqualTo(401);
        assertThat(noAuth.headers().firstValue("WWW-Authenticate")).isPresent();
        String credentials = Base64.getEncoder().encodeToString("metrics:s3cret".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> authorized = proxied.send(
                HttpRequest.newBuilder(URI.create("http://docs.apps.example.com/handbook/metrics"))
                        .header("Authorization", "Basic " + credentials)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(authorized.statusCode()).isEqualTo(200);
        assertThat(get("http://docs.apps.example.com/metrics", null).statusCode())
                .as("outside the route's path")
                .isEqualTo(404);
        assertThat(get("http://docs.apps.example.com/handbookx/metrics", null).statusCode())
                .isEqualTo(404);
    }

    private static HttpResponse<String> get(String url, String appInstance) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(url)).header("X-Promregator-Instance", "test-instance");
        if (appInstance != null) {
            request.header("X-CF-APP-INSTANCE", appInstance);
        }
        return proxied.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", sim.gorouterProxy().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
