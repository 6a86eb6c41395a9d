package io.promregator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** A real Prometheus server started for a test, queried through its HTTP API. */
final class PrometheusServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path log;
    private final int port;
    private final HttpClient client = HttpClient.newHttpClient();

    private PrometheusServer(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts {@code binary} with this configuration, its data and log in {@code dir}, on 127.0.0.1. */
    static PrometheusServer start(Path binary, Path dir, String configuration) throws IOException {
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, configuration);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = dir.resolve("prometheus.log");
        Process process = new ProcessBuilder(
                        binary.toString(),
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + dir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new PrometheusServer(process, log, port);
    }

    /** The result vector of an instant query, evaluated now. */
    List<JsonNode> query(String promql) throws IOException, InterruptedException {
        return query(promql, Double.NaN);
    }

    /** The result vector of an instant query evaluated at {@code time} (epoch seconds; NaN for now). */
    List<JsonNode> query(String promql, double time) throws IOException, InterruptedException {
        JsonNode data = api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + (Double.isNaN(time) ? "" : "&time=" + time));
        List<JsonNode> result = new ArrayList<>();
        data.path("result").forEach(result::add);
        return result;
    }

    /** Polls a query (bounded: 90 s) until its result satisfies {@code done}; returns that result. */
    List<JsonNode> await(String promql, Predicate<List<JsonNode>> done) throws InterruptedException {
        return await(() -> promql, done);
    }

    /** Polls a query that may change between attempts, e.g. by its range, as {@link #await(String, Predicate)}. */
    List<JsonNode> await(Supplier<String> promql, Predicate<List<JsonNode>> done) throws InterruptedException {
        return poll(() -> query(promql.get()), done, promql);
    }

    /** The {@code data} of a GET of the HTTP API, e.g. {@code /api/v1/targets}; fails unless its status is success. */
    JsonNode api(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        if (!"success".equals(body.path("status").asText())) {
            throw new AssertionError("GET " + pathAndQuery + " failed: " + response.body());
        }
        return body.path("data");
    }

    /** Polls {@link #api(String)} (bounded: 90 s) until its data satisfies {@code done}; returns that data. */
    JsonNode awaitApi(String pathAndQuery, Predicate<JsonNode> done) throws InterruptedException {
        return poll(() -> api(pathAndQuery), done, () -> pathAndQuery);
    }

    /** Something read from this server's HTTP API. */
    private interface Read<T> {
        T read() throws IOException, InterruptedException;
    }

    private <T> T poll(Read<T> read, Predicate<T> done, Supplier<String> what) throws InterruptedException {
        T result = null;
        String failure = "";
        for (int attempt = 0; attempt < 180; attempt++) {
            try {
                result = read.read();
                if (done.test(result)) {
                    return result;
                }
            } catch (IOException notYet) {
                failure = notYet.toString(); // Prometheus is still starting
            }
            if (!process.isAlive()) {
                throw new AssertionError("Prometheus exited: " + log());
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Prometheus never answered " + what.get() + " as expected; last result " + result + " "
                + failure + "\n" + log());
    }

    /** One value of a single-sample result, e.g. of {@code count(...)}; NaN for an empty result. */
    static double value(List<JsonNode> result) {
        return result.isEmpty()
                ? Double.NaN
                : result.get(0).path("value").path(1).asDouble();
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
