package io.promregator.core.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The built {@code promregator-cli.jar} as a process of its own with a fixed heap and a GC log, so that
 * its memory, threads and CPU time are its own: read from {@code /proc/<pid>/status},
 * {@link ProcessHandle.Info#totalCpuDuration()} and the GC log. Stopped with SIGTERM on close (killed
 * when it does not stop within 15 s).
 */
final class AggregatorProcess implements AutoCloseable {
    private final Process process;
    private final URI baseUrl;
    private final Path gcLog;
    private final Path output;

    private AggregatorProcess(Process process, URI baseUrl, Path gcLog, Path output) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.gcLog = gcLog;
        this.output = output;
    }

    /** Starts {@code java -Xmx<heap> -Xlog:gc:<dir>/gc.log OPTIONS -jar JAR --config CONFIG}; output to {@code <dir>}. */
    static AggregatorProcess start(Path jar, Path config, int port, String heap, List<String> jvmOptions, Path dir)
            throws IOException {
        Path gcLog = dir.resolve("aggregator-gc.log");
        Path output = dir.resolve("aggregator.log");
        List<String> command = new ArrayList<>(List.of(javaTool("java"), "-Xmx" + heap, "-Xlog:gc:file=" + gcLog));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "--config", config.toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        return new AggregatorProcess(process, URI.create("http://127.0.0.1:" + port), gcLog, output);
    }

    static String javaTool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    long pid() {
        return process.pid();
    }

    URI baseUrl() {
        return baseUrl;
    }

    /** Waits until {@code url} answers 200, at most {@code limit}; fails with the process's output otherwise. */
    void awaitOk(URI url, Duration limit) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                HttpRequest request = HttpRequest.newBuilder(url)
                        .timeout(Duration.ofSeconds(10))
                        .build();
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(url + " did not answer 200 within " + limit + "; output:\n" + output());
    }

    /** The text at {@code path} on the aggregator. */
    String get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve(path))
                .header("Accept", "text/plain;version=0.0.4")
                .timeout(Duration.ofSeconds(10))
                .build();
        return HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /** A field of {@code /proc/<pid>/status} in its unit (kB for memory), or -1. */
    long status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(
                            line.substring(field.length() + 1).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** CPU time the process has used, user and system. */
    Duration cpu() {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** Runs {@code jcmd <pid> <command...>} and returns its output. */
    String jcmd(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(javaTool("jcmd"), Long.toString(pid())));
        line.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
        byte[] out = jcmd.getInputStream().readAllBytes();
        jcmd.waitFor(30, TimeUnit.SECONDS);
        return new String(out, StandardCharsets.UTF_8);
    }

    GcLog gcLog() {
        try {
            return GcLog.parse(Files.readAllLines(gcLog));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
