package io.promregator.core.server;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A 200 response body written as it is produced. A body that ends within the first
 * {@link Responses#GZIP_THRESHOLD} bytes goes out as {@link Responses#send} would send it; a longer one
 * is sent chunked, gzip-compressed as it goes when the client accepts gzip, so that it is never held
 * whole. Not thread-safe; close it once to finish the response.
 */
final class StreamingBody extends OutputStream {
    private final HttpExchange exchange;
    private final String contentType;
    private byte[] head = new byte[Responses.GZIP_THRESHOLD];
    private int headLength;
    private OutputStream out;
    private boolean closed;

    StreamingBody(HttpExchange exchange, String contentType) {
        this.exchange = exchange;
        this.contentType = contentType;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (out == null) {
            if (headLength + length < head.length) {
                System.arraycopy(bytes, offset, head, headLength, length);
                headLength += length;
                return;
            }
            start();
        }
        out.write(bytes, offset, length);
    }

    /** Sends the headers of a long body and what was held back of it. */
    private void start() throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        OutputStream body = exchange.getResponseBody();
        if (Boolean.TRUE.equals(exchange.getAttribute(Responses.GZIP_ALLOWED)) && Responses.acceptsGzip(exchange)) {
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            exchange.getResponseHeaders().add("Vary", "Accept-Encoding");
            exchange.sendResponseHeaders(200, 0);
            out = new GzipStream(body);
        } else if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(200, -1);
            out = OutputStream.nullOutputStream();
        } else {
            exchange.sendResponseHeaders(200, 0);
            out = body;
        }
        out.write(head, 0, headLength);
        head = null;
    }

    @Override
    public void flush() throws IOException {
        if (out != null) {
            out.flush();
        }
    }

    /**
     * Gives up on a response whose writing failed (the client went away, say): releases the compressor at
     * once, sends nothing more.
     */
    void abandon() {
        closed = true;
        if (out instanceof GzipStream gzip) {
            try {
                gzip.close(); // gives the compressor back even when writing its trailer fails
            } catch (IOException ignored) {
                // the connection is gone; it is closed with the exchange
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (out == null) {
            Responses.send(exchange, 200, contentType, Arrays.copyOf(head, headLength));
            return;
        }
        try {
            out.close();
        } finally {
            exchange.getResponseBody().close();
        }
    }
}
