package io.promregator.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.Promregator;
import io.promregator.core.Target;
import io.promregator.core.TestBuilder;
import io.promregator.core.exposition.Labels;
import io.promregator.core.target.StaticTargetResolver;
import io.promregator.core.testing.TestCertificates;
import io.promregator.core.testing.TestCertificates.TestCertificate;
import io.promregator.core.testing.TestEndpoints;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Clients that send their request slowly, or too many at once, against a server with two workers. */
@Timeout(60)
class SlowClientsTest {
    private static final int WORKERS = 2;

    private final List<Socket> sockets = new ArrayList<>();
    private final HttpClient client = HttpClient.newHttpClient();
    private Promregator promregator;

    @AfterEach
    void close() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (promregator != null) {
            promregator.close();
        }
    }

    private int start(ServerSettings settings, URI target) {
        promregator = TestBuilder.create()
                .targetResolver(new StaticTargetResolver(
                        List.of(new Target("t", target, Labels.of("app_name", "a"), Map.of()))))
                .server(settings.withAddress("127.0.0.1").withPort(0).withThreads(WORKERS))
                .build()
                .start();
        return promregator.port();
    }

    /** A connection that has sent part of a request line and then nothing more. */
    private Socket trickling(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        sockets.add(socket);
        socket.getOutputStream().write("GET /-/heal".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A request, tried again at most twice when its connection is cut unanswered: until the server has
     * taken every trickling connection, a client's may be older than some of them and be the one cut at the
     * cap (as a scraper, it would try again at its next scrape). Before eviction, every try was refused.
     */
    private HttpResponse<String> getAnswered(int port, String path) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return get(port, path);
            } catch (IOException cut) {
                if (attempt == 3) {
                    throw cut;
                }
            }
        }
    }

    /** Reads until the server closes the connection; the bytes it sent before. */
    private static String readToEnd(Socket socket) throws IOException {
        socket.setSoTimeout(30_000);
        try (InputStream in = socket.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (SocketException reset) {
            return "";
        }
    }

    @Test
    void clientsTricklingTheirRequestsDoNotKeepOthersFromBeingAnswered() throws Exception {
        try (TestEndpoints target = new TestEndpoints()) {
            URI url = target.serve("/metrics", TestEndpoints.body("text/plain", "work_done 1\n"));
            int port = start(ServerSettings.defaults().withRequestHeadTimeout(Duration.ofMinutes(5)), url);
            for (int i = 0; i < WORKERS * 5; i++) {
                trickling(port);
            }
            for (Socket socket : sockets) {
                socket.getOutputStream().write('t'); // one more byte each: still no complete request line
            }

            HttpResponse<String> metrics = get(port, "/metrics");
            HttpResponse<String> healthy = get(port, "/-/healthy");

            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("work_done{app_name=\"a\"} 1");
            assertThat(healthy.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void clientsTricklingARequestBodyAreAnsweredWithoutAWorkerAndCutOffAtTheDeadline() throws Exception {
        try (TestEndpoints target = new TestEndpoints()) {
            URI url = target.serve("/metrics", TestEndpoints.body("text/plain", "work_done 1\n"));
            int port = start(ServerSettings.defaults().withRequestHeadTimeout(Duration.ofSeconds(1)), url);
            List<Socket> posting = new ArrayList<>();
            for (int i = 0; i < WORKERS * 5; i++) {
                Socket socket = new Socket("127.0.0.1", port);
                sockets.add(socket);
                socket.getOutputStream()
                        .write(("POST /cache/invalidate HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nab")
                                .getBytes(StandardCharsets.US_ASCII));
                posting.add(socket);
            }

            HttpResponse<String> metrics = get(port, "/metrics");
            List<String> answers = new ArrayList<>();
            for (Socket socket : posting) {
                answers.add(readToEnd(socket));
            }

            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(answers)
                    .allSatisfy(answer ->
                            assertThat(answer).startsWith("HTTP/1.1 405").contains("Allow: GET, HEAD"));
            assertThat(get(port, "/promregatorMetrics").body())
                    .contains("promregator_inbound_refusals_total{reason=\"slow_request\",} " + WORKERS * 5 + ".0");
        }
    }

    @Test
    void aRequestHeadNotSentInTimeClosesItsConnectionAndIsCounted() throws Exception {
        try (TestEndpoints target = new TestEndpoints()) {
            URI url = target.serve("/metrics", TestEndpoints.body("text/plain", "work_done 1\n"));
            int port = start(ServerSettings.defaults().withRequestHeadTimeout(Duration.ofMillis(300)), url);
            Socket slow = trickling(port);
            Socket alsoSlow = trickling(port);

            assertThat(readToEnd(slow)).isEmpty();
            assertThat(readToEnd(alsoSlow)).isEmpty();
            assertThat(get(port, "/promregatorMetrics").body())
                    .contains("promregator_inbound_refusals_total{reason=\"slow_request\",} 2.0");
            assertThat(get(port, "/-/healthy").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aTlsHandshakeNotFinishedInTimeClosesItsConnection() throws Exception {
        TestCertificate certificate = TestCertificates.server();
        try (TestEndpoints target = new TestEndpoints()) {
            URI url = target.serve("/metrics", TestEndpoints.body("text/plain", "work_done 1\n"));
            int port = start(
                    ServerSettings.defaults()
                            .withRequestHeadTimeout(
                                    Duration.ofMillis(1500)) // the real client below must finish in time
                            .withTls(certificate.identity().serverContext()),
                    url);
            Socket socket = new Socket("127.0.0.1", port);
            sockets.add(socket);
            socket.getOutputStream().write(new byte[] {0x16, 0x03, 0x01}); // the start of a TLS record

            assertThat(readToEnd(socket)).isEmpty();
            HttpResponse<String> own = HttpClient.newBuilder()
                    .sslContext(certificate.trustingContext())
                    .build()
                    .send(
                            HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/promregatorMetrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            // At least the stuck handshake; on a loaded machine a slow client of another test may add to it.
            Matcher refused = Pattern.compile("promregator_inbound_refusals_total\\{reason=\"slow_request\",} (\\S+)")
                    .matcher(own.body());
            assertThat(refused.find()).as("slow_request refusals counted").isTrue();
            assertThat(Double.parseDouble(refused.group(1))).isGreaterThanOrEqualTo(1.0);
        }
    }

    @Test
    void aCompleteRequestSentInPiecesIsAnswered() throws Exception {
        try (TestEndpoints target = new TestEndpoints()) {
            URI url = target.serve("/metrics", TestEndpoints.body("text/plain", "work_done 1\n"));
            int port = start(ServerSettings.defaults(), url);
            Socket socket = trickling(port);
            OutputStream out = socket.getOutputStream();
            for (byte b : "thy HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII)) {
                out.write(b);
                out.flush();
            }

            assertThat(readToEnd(socket)).startsWith("HTTP/1.1 200").endsWith("Promregator is Healthy.\n");
        }
    }

    @Test
    void whenEveryWorkerAndQueuePlaceIsTakenTheNextCallerGets503AtOnce() throws Exception {
        CountDownLatch targetCalls = new CountDownLatch(WORKERS);
        CountDownLatch release = new CountDownLatch(1);
        try (TestEndpoints target = new TestEndpoints()) {
            URI url = target.serve("/metrics", exchange -> {
                targetCalls.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                TestEndpoints.body("text/plain", "work_done 1\n").respond(exchange);
            });
            int port = start(ServerSettings.defaults().withQueue(0), url);
            List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
            for (int i = 0; i < WORKERS; i++) {
                held.add(client.sendAsync(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            assertThat(targetCalls.await(30, TimeUnit.SECONDS)).isTrue();

            HttpResponse<String> refused = get(port, "/discovery"); // the health endpoints need no worker
            release.countDown();

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(refused.body()).contains("busy");
            for (CompletableFuture<HttpResponse<String>> response : held) {
                assertThat(response.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
            assertThat(get(port, "/promregatorMetrics").body())
                    .contains("promregator_inbound_refusals_total{reason=\"busy\",} 1.0");
        }
    }

    @Test
    void atTheCapTheConnectionReadingLongestIsCutForTheNewOneAndTheRestTimeOut() throws Exception {
        try (TestEndpoints target = new TestEndpoints()) {
            URI url = target.serve("/metrics", TestEndpoints.body("text/plain", "work_done 1\n"));
            int port = start(
                    ServerSettings.defaults().withConnectionThreads(3).withRequestHeadTimeout(Duration.ofMillis(500)),
                    url);
            List<Socket> slow = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                slow.add(trickling(port));
                Thread.sleep(50); // one at a time, so that which one reads longest is clear
            }
            List<String> ends = new ArrayList<>();
            for (Socket socket : slow) {
                ends.add(readToEnd(socket));
            }

            assertThat(ends).containsOnly("");
            String own = get(port, "/promregatorMetrics").body();
            assertThat(own).contains("promregator_inbound_refusals_total{reason=\"evicted\",} 1.0");
            assertThat(own).contains("promregator_inbound_refusals_total{reason=\"slow_request\",} 3.0");
        }
    }

    @Test
    void manyConnectionsThatNeverFinishTheirRequestDoNotLockOutAClientWhoseRequestComesAtOnce() throws Exception {
        try (TestEndpoints target = new TestEndpoints()) {
            URI url = target.serve("/metrics", TestEndpoints.body("text/plain", "work_done 1\n"));
            int port = start(
                    ServerSettings.defaults().withConnectionThreads(8).withRequestHeadTimeout(Duration.ofMinutes(5)),
                    url);
            for (int i = 0; i < 40; i++) { // slowloris: five times the cap, none ever completing its request
                trickling(port);
            }

            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                statuses.add(getAnswered(port, i % 2 == 0 ? "/-/healthy" : "/metrics")
                        .statusCode());
            }

            assertThat(statuses).containsOnly(200);
        }
    }
}
