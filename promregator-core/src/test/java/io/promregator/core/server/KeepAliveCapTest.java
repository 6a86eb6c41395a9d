package io.promregator.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.Promregator;
import io.promregator.core.TestBuilder;
import io.promregator.core.target.StaticTargetResolver;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many clients each leaving a keep-alive connection open: past the cap, connections are closed after their
 * response, so idle connections cannot pile up (issue 15, point 4).
 */
@Timeout(60)
class KeepAliveCapTest {
    private static final int CLIENTS = KeepAliveCap.DEFAULT_CAP + 30;

    @Test
    void pastTheCapAConnectionIsClosedAfterItsResponse() throws Exception {
        List<Socket> sockets = new ArrayList<>();
        try (Promregator promregator = TestBuilder.create()
                .targetResolver(new StaticTargetResolver(List.of()))
                .server(ServerSettings.defaults().withAddress("127.0.0.1").withPort(0))
                .build()
                .start()) {
            int kept = 0;
            int closed = 0;
            Socket lastClosed = null;
            for (int i = 0; i < CLIENTS; i++) {
                Socket socket = new Socket("127.0.0.1", promregator.port());
                sockets.add(socket);
                socket.setSoTimeout(30_000);
                socket.getOutputStream()
                        .write("GET /-/healthy HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                String head = readHead(socket.getInputStream());
                assertThat(head).startsWith("HTTP/1.1 200");
                if (head.toLowerCase().contains("\r\nconnection: close")) {
                    closed++;
                    lastClosed = socket;
                } else {
                    kept++;
                }
            }

            assertThat(kept).isEqualTo(KeepAliveCap.DEFAULT_CAP);
            assertThat(closed).isEqualTo(CLIENTS - KeepAliveCap.DEFAULT_CAP);
            InputStream rest = lastClosed.getInputStream();
            rest.skipNBytes("Promregator is Healthy.\n".length());
            assertThat(rest.read()).as("the server closed the connection").isEqualTo(-1);
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    /** The status line and headers, up to the blank line. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }
}
