package io.promregator.core.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.testing.TestEndpoints;
import io.promregator.core.testing.TestEndpoints.RecordedRequest;
import io.promregator.simulator.Application;
import io.promregator.simulator.CfSimulator;
import io.promregator.simulator.Foundation;
import io.promregator.simulator.GorouterRequest;
import io.promregator.simulator.InstanceState;
import io.promregator.simulator.TestFoundations;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Apps whose instances are real servers: the gorouter forwards to them as a reverse proxy. */
class GorouterBackendTest {
    private final List<TestEndpoints> backends = List.of(new TestEndpoints(), new TestEndpoints());
    private CfSimulator sim;
    private HttpClient proxied;
    private Application app;

    @BeforeEach
    void start() {
        for (int i = 0; i < backends.size(); i++) {
            String name = "backend-" + i;
            backends.get(i).serve("/", exchange -> {
                byte[] body = (name + " " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + "\n")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("X-Backend", name);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
                exchange.sendResponseHeaders(name.endsWith("1") ? 201 : 200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
        }
        Foundation foundation = Foundation.demo().toBuilder()
                .org(
                        "monitoring",
                        org -> org.space(
                                "prometheus",
                                space -> space.app(
                                        "promregator",
                                        app -> app.backends(
                                                        backends.get(0).url(""),
                                                        backends.get(1).url(""))
                                                .route("promregator.apps.example.com"))))
                .build();
        sim = TestFoundations.start(foundation);
        proxied = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .proxy(ProxySelector.of(sim.gorouterProxy()))
                .build();
        app = foundation.application("promregator");
    }

    @AfterEach
    void stop() {
        sim.close();
        backends.forEach(TestEndpoints::close);
    }

    @Test
    void forwardsHostPathQueryAndHeadersToTheAddressedInstance() throws Exception {
        HttpResponse<String> response = proxied.send(
                HttpRequest.newBuilder(
                                URI.create("http://promregator.apps.example.com/singleTargetMetrics/x/1?a=1&b=%20"))
                        .header("X-CF-APP-INSTANCE", app.id() + ":1")
                        .header("X-Promregator-Instance", "caller-id")
                        .header("Accept", "application/openmetrics-text")
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("backend-1 GET /singleTargetMetrics/x/1?a=1&b=%20\n");
        assertThat(response.headers().firstValue("X-Backend")).hasValue("backend-1");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4");
        assertThat(backends.get(0).requests()).isEmpty();
        RecordedRequest received = backends.get(1).requests().get(0);
        assertThat(received.headers().getFirst("Host")).isEqualTo("promregator.apps.example.com");
        assertThat(received.headers().getFirst("X-Promregator-Instance")).isEqualTo("caller-id");
        assertThat(received.headers().getFirst("Accept")).isEqualTo("application/openmetrics-text");
        assertThat(received.headers().containsKey("X-CF-APP-INSTANCE"))
                .as("the gorouter removes the instance header")
                .isFalse();
        assertThat(received.headers().getFirst("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(received.headers().getFirst("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(received.headers().getFirst("X-Request-Start")).matches("\\d{13}");
        assertThat(received.headers().getFirst("X-Vcap-Request-Id")).hasSize(36);
        GorouterRequest logged = last();
        assertThat(logged.applicationId()).isEqualTo(app.id());
        assertThat(logged.instanceIndex()).isEqualTo(1);
        assertThat(logged.status()).isEqualTo(201);
    }

    @Test
    void dropsHopByHopHeadersAndForwardsTheBody() throws IOException {
        String body = "name=value";
        String response = raw("POST /form HTTP/1.1\r\nHost: promregator.apps.example.com\r\n"
                + "X-CF-APP-INSTANCE: " + app.id() + ":0\r\n"
                + "Connection: X-Private\r\nX-Private: secret\r\nKeep-Alive: timeout=5\r\n"
                + "Proxy-Authorization: Basic eDp5\r\nTE: trailers\r\nX-Forwarded-For: 10.0.0.1\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body);

        assertThat(response).startsWith("HTTP/1.1 200").endsWith("backend-0 POST /form\n");
        RecordedRequest received = backends.get(0).requests().get(0);
        for (String dropped : List.of("X-Private", "Keep-Alive", "Proxy-Authorization", "TE", "X-CF-APP-INSTANCE")) {
            assertThat(received.headers().containsKey(dropped)).as(dropped).isFalse();
        }
        assertThat(received.headers().getFirst("X-Forwarded-For")).isEqualTo("10.0.0.1, 127.0.0.1");
        assertThat(received.headers().getFirst("Content-Length")).isEqualTo("10");
    }

    @Test
    void spreadsUnaddressedRequestsAndLeavesOutInstancesThatAreDown() throws Exception {
        List<Integer> served = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            assertThat(get("/discovery").statusCode()).isIn(200, 201);
            served.add(last().instanceIndex());
        }
        assertThat(served).containsOnly(0, 1).contains(0, 1);

        sim.live().instanceState("promregator", 1, InstanceState.DOWN);
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> response = get("/discovery");
            assertThat(response.body()).startsWith("backend-0 ");
        }
        HttpResponse<String> addressed = proxied.send(
                HttpRequest.newBuilder(URI.create("http://promregator.apps.example.com/discovery"))
                        .header("X-CF-APP-INSTANCE", app.id() + ":1")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(addressed.statusCode()).isEqualTo(400);
        assertThat(addressed.headers().firstValue("X-Cf-Routererror")).hasValue("unknown_route");
    }

    @Test
    void triesTheNextInstanceWhenABackendCannotBeReachedUnlessTheRequestNamedIt() throws Exception {
        URI refused;
        try (ServerSocket closed = new ServerSocket(0)) {
            refused = URI.create("http://127.0.0.1:" + closed.getLocalPort());
        }
        sim.live().backends("promregator", refused, backends.get(1).url(""));
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> response = get("/discovery");
            assertThat(response.statusCode()).isEqualTo(201);
            assertThat(response.body()).startsWith("backend-1 ");
        }
        HttpResponse<String> addressed = proxied.send(
                HttpRequest.newBuilder(URI.create("http://promregator.apps.example.com/discovery"))
                        .header("X-CF-APP-INSTANCE", app.id() + ":0")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(addressed.statusCode()).isEqualTo(502);
        assertThat(addressed.headers().firstValue("X-Cf-Routererror")).hasValue("endpoint_failure");
        assertThat(addressed.body()).isEqualTo("502 Bad Gateway: Registered endpoint failed to handle the request.\n");
    }

    @Test
    void streamsTheResponseAsTheBackendWritesIt() throws Exception {
        CountDownLatch firstPartRead = new CountDownLatch(1);
        AtomicBoolean restWrittenEarly = new AtomicBoolean();
        try (TestEndpoints slow = new TestEndpoints()) {
            slow.serve("/", exchange -> {
                exchange.getResponseHeaders().set("Content-Encoding", "gzip");
                exchange.sendResponseHeaders(200, 0); // chunked
                OutputStream out = exchange.getResponseBody();
                out.write("first;".getBytes(StandardCharsets.UTF_8));
                out.flush();
                try {
                    restWrittenEarly.set(!firstPartRead.await(10, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                out.write("rest".getBytes(StandardCharsets.UTF_8));
                out.close();
            });
            sim.live().backends("promregator", slow.url(""), slow.url(""));

            HttpResponse<InputStream> response = proxied.send(
                    HttpRequest.newBuilder(URI.create("http://promregator.apps.example.com/metrics"))
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                byte[] first = body.readNBytes(6);
                firstPartRead.countDown();
                byte[] rest = body.readAllBytes();

                assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo("first;");
                assertThat(new String(rest, StandardCharsets.UTF_8)).isEqualTo("rest");
            }
            assertThat(restWrittenEarly)
                    .as("the first part arrived before the backend wrote the rest")
                    .isFalse();
            assertThat(response.headers().firstValue("Content-Encoding"))
                    .as("passed through, not decoded")
                    .hasValue("gzip");
        }
    }

    @Test
    void servesTheBuiltInMetricsOfTheOtherAppsAsBefore() throws Exception {
        Application shop = sim.live().current().application("demo-org", "production", "shop");
        HttpResponse<String> response = proxied.send(
                HttpRequest.newBuilder(URI.create("http://shop.apps.example.com/metrics"))
                        .header("X-CF-APP-INSTANCE", shop.id() + ":0")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("http_server_requests_total{");
        assertThat(backends.get(0).requests()).isEmpty();
        assertThat(backends.get(1).requests()).isEmpty();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return proxied.send(
                HttpRequest.newBuilder(URI.create("http://promregator.apps.example.com" + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private GorouterRequest last() {
        List<GorouterRequest> requests = sim.gorouterRequests();
        return requests.get(requests.size() - 1);
    }

    /** Sends a request as written and reads one response with a Content-Length (the connection may stay open). */
    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", sim.gorouterProxy().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                head.append((char) in.read());
            }
            Matcher length = Pattern.compile("(?i)content-length: (\\d+)").matcher(head);
            assertThat(length.find()).as(head.toString()).isTrue();
            byte[] body = in.readNBytes(Integer.parseInt(length.group(1)));
            return head + new String(body, StandardCharsets.UTF_8);
        }
    }
}
