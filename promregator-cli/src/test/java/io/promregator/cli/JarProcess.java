package io.promregator.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The built jar, started as a process of its own with its output captured in files. */
final class JarProcess implements AutoCloseable {
    private final Process process;
    private final Path stdout;
    private final Path stderr;
    final int port;

    private JarProcess(Process process, Path stdout, Path stderr, int port) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.port = port;
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("promregator.jar", "target/promregator-cli.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("the built jar is missing: " + jar + " (run mvn verify)");
        }
        return jar;
    }

    /** Starts {@code java -jar promregator-cli.jar ARGS} with {@code PORT} set to a free port. */
    static JarProcess start(Map<String, String> env, String... args) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar().toString()));
        command.addAll(List.of(args));
        Path stdout = Files.createTempFile("promregator-out", ".log");
        Path stderr = Files.createTempFile("promregator-err", ".log");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().putAll(env);
        return new JarProcess(builder.start(), stdout, stderr, port);
    }

    /** Runs the jar to its end and returns its exit code. */
    static int run(String... args) throws IOException, InterruptedException {
        try (JarProcess jar = start(Map.of(), args)) {
            if (!jar.process.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("the jar did not exit");
            }
            return jar.process.exitValue();
        }
    }

    static int runAndCapture(List<String> output, String... args) throws IOException, InterruptedException {
        try (JarProcess jar = start(Map.of(), args)) {
            if (!jar.process.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("the jar did not exit");
            }
            output.add(jar.stdout());
            output.add(jar.stderr());
            return jar.process.exitValue();
        }
    }

    /** Waits (bounded) until /-/ready answers 200. */
    JarProcess awaitReady() throws InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(url("/-/ready")).build();
        for (int attempt = 0; attempt < 300; attempt++) {
            if (!process.isAlive()) {
                throw new AssertionError("the jar exited with " + process.exitValue() + ": " + stderr());
            }
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the jar never became ready: " + stderr());
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Sends SIGTERM and waits (bounded) for the exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the jar did not stop on SIGTERM");
        }
        return process.exitValue();
    }

    String stdout() {
        return read(stdout);
    }

    String stderr() {
        return read(stderr);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        } catch (IOException ignored) {
            // temporary files; the OS cleans up
        }
    }
}
