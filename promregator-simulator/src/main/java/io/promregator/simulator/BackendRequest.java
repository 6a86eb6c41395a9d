package io.promregator.simulator;

import com.sun.net.httpserver.Headers;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One request as the gorouter's reverse proxy passes it to a real backend: the method, the Host the
 * client asked for, path and query as sent, the body, and the headers except the hop-by-hop ones (also
 * those {@code Connection} names), {@code X-CF-APP-INSTANCE} (the gorouter removes it), {@code Host}
 * and {@code Content-Length} (written anew). Added as the gorouter adds them: {@code X-Forwarded-For}
 * (the client's address appended), {@code X-Forwarded-Proto: http} and {@code X-Request-Start} (epoch
 * milliseconds) unless present, and a fresh {@code X-Vcap-Request-Id}. Sent over a plain socket, since
 * the JDK's HttpClient will not send a Host header of our choosing.
 *
 * @param authority the Host header to send: the route as the client named it, port included if given
 * @param pathAndQuery the request target in origin form, raw: {@code /path?query}
 * @param clientAddress the address of the client, for {@code X-Forwarded-For}
 */
record BackendRequest(
        String method, String authority, String pathAndQuery, Headers headers, byte[] body, String clientAddress) {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static final Set<String> DROPPED = Set.of(
            "connection",
            "proxy-connection",
            "keep-alive",
            "proxy-authenticate",
            "proxy-authorization",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "host",
            "content-length",
            Gorouter.APP_INSTANCE_HEADER.toLowerCase(Locale.ROOT));

    /**
     * Connects to the backend, sends this request and reads the response's status line and headers.
     *
     * @param backend the instance's base URL; its path, if any, is put before the request's
     * @param now the time for {@code X-Request-Start}
     * @throws IOException when the backend cannot be reached or answers no valid response head
     */
    BackendResponse send(URI backend, Instant now) throws IOException {
        int port = backend.getPort() < 0 ? 80 : backend.getPort();
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(backend.getHost(), port), (int) CONNECT_TIMEOUT.toMillis());
            socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            String basePath = backend.getRawPath() == null ? "" : backend.getRawPath();
            out.write(head(basePath, now).getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return BackendResponse.read(socket, new BufferedInputStream(socket.getInputStream()), method);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private String head(String basePath, Instant now) {
        StringBuilder head = new StringBuilder(512)
                .append(method)
                .append(' ')
                .append(basePath)
                .append(pathAndQuery)
                .append(" HTTP/1.1\r\n");
        line(head, "Host", authority);
        Set<String> named = connectionOptions();
        String forwardedFor = null;
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (DROPPED.contains(name) || named.contains(name)) {
                continue;
            }
            if (name.equals("x-forwarded-for")) {
                forwardedFor = String.join(", ", header.getValue());
                continue;
            }
            header.getValue().forEach(value -> line(head, header.getKey(), value));
        }
        line(head, "X-Forwarded-For", forwardedFor == null ? clientAddress : forwardedFor + ", " + clientAddress);
        if (!headers.containsKey("X-Forwarded-Proto")) {
            line(head, "X-Forwarded-Proto", "http");
        }
        if (!headers.containsKey("X-Request-Start")) {
            line(head, "X-Request-Start", Long.toString(now.toEpochMilli()));
        }
        if (!headers.containsKey("X-Vcap-Request-Id")) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            line(head, "X-Vcap-Request-Id", new UUID(random.nextLong(), random.nextLong()).toString());
        }
        if (body.length > 0 || method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
            line(head, "Content-Length", Integer.toString(body.length));
        }
        line(head, "Connection", "close");
        return head.append("\r\n").toString();
    }

    /** Header names the client's {@code Connection} header lists: hop-by-hop too, so not forwarded. */
    private Set<String> connectionOptions() {
        Set<String> named = new HashSet<>();
        for (String value : headers.getOrDefault("Connection", List.of())) {
            for (String option : value.split(",")) {
                named.add(option.trim().toLowerCase(Locale.ROOT));
            }
        }
        return named;
    }

    private static void line(StringBuilder head, String name, String value) {
        head.append(name).append(": ").append(value).append("\r\n");
    }
}
