package io.promregator.core.scrape;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A metrics target that misbehaves on purpose, on a plain socket so that a test sees what an HTTP server
 * library hides: how many body bytes it got to write before the client hung up, and that the client did
 * hang up. Bodies are made on the fly, so a 3 GiB body costs no memory. Listens on 127.0.0.1, port 0;
 * two daemon threads per connection (one writes, one notices the client closing).
 */
final class HostileTarget implements AutoCloseable {
    static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final int BLOCK = 64 * 1024;

    /** Writes a response, head included, to {@code out}. */
    @FunctionalInterface
    interface Behaviour {
        void respond(OutputStream out, Connection connection) throws IOException, InterruptedException;
    }

    /** What happened on one connection. */
    static final class Connection {
        final String path;
        private final AtomicLong bodyBytes = new AtomicLong();
        private final CountDownLatch writerDone = new CountDownLatch(1);
        private final CountDownLatch peerClosed = new CountDownLatch(1);
        private volatile IOException writeFailure;

        Connection(String path) {
            this.path = path;
        }

        /** Body bytes the socket accepted (some may still have been in buffers when the client closed). */
        long bodyBytes() {
            return bodyBytes.get();
        }

        void wroteBody(int n) {
            bodyBytes.addAndGet(n);
        }

        /** Whether the client closed the connection within the (generous) wait. */
        boolean awaitPeerClosed(Duration wait) throws InterruptedException {
            return peerClosed.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Whether the writer stopped within the wait: done, or failed because the client hung up. */
        boolean awaitWriterDone(Duration wait) throws InterruptedException {
            return writerDone.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Why the writer stopped early, or null when it wrote everything. */
        IOException writeFailure() {
            return writeFailure;
        }
    }

    private final ServerSocket server;
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger threads = new AtomicInteger();

    HostileTarget() throws IOException {
        server = new ServerSocket(0, 64, InetAddress.getByName("127.0.0.1"));
        daemon("hostile-target-accept", this::acceptLoop).start();
    }

    /** Serves {@code path} with the behaviour; returns its URL. */
    URI serve(String path, Behaviour behaviour) {
        behaviours.put(path, behaviour);
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + path);
    }

    List<Connection> connections() {
        return List.copyOf(connections);
    }

    /** The connection that asked for {@code path}; fails unless exactly one did. */
    Connection connection(String path) {
        List<Connection> matching =
                connections.stream().filter(c -> c.path.equals(path)).toList();
        if (matching.size() != 1) {
            throw new AssertionError(matching.size() + " connections for " + path);
        }
        return matching.get(0);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                socket.setSendBufferSize(BLOCK); // keeps what sits in buffers small next to the limits
                daemon("hostile-target-" + threads.incrementAndGet(), () -> handle(socket))
                        .start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void handle(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            String path = requestPath(in);
            Connection connection = new Connection(path);
            connections.add(connection);
            daemon("hostile-target-reader-" + threads.get(), () -> {
                        try {
                            while (in.read() >= 0) {
                                // requests on a kept-alive connection are not answered
                            }
                        } catch (IOException reset) {
                            // reset by the client: closed too
                        }
                        connection.peerClosed.countDown();
                    })
                    .start();
            Behaviour behaviour = behaviours.getOrDefault(path, (out, c) -> head(out, "404 Not Found", "", 0));
            try {
                behaviour.respond(socket.getOutputStream(), connection);
            } catch (IOException e) {
                connection.writeFailure = e;
            } finally {
                connection.writerDone.countDown();
            }
            connection.peerClosed.await(); // keep-alive: until the client closes, or close() does
        } catch (IOException e) {
            // a connection that never sent a request
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads the request head and returns its path. */
    private static String requestPath(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("no request");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String requestLine =
                head.toString(StandardCharsets.ISO_8859_1).lines().findFirst().orElse("");
        return requestLine.split(" ")[1];
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    // ---- behaviours

    /** The status line and headers; {@code length} -1 for chunked. */
    static void head(OutputStream out, String status, String extraHeaders, long length) throws IOException {
        String framing = length < 0 ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + length + "\r\n";
        out.write(("HTTP/1.1 " + status + "\r\nContent-Type: " + TEXT + "\r\n" + extraHeaders + framing + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** 64 KiB of valid-looking 0.0.4 sample lines. */
    static byte[] block() {
        StringBuilder lines = new StringBuilder(BLOCK);
        for (int i = 0; lines.length() < BLOCK - 64; i++) {
            lines.append("hostile_series{instance=\"").append(100_000 + i).append("\"} 1\n");
        }
        lines.append("#".repeat(BLOCK - 1 - lines.length())).append('\n');
        return lines.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A chunked body of {@code total} bytes of sample lines; {@code Long.MAX_VALUE} never ends. */
    static Behaviour chunked(long total) {
        byte[] block = block();
        byte[] chunkHead = (Integer.toHexString(block.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] crlf = {'\r', '\n'};
        return (out, connection) -> {
            head(out, "200 OK", "", -1);
            for (long written = 0; written < total; written += block.length) {
                out.write(chunkHead);
                out.write(block);
                out.write(crlf);
                connection.wroteBody(block.length);
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        };
    }

    /** A body of {@code total} bytes of sample lines, announced by Content-Length. */
    static Behaviour withContentLength(long total) {
        byte[] block = block();
        return (out, connection) -> {
            head(out, "200 OK", "", total);
            for (long left = total; left > 0; left -= block.length) {
                int n = (int) Math.min(block.length, left);
                out.write(block, 0, n);
                connection.wroteBody(n);
            }
            out.flush();
        };
    }

    /** A gzip body (Content-Encoding: gzip), sent whole. */
    static Behaviour gzip(byte[] compressed) {
        return (out, connection) -> {
            head(out, "200 OK", "Content-Encoding: gzip\r\n", compressed.length);
            for (int from = 0; from < compressed.length; from += BLOCK) {
                int n = Math.min(BLOCK, compressed.length - from);
                out.write(compressed, from, n);
                connection.wroteBody(n);
            }
            out.flush();
        };
    }

    /** A valid head, then a body of sample lines one byte per {@code interval}. */
    static Behaviour dripBody(Duration interval) {
        byte[] body = "dripping 1\n".repeat(100).getBytes(StandardCharsets.US_ASCII);
        return (out, connection) -> {
            head(out, "200 OK", "", body.length);
            for (byte b : body) {
                out.write(b);
                out.flush();
                connection.wroteBody(1);
                Thread.sleep(interval.toMillis());
            }
        };
    }

    /** Even the status line and headers, one byte per {@code interval}. */
    static Behaviour dripHead(Duration interval) {
        byte[] response = ("HTTP/1.1 200 OK\r\nContent-Type: " + TEXT + "\r\nContent-Length: 4\r\n\r\nup 1")
                .getBytes(StandardCharsets.US_ASCII);
        return (out, connection) -> {
            for (byte b : response) {
                out.write(b);
                out.flush();
                Thread.sleep(interval.toMillis());
            }
        };
    }
}
