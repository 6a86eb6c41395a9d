package io.promregator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JDK server's request limits as the jar sets them, in --demo, where the simulator's server starts
 * first in the JVM: 8 KiB of request line and headers, 100 headers.
 */
class RequestLimitsIT {
    private static JarProcess jar;

    @BeforeAll
    static void start() throws Exception {
        jar = JarProcess.start(Map.of(), "--demo").awaitReady();
    }

    @AfterAll
    static void stop() {
        jar.close();
    }

    /** Sends a raw request and returns all the server answered before it closed the connection. */
    private static String exchange(String head) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", jar.url("/").getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            try (InputStream in = socket.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            } catch (SocketException reset) {
                return "";
            }
        }
    }

    private static String request(String headers) {
        return "GET /-/healthy HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headers + "\r\n";
    }

    private static String headers(int count) {
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < count; i++) {
            headers.append("X-Header-").append(i).append(": 1\r\n");
        }
        return headers.toString();
    }

    @Test
    void aConnectionIsKeptForTheNextRequest() throws IOException {
        String keepAlive = "GET /-/healthy HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

        String answers = exchange(keepAlive + keepAlive + request(""));

        assertThat(answers.split("HTTP/1.1 200 OK", -1)).hasSize(4);
    }

    @Test
    void headersWithinTheLimitAreAnswered() throws IOException {
        assertThat(exchange(request("X-Padding: " + "a".repeat(7000) + "\r\n"))).startsWith("HTTP/1.1 200");
    }

    @Test
    void headersLargerThanEightKibCloseTheConnectionUnanswered() throws IOException {
        assertThat(exchange(request("X-Padding: " + "a".repeat(9000) + "\r\n"))).isEmpty();
    }

    @Test
    void moreThanAHundredHeadersCloseTheConnectionUnanswered() throws IOException {
        assertThat(exchange(request(headers(101)))).isEmpty();
        assertThat(exchange(request(headers(90)))).startsWith("HTTP/1.1 200");
    }
}
