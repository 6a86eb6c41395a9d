package io.promregator.core.merge;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.promregator.core.Promregator;
import io.promregator.core.Target;
import io.promregator.core.TestBuilder;
import io.promregator.core.exposition.Labels;
import io.promregator.core.server.ServerSettings;
import io.promregator.core.target.StaticTargetResolver;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client that hangs up in the middle of a large {@code /metrics} answer leaves nothing behind: the
 * temporary file of the merge is deleted, and the next scrape is answered in full.
 */
class MetricsDisconnectTest {
    private static final int TARGETS = 300;
    private final int defaultLimit = SpillingMerge.memoryLimit;
    private HttpServer backend;
    private Promregator promregator;

    @AfterEach
    void stop() {
        SpillingMerge.memoryLimit = defaultLimit;
        if (promregator != null) {
            promregator.close();
        }
        if (backend != null) {
            backend.stop(0);
        }
    }

    private static byte[] body() {
        StringBuilder out = new StringBuilder("# TYPE app_requests_total counter\n");
        for (int i = 0; i < 200; i++) {
            out.append("app_requests_total{uri=\"/api/resource/")
                    .append(i)
                    .append("\",method=\"GET\"} ")
                    .append(i)
                    .append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aClientGoingAwayMidResponseLeaksNothing() throws Exception {
        SpillingMerge.memoryLimit = 64 * 1024;
        byte[] body = body();
        backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        backend.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        backend.start();
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < TARGETS; i++) {
            URI url = URI.create("http://127.0.0.1:" + backend.getAddress().getPort() + "/t/" + i);
            targets.add(new Target("t" + i, url, Labels.of("instance_number", "" + i), Map.of()));
        }
        promregator = TestBuilder.create()
                .targetResolver(new StaticTargetResolver(targets))
                .server(ServerSettings.defaults().withAddress("127.0.0.1").withPort(0))
                .build()
                .start();

        for (String encoding : new String[] {"", "Accept-Encoding: gzip\r\n"}) {
            try (Socket socket = new Socket("127.0.0.1", promregator.port())) {
                socket.setReceiveBufferSize(4096);
                socket.getOutputStream()
                        .write(("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/plain\r\n" + encoding
                                        + "\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                InputStream in = socket.getInputStream();
                byte[] start = in.readNBytes(4096);
                assertThat(new String(start, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200");
            } // hangs up with most of the answer unread

            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (SpillStore.OPEN_FILES.get() != 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(SpillStore.OPEN_FILES).as("temporary files still open").hasValue(0);
        }
        HttpResponse<String> next = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + promregator.port() + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.body()
                        .lines()
                        .filter(l -> l.startsWith("app_requests_total{"))
                        .count())
                .isEqualTo(TARGETS * 200L);
        assertThat(SpillStore.OPEN_FILES).hasValue(0);
    }
}
