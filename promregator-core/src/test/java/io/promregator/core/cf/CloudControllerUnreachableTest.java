package io.promregator.core.cf;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.Promregator;
import io.promregator.core.TestBuilder;
import io.promregator.core.cf.discovery.CfDiscovery;
import io.promregator.core.config.ConfigLoader;
import io.promregator.core.config.PromregatorConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Cloud Controller that cannot be reached is named with the cause, on {@code /explainTargets} and in
 * the text {@code --explain-targets} prints ({@link CfDiscovery#explain()}).
 */
class CloudControllerUnreachableTest {
    private static PromregatorConfig config(String apiHost) {
        return ConfigLoader.load("""
                cf:
                  api_host: %s
                  username: promregator
                  password: secret
                  request:
                    backoff: 1
                promregator:
                  targets:
                    - orgName: demo-org
                server:
                  address: 127.0.0.1
                  port: 0
                """.formatted(apiHost), Map.of());
    }

    private static String explainTargets(String apiHost) throws Exception {
        try (Promregator promregator =
                TestBuilder.create().config(config(apiHost)).build().start()) {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(
                                            URI.create("http://127.0.0.1:" + promregator.port() + "/explainTargets"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return response.body();
        }
    }

    private static String explain(String apiHost) {
        try (CfDiscovery discovery = CfDiscovery.fromConfig(config(apiHost))) {
            return discovery.explain();
        }
    }

    @Test
    void aClosedPortIsConnectionRefused() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            closedPort = socket.getLocalPort();
        }
        String apiHost = "http://127.0.0.1:" + closedPort;

        assertThat(explainTargets(apiHost))
                .contains("Cloud Controller error: GET " + apiHost + "/: connection refused by 127.0.0.1:" + closedPort
                        + ", in each of 3 attempts\n")
                .doesNotContain("ConnectException");
        assertThat(explain(apiHost)).contains("connection refused by 127.0.0.1:" + closedPort);
    }

    @Test
    void anUnknownHostCannotBeResolved() throws Exception {
        assertThat(explainTargets("api.no-such-foundation.invalid"))
                .contains("Cloud Controller error: GET https://api.no-such-foundation.invalid/: cannot resolve host"
                        + " api.no-such-foundation.invalid, in each of 3 attempts\n");
        assertThat(explain("api.no-such-foundation.invalid"))
                .contains("cannot resolve host api.no-such-foundation.invalid");
    }

    @Test
    void httpsSpokenToAPlainHttpServerIsATlsHandshakeFailure() throws Exception {
        try (PlainHttpServer plain = new PlainHttpServer()) {
            String apiHost = "https://127.0.0.1:" + plain.port();

            assertThat(explainTargets(apiHost))
                    .contains("Cloud Controller error: GET " + apiHost + "/: TLS handshake failed: ")
                    .contains(", in each of 3 attempts\n");
            assertThat(explain(apiHost)).contains("TLS handshake failed: ");
        }
    }

    /** Answers every connection at once with a plain-text HTTP 400, as a web server does to a TLS hello. */
    private static final class PlainHttpServer implements AutoCloseable {
        private final ServerSocket socket;
        private final Thread thread;

        PlainHttpServer() throws IOException {
            socket = new ServerSocket();
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            thread = new Thread(this::serve, "plain-http");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket connection = socket.accept()) {
                    connection
                            .getOutputStream()
                            .write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                                    .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // closed, or the client went away
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
