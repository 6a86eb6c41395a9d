package io.promregator.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A backend's response, its head read and its body not yet: {@link #sendTo(HttpExchange)} streams the
 * body to the client as it arrives (chunked framing is decoded, the client gets its own), with the
 * backend's headers except the hop-by-hop ones. Closing it closes the backend connection.
 */
final class BackendResponse implements Closeable {
    private static final int MAX_HEAD_LINE = 64 * 1024;
    private static final Set<String> NOT_PASSED_BACK = Set.of(
            "connection",
            "proxy-connection",
            "keep-alive",
            "proxy-authenticate",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "content-length",
            "date");

    private final Socket socket;
    private final InputStream in;
    private final int status;
    private final List<Map.Entry<String, String>> headers;
    private final boolean bodiless;

    private BackendResponse(
            Socket socket, InputStream in, int status, List<Map.Entry<String, String>> headers, boolean bodiless) {
        this.socket = socket;
        this.in = in;
        this.status = status;
        this.headers = headers;
        this.bodiless = bodiless;
    }

    static BackendResponse read(Socket socket, InputStream in, String method) throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x response: " + statusLine);
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("invalid status line: " + statusLine, e);
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new IOException("invalid header line: " + header);
            }
            headers.add(new SimpleEntry<>(
                    header.substring(0, colon).trim(),
                    header.substring(colon + 1).trim()));
        }
        boolean bodiless = method.equals("HEAD") || status == 204 || status == 304 || status < 200;
        return new BackendResponse(socket, in, status, headers, bodiless);
    }

    int status() {
        return status;
    }

    /** The first value of a response header, by name ignoring case; null when absent. */
    String header(String name) {
        return headers.stream()
                .filter(h -> h.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    /** Sends status and headers to the client, then the body as it arrives from the backend. */
    void sendTo(HttpExchange exchange) throws IOException {
        for (Map.Entry<String, String> header : headers) {
            if (!NOT_PASSED_BACK.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                exchange.getResponseHeaders().add(header.getKey(), header.getValue());
            }
        }
        if (bodiless) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        String transferEncoding = header("Transfer-Encoding");
        String contentLength = header("Content-Length");
        InputStream body;
        long length;
        if (transferEncoding != null
                && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            body = new ChunkedInput(in);
            length = 0;
        } else if (contentLength != null) {
            length = parseLength(contentLength);
            body = new BoundedInput(in, length);
            length = length == 0 ? -1 : length;
        } else {
            body = in;
            length = 0;
        }
        exchange.sendResponseHeaders(status, length);
        if (length < 0) {
            return;
        }
        try (OutputStream out = exchange.getResponseBody()) {
            byte[] buffer = new byte[8192];
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
        }
    }

    private static long parseLength(String value) throws IOException {
        try {
            long length = Long.parseLong(value);
            if (length < 0) {
                throw new IOException("negative Content-Length: " + value);
            }
            return length;
        } catch (NumberFormatException e) {
            throw new IOException("invalid Content-Length: " + value, e);
        }
    }

    /** One CRLF- (or LF-) terminated line, without its end, read as ISO-8859-1. */
    static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("connection closed in the response head");
            }
            if (line.size() >= MAX_HEAD_LINE) {
                throw new IOException("response head line longer than " + MAX_HEAD_LINE + " bytes");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** A body of known length. */
    private static final class BoundedInput extends InputStream {
        private final InputStream in;
        private long left;

        BoundedInput(InputStream in, long length) {
            this.in = in;
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left == 0) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, left));
            if (n < 0) {
                throw new EOFException("backend closed the connection " + left + " bytes before the end");
            }
            left -= n;
            return n;
        }
    }

    /** A chunked body, decoded; trailers are read and dropped. */
    private static final class ChunkedInput extends InputStream {
        private final InputStream in;
        private long chunkLeft;
        private boolean afterChunk;
        private boolean done;

        ChunkedInput(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (done) {
                return -1;
            }
            if (chunkLeft == 0) {
                if (afterChunk) {
                    line(in); // the CRLF after the previous chunk's data
                }
                String size = line(in);
                int extension = size.indexOf(';');
                try {
                    chunkLeft = Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
                } catch (NumberFormatException e) {
                    throw new IOException("invalid chunk size: " + size, e);
                }
                if (chunkLeft == 0) {
                    while (!line(in).isEmpty()) {
                        // trailers
                    }
                    done = true;
                    return -1;
                }
            }
            int n = in.read(buffer, offset, (int) Math.min(length, chunkLeft));
            if (n < 0) {
                throw new EOFException("backend closed the connection inside a chunk");
            }
            chunkLeft -= n;
            afterChunk = true;
            return n;
        }
    }
}
