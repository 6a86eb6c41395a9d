package io.promregator.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.Promregator;
import io.promregator.core.TestBuilder;
import io.promregator.core.target.StaticTargetResolver;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the JDK server does with requests it cannot parse, before any handler of ours runs (issue 15,
 * point 9, documented in the inbound limits): a 400 page of its own, naming at most an exception class,
 * and a request with bare LF line ends is never complete, so its connection is closed at the request
 * head's deadline without an answer.
 */
@Timeout(60)
class MalformedRequestsTest {
    private static String exchange(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            try (InputStream in = socket.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            } catch (SocketException reset) {
                return "";
            }
        }
    }

    @Test
    void unparsableRequestsGetTheJdkServersAnswer() throws Exception {
        try (Promregator promregator = TestBuilder.create()
                .targetResolver(new StaticTargetResolver(List.of()))
                .server(ServerSettings.defaults()
                        .withAddress("127.0.0.1")
                        .withPort(0)
                        .withRequestHeadTimeout(Duration.ofMillis(500)))
                .build()
                .start()) {
            int port = promregator.port();

            String badLength = exchange(port, "GET /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n");
            String bareLf = exchange(port, "GET /-/healthy HTTP/1.1\nHost: x\n\n");

            assertThat(badLength).startsWith("HTTP/1.1 400").doesNotContain("\tat ", "abc");
            assertThat(bareLf).isEmpty();
            String own = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/promregatorMetrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            assertThat(own).contains("promregator_inbound_refusals_total{reason=\"slow_request\",} 1.0");
        }
    }
}
