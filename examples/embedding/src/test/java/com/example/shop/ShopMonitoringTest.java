package com.example.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The embedded aggregator, started inside the test's JVM against a worker served on loopback. */
class ShopMonitoringTest {
    @Test
    void servesTheWorkersMetricsWithInstanceLabels() throws Exception {
        HttpServer worker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        worker.createContext("/metrics", exchange -> {
            byte[] body = "# TYPE orders_total counter\norders_total 3\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        worker.start();
        URI workerUrl = URI.create("http://127.0.0.1:" + worker.getAddress().getPort() + "/metrics");
        try (ShopMonitoring monitoring = new ShopMonitoring(List.of(workerUrl), 0)) {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + monitoring.port() + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body())
                    .contains(
                            "orders_total{org_name=\"shop-org\",space_name=\"production\",app_name=\"shop-worker\","
                                    + "cf_instance_id=\"worker:0\",cf_instance_number=\"0\"} 3",
                            "promregator_up{org_name=\"shop-org\"");
        } finally {
            worker.stop(0);
        }
    }
}
