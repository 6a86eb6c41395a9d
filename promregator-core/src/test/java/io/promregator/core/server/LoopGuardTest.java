package io.promregator.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.promregator.core.Promregator;
import io.promregator.core.Target;
import io.promregator.core.TestBuilder;
import io.promregator.core.exposition.Labels;
import io.promregator.core.target.StaticTargetResolver;
import io.promregator.core.testing.TestEndpoints;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Recursion cannot happen: a scraping endpoint answers a request from any Promregator (this one or
 * another) with 508 and scrapes nothing; the endpoints self-scraping needs stay open to them.
 */
class LoopGuardTest {
    private static final String APP_GUID = "5a1f0c2e-0000-4000-8000-000000000001";
    private static final String OTHER_INSTANCE = "0b6f9a52-other-promregator";

    private final TestEndpoints endpoints = new TestEndpoints();
    private final HttpClient client = HttpClient.newHttpClient();
    private Promregator promregator;

    @BeforeEach
    void start() {
        URI target = endpoints.serve("/metrics", TestEndpoints.body("text/plain", "work_done 1\n"));
        promregator = TestBuilder.create()
                .targetResolver(new StaticTargetResolver(
                        List.of(new Target(APP_GUID + ":0", target, Labels.of("app_name", "shop"), Map.of()))))
                .server(ServerSettings.defaults().withAddress("127.0.0.1").withPort(0))
                .build()
                .start();
    }

    @AfterEach
    void stop() {
        promregator.close();
        endpoints.close();
    }

    @Test
    void refusesScrapingRequestsFromAnyPromregatorWithoutScraping() throws Exception {
        for (String caller : List.of(OTHER_INSTANCE, promregator.instanceId())) {
            for (String path : List.of("/metrics", "/singleTargetMetrics/" + APP_GUID + "/0")) {
                HttpResponse<String> refused = get(path, caller);

                assertThat(refused.statusCode()).as(path).isEqualTo(508);
                assertThat(refused.body())
                        .as(path)
                        .endsWith("give the Promregator target that points here \"path: /promregatorMetrics\"\n")
                        .contains(caller)
                        .hasLineCount(1);
            }
        }
        assertThat(get("/metrics", OTHER_INSTANCE).body()).contains("another Promregator instance");
        assertThat(get("/metrics", promregator.instanceId()).body()).contains("this Promregator instance itself");
        assertThat(endpoints.requests()).as("no fan-out").isEmpty();

        assertThat(get("/metrics", null).body()).contains("work_done{app_name=\"shop\"} 1");
        assertThat(get("/singleTargetMetrics/" + APP_GUID + "/0", null).statusCode())
                .isEqualTo(200);
        assertThat(endpoints.requests()).as("without the header both scrape").hasSize(2);
    }

    @Test
    void servesOwnMetricsDiscoveryAndHealthToPromregators() throws Exception {
        for (String caller : List.of(OTHER_INSTANCE, promregator.instanceId())) {
            for (String path : List.of("/promregatorMetrics", "/discovery", "/-/ready", "/-/healthy")) {
                assertThat(get(path, caller).statusCode())
                        .as(path + " from " + caller)
                        .isEqualTo(200);
            }
        }
        assertThat(endpoints.requests()).isEmpty();
    }

    @Test
    void warnsOncePerCallerNamingWhatIsKnowable() throws Exception {
        List<String> warnings = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        server.createContext("/", new LoopGuard("me", warnings::add).guard(exchange -> {
                    exchange.sendResponseHeaders(200, -1);
                    exchange.close();
                }));
        server.start();
        int port = server.getAddress().getPort();
        try {
            URI metrics = URI.create("http://127.0.0.1:" + port + "/metrics");
            for (int i = 0; i < 3; i++) {
                send(HttpRequest.newBuilder(metrics).header("X-Promregator-Instance", "caller-a"));
            }
            send(HttpRequest.newBuilder(metrics)
                    .header("X-Promregator-Instance", "caller-b-" + "x".repeat(200))
                    .header("X-Forwarded-For", "10.1.2.3"));
            send(HttpRequest.newBuilder(metrics));
        } finally {
            server.stop(0);
        }

        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0))
                .contains(
                        "Refused /metrics with 508 Loop Detected",
                        "another Promregator instance (caller-a) at 127.0.0.1",
                        "(route 127.0.0.1:" + port + ")",
                        "with the path /metrics (a target's default)",
                        "set \"path: /promregatorMetrics\" on that target");
        assertThat(warnings.get(1))
                .contains("at 10.1.2.3 (through 127.0.0.1)", "(caller-b-xxx")
                .doesNotContain("x".repeat(100));
    }

    private HttpResponse<String> get(String path, String caller) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + promregator.port() + path));
        if (caller != null) {
            request.header("X-Promregator-Instance", caller);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void send(HttpRequest.Builder request) throws Exception {
        client.send(request.build(), HttpResponse.BodyHandlers.discarding());
    }
}
