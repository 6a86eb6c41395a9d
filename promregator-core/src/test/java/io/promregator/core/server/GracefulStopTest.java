package io.promregator.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.Promregator;
import io.promregator.core.Target;
import io.promregator.core.TestBuilder;
import io.promregator.core.exposition.Labels;
import io.promregator.core.target.StaticTargetResolver;
import io.promregator.core.testing.TestEndpoints;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GracefulStopTest {
    @Test
    void closeLetsTheRequestInFlightFinishAndRefusesNewOnes() throws Exception {
        CountDownLatch targetCalled = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (TestEndpoints endpoints = new TestEndpoints()) {
            URI url = endpoints.serve("/metrics", exchange -> {
                targetCalled.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                TestEndpoints.body("text/plain", "work_done 1\n").respond(exchange);
            });
            Promregator promregator = TestBuilder.create()
                    .targetResolver(new StaticTargetResolver(
                            List.of(new Target("t", url, Labels.of("app_name", "a"), Map.of()))))
                    .server(ServerSettings.defaults().withAddress("127.0.0.1").withPort(0))
                    .build()
                    .start();
            int port = promregator.port();
            URI metrics = URI.create("http://127.0.0.1:" + port + "/metrics");
            HttpClient client = HttpClient.newHttpClient();
            CompletableFuture<HttpResponse<String>> inFlight =
                    client.sendAsync(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(targetCalled.await(10, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Void> closing = CompletableFuture.runAsync(promregator::close);
            HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/ready"))
                    .build();
            HttpResponse<String> during = client.send(ready, HttpResponse.BodyHandlers.ofString());
            for (int attempt = 0; attempt < 100 && during.statusCode() == 200; attempt++) {
                Thread.sleep(50); // close() runs on another thread; wait until it has begun
                during = client.send(ready, HttpResponse.BodyHandlers.ofString());
            }
            release.countDown();
            HttpResponse<String> finished = inFlight.get(10, TimeUnit.SECONDS);
            closing.get(15, TimeUnit.SECONDS);

            assertThat(during.statusCode()).isEqualTo(503);
            assertThat(finished.statusCode()).isEqualTo(200);
            assertThat(finished.body()).contains("work_done{app_name=\"a\"} 1", "promregator_up{app_name=\"a\"} 1");
        }
    }
}
