package io.promregator.core.bench;

import io.promregator.core.testing.Promtool;
import io.promregator.simulator.CfSimulator;
import io.promregator.simulator.Foundation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * A load harness (not a test) that measures the aggregator against a backend that costs almost nothing:
 * the simulated Cloud Controller and UAA for discovery, and {@link NginxBackend} in place of the gorouter and
 * the apps, every instance answering a realistic 15 KB body of 200 samples. One or more built jars run side
 * by side, each in its own JVM, and take turns (the order alternates every round), so that a before and an
 * after are measured in the same run. Prints Markdown tables and stops by itself.
 *
 * <p>Modes ({@code --mode=}):
 *
 * <ul>
 *   <li>{@code single}: {@code /singleTargetMetrics} round-robin over the instances, Prometheus' Accept header
 *       and gzip; a closed loop of {@code workers} (16) connections from {@link Wrk} ({@code --loader=java}:
 *       from this JVM), or a fixed {@code rate} per second from this JVM when given. Throughput, latency,
 *       and the aggregator's CPU per scrape. Every instance's answer (with wrk, once after the load; from
 *       this JVM, every 17th during it) is decompressed and must carry the instance's own marker (no
 *       mis-routed scrape).
 *   <li>{@code endpoint}: {@code /metrics}, one request at a time as one Prometheus sends them. Latency and
 *       CPU per request; the last answer of each jar is checked: every instance up, every sample there, and
 *       {@code promtool check metrics} finds no parse error.
 *   <li>{@code ready}: from starting the JVM to {@code /-/ready} answering 200, and to {@code /discovery}
 *       listing every instance (the first full discovery), {@code rounds} starts per jar.
 * </ul>
 *
 * <p>Other options ({@code --name=value}): {@code jars} (comma-separated, default the built jar);
 * {@code instances} (1000 for single, 900 for endpoint, 3000 for ready; a multiple of 100: apps of one
 * instance, 10 spaces per org); {@code heap} (128m); {@code jvmOptions}; {@code warmup} (seconds, 20); {@code seconds}
 * per slice (10); {@code rounds} (3); {@code requests} per slice in endpoint mode (10).
 */
public final class CheapBackendBenchmark {
    private static final String PROMETHEUS_ACCEPT = LoadGenerator.PROMETHEUS_ACCEPT;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private CheapBackendBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (Runtime.getRuntime().availableProcessors() <= 2) {
            System.getProperties().putIfAbsent("java.util.concurrent.ForkJoinPool.common.parallelism", "2");
        }
        Map<String, String> options = options(args);
        String mode = options.getOrDefault("mode", "single");
        int defaultInstances = switch (mode) {
            case "single" -> 1000;
            case "endpoint" -> 900;
            case "ready" -> 3000;
            default -> throw new IllegalArgumentException("mode is single, endpoint or ready: " + mode);
        };
        int instanceCount = Integer.parseInt(options.getOrDefault("instances", Integer.toString(defaultInstances)));
        List<Path> jars = list(options.getOrDefault("jars", "promregator-cli/target/promregator-cli.jar")).stream()
                .map(Path::of)
                .toList();
        for (Path jar : jars) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException(jar + " is missing: build it with mvn -B -q package -DskipTests");
            }
        }
        Foundation foundation = foundation(instanceCount);
        List<SimulatedInstance> instances = SimulatedInstance.all(foundation);
        Path dir = Files.createTempDirectory("cheap-backend-benchmark");
        try (CfSimulator simulator = CfSimulator.builder()
                        .user("promregator", "secret")
                        .foundation(foundation)
                        .start();
                NginxBackend backend = NginxBackend.start(instances, dir)) {
            System.out.printf(
                    "%s mode, %d instances of %d bytes (%d samples) each behind nginx; %d cores shared by load "
                            + "generator, simulator, nginx and aggregators; -Xmx%s %s; files in %s%n%n",
                    mode,
                    instances.size(),
                    RealisticBody.of(instances.get(0).instanceHeader()).length(),
                    RealisticBody.SAMPLES,
                    Runtime.getRuntime().availableProcessors(),
                    options.getOrDefault("heap", "128m"),
                    options.getOrDefault("jvmOptions", ""),
                    dir);
            Setup setup = new Setup(simulator, backend, instances, dir, options);
            if (mode.equals("ready")) {
                ready(setup, jars);
            } else {
                load(setup, jars, mode.equals("single"));
            }
        }
    }

    private record Setup(
            CfSimulator simulator,
            NginxBackend backend,
            List<SimulatedInstance> instances,
            Path dir,
            Map<String, String> options) {
        int option(String name, int otherwise) {
            return Integer.parseInt(options.getOrDefault(name, Integer.toString(otherwise)));
        }

        AggregatorProcess start(Path jar, int n) throws IOException {
            Path own = Files.createDirectories(dir.resolve("aggregator-" + n));
            int port = freePort();
            return AggregatorProcess.start(
                    jar,
                    writeConfig(own, simulator, backend, port),
                    port,
                    options.getOrDefault("heap", "128m"),
                    jvmOptions(options),
                    own);
        }
    }

    /** What one jar did in one mode over all its slices. */
    private static final class Result {
        final String jar;
        final Samples samples = new Samples();
        long cpuNanos;
        final List<Wrk.Run> wrkRuns = new ArrayList<>();
        long misrouted;
        long checked;
        String validity = "";

        double perSecond() {
            if (wrkRuns.isEmpty()) {
                return samples.perSecond();
            }
            return wrkRuns.stream().mapToLong(Wrk.Run::requests).sum()
                    / wrkRuns.stream().mapToDouble(Wrk.Run::seconds).sum();
        }

        long count() {
            return wrkRuns.isEmpty()
                    ? samples.count()
                    : wrkRuns.stream().mapToLong(Wrk.Run::requests).sum();
        }

        long failures() {
            return wrkRuns.isEmpty()
                    ? samples.failures()
                    : wrkRuns.stream().mapToLong(Wrk.Run::errors).sum();
        }

        double elapsedNanos() {
            return wrkRuns.isEmpty()
                    ? samples.elapsedNanos()
                    : wrkRuns.stream().mapToDouble(Wrk.Run::seconds).sum() * 1e9;
        }

        /** The latency at p50, p90 or p99: over all answers, or with wrk the median of its runs' figures. */
        double millis(double quantile) {
            if (wrkRuns.isEmpty()) {
                return samples.millis(quantile);
            }
            double[] each = wrkRuns.stream()
                    .mapToDouble(run -> quantile == 0.5 ? run.p50() : quantile == 0.9 ? run.p90() : run.p99())
                    .sorted()
                    .toArray();
            return each[each.length / 2];
        }

        Result(String jar) {
            this.jar = jar;
        }
    }

    private static void load(Setup setup, List<Path> jars, boolean single) throws Exception {
        List<AggregatorProcess> aggregators = new ArrayList<>();
        List<Result> results = new ArrayList<>();
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try {
            for (int i = 0; i < jars.size(); i++) {
                AggregatorProcess aggregator = setup.start(jars.get(i), i);
                aggregators.add(aggregator);
                results.add(new Result(jars.get(i).getFileName().toString()));
                aggregator.awaitOk(aggregator.baseUrl().resolve("/discovery"), Duration.ofSeconds(60));
            }
            Duration slice = Duration.ofSeconds(setup.option("seconds", 10));
            Duration warmup = Duration.ofSeconds(setup.option("warmup", 20));
            int rounds = setup.option("rounds", 3);
            for (AggregatorProcess aggregator : aggregators) {
                Result ignored = new Result("warm-up");
                if (single) {
                    singleTarget(setup, client, aggregator, warmup, ignored);
                } else {
                    endpoint(setup, client, aggregator, setup.option("requests", 10) / 2, ignored);
                }
            }
            for (int round = 0; round < rounds; round++) {
                for (int k = 0; k < aggregators.size(); k++) {
                    int i = round % 2 == 0 ? k : aggregators.size() - 1 - k;
                    AggregatorProcess aggregator = aggregators.get(i);
                    Result result = results.get(i);
                    long cpu = aggregator.cpu().toNanos();
                    if (single && usesWrk(setup)) {
                        result.wrkRuns.add(Wrk.run(
                                aggregator.baseUrl(), paths(setup), setup.option("workers", 16), slice, setup.dir()));
                    } else if (single) {
                        singleTarget(setup, client, aggregator, slice, result);
                    } else {
                        endpoint(setup, client, aggregator, setup.option("requests", 10), result);
                    }
                    result.cpuNanos += aggregator.cpu().toNanos() - cpu;
                }
            }
            for (int i = 0; i < aggregators.size(); i++) {
                if (!single) {
                    results.get(i).validity = validity(setup, client, aggregators.get(i));
                } else if (usesWrk(setup)) {
                    for (SimulatedInstance instance : setup.instances()) {
                        fetchOne(client, aggregators.get(i), instance, true, System.nanoTime(), results.get(i));
                    }
                }
            }
            report(setup, single, aggregators, results);
        } finally {
            for (AggregatorProcess aggregator : aggregators) {
                aggregator.close();
            }
        }
    }

    private static boolean usesWrk(Setup setup) {
        return setup.options().getOrDefault("loader", "wrk").equals("wrk")
                && !setup.options().containsKey("rate");
    }

    private static List<String> paths(Setup setup) {
        return setup.instances().stream()
                .map(instance -> instance.proxiedUrl(URI.create("http://x")).getPath())
                .toList();
    }

    /** Closed loop (or a fixed rate with {@code --rate}) over the instances' single-target URLs. */
    private static void singleTarget(
            Setup setup, HttpClient client, AggregatorProcess aggregator, Duration duration, Result result)
            throws InterruptedException {
        int workers = setup.option("workers", 16);
        String rate = setup.options().get("rate");
        long period = rate == null ? 0 : (long) (1e9 / Double.parseDouble(rate));
        AtomicLong next = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        for (int w = 0; w < workers; w++) {
            pool.execute(() -> {
                while (true) {
                    long n = next.getAndIncrement();
                    long due = period == 0 ? System.nanoTime() : start + n * period;
                    if (due >= end) {
                        return;
                    }
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        sleep(wait);
                    }
                    SimulatedInstance instance =
                            setup.instances().get((int) (n % setup.instances().size()));
                    fetchOne(client, aggregator, instance, n % 17 == 0, due, result);
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(duration.plus(TIMEOUT).toSeconds() + 5, TimeUnit.SECONDS)) {
            pool.shutdownNow();
        }
        result.samples.addElapsed(System.nanoTime() - start);
    }

    private static void fetchOne(
            HttpClient client,
            AggregatorProcess aggregator,
            SimulatedInstance instance,
            boolean check,
            long due,
            Result result) {
        HttpRequest request = HttpRequest.newBuilder(instance.proxiedUrl(aggregator.baseUrl()))
                .header("Accept", PROMETHEUS_ACCEPT)
                .header("Accept-Encoding", "gzip")
                .timeout(TIMEOUT)
                .build();
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            long latency = System.nanoTime() - due;
            if (response.statusCode() != 200) {
                result.samples.failure();
                return;
            }
            result.samples.success(latency, response.body().length);
            if (check) {
                String body = new String(gunzipIfNeeded(response), StandardCharsets.UTF_8);
                synchronized (result) {
                    result.checked++;
                    if (!body.contains(RealisticBody.marker(instance.instanceHeader()))) {
                        result.misrouted++;
                    }
                }
            }
        } catch (IOException e) {
            result.samples.failure();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code requests} {@code /metrics} one after the other, each read to its end. */
    private static void endpoint(
            Setup setup, HttpClient client, AggregatorProcess aggregator, int requests, Result result)
            throws InterruptedException {
        long start = System.nanoTime();
        for (int r = 0; r < requests; r++) {
            long begin = System.nanoTime();
            try {
                HttpResponse<InputStream> response =
                        client.send(metricsRequest(aggregator), HttpResponse.BodyHandlers.ofInputStream());
                long bytes;
                try (InputStream body = response.body()) {
                    bytes = body.transferTo(java.io.OutputStream.nullOutputStream());
                }
                if (response.statusCode() == 200) {
                    result.samples.success(System.nanoTime() - begin, (int) Math.min(Integer.MAX_VALUE, bytes));
                } else {
                    result.samples.failure();
                }
            } catch (IOException e) {
                result.samples.failure();
            }
        }
        result.samples.addElapsed(System.nanoTime() - start);
    }

    private static HttpRequest metricsRequest(AggregatorProcess aggregator) {
        return HttpRequest.newBuilder(aggregator.baseUrl().resolve("/metrics"))
                .header("Accept", PROMETHEUS_ACCEPT)
                .header("Accept-Encoding", "gzip")
                .timeout(TIMEOUT)
                .build();
    }

    /** One more {@code /metrics}, decompressed and checked: complete, and no parse error in promtool. */
    private static String validity(Setup setup, HttpClient client, AggregatorProcess aggregator)
            throws InterruptedException {
        byte[] body;
        try {
            HttpResponse<byte[]> response =
                    client.send(metricsRequest(aggregator), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                return "answered " + response.statusCode();
            }
            body = gunzipIfNeeded(response);
        } catch (IOException e) {
            return "failed: " + e;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        int up = count(text, "\npromregator_up{");
        int upOne = 0;
        int samples = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("promregator_up{") && line.endsWith(" 1")) {
                upOne++;
            } else if (line.startsWith("app_")) {
                samples++;
            }
        }
        String verdict;
        try {
            Promtool.Result promtool = Promtool.checkMetrics(body);
            verdict = promtool.parseErrors().isEmpty()
                    ? "no parse error (exit " + promtool.exitCode() + ", "
                            + promtool.lintProblems().size() + " lint lines)"
                    : promtool.parseErrors().get(0);
        } catch (AssertionError missing) {
            verdict = "not run: " + missing.getMessage();
        }
        return String.format(
                "%,d bytes; promregator_up %d of %d instances (%d up); %,d of %,d app samples; promtool: %s",
                body.length,
                up,
                setup.instances().size(),
                upOne,
                samples,
                setup.instances().size() * RealisticBody.SAMPLES,
                verdict);
    }

    private static void ready(Setup setup, List<Path> jars) throws Exception {
        int rounds = setup.option("rounds", 3);
        Map<String, List<long[]>> times = new LinkedHashMap<>();
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String complete = "\"__metrics_path__\":\"/singleTargetMetrics/";
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < jars.size(); k++) {
                int i = round % 2 == 0 ? k : jars.size() - 1 - k;
                long start = System.nanoTime();
                try (AggregatorProcess aggregator = setup.start(jars.get(i), i)) {
                    long ready = poll(client, aggregator.baseUrl().resolve("/-/ready"), null, 0);
                    long discovered = poll(
                            client,
                            aggregator.baseUrl().resolve("/discovery"),
                            complete,
                            setup.instances().size());
                    times.computeIfAbsent(jars.get(i).getFileName().toString(), j -> new ArrayList<>())
                            .add(new long[] {ready - start, discovered - start});
                }
            }
        }
        System.out.println("| Jar | Start → /-/ready 200, ms | Start → /discovery complete, ms |");
        System.out.println("|---|---|---|");
        times.forEach((jar, list) -> System.out.printf(
                "| %s | %s | %s |%n",
                jar,
                millis(list.stream().mapToLong(t -> t[0]).toArray()),
                millis(list.stream().mapToLong(t -> t[1]).toArray())));
    }

    /** Polls every 10 ms until {@code url} answers 200 (and, if given, lists {@code count} × {@code what}). */
    private static long poll(HttpClient client, URI url, String what, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = client.send(
                        HttpRequest.newBuilder(url).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && (what == null || count(response.body(), what) >= count)) {
                    return System.nanoTime();
                }
            } catch (IOException notListeningYet) {
                // the JVM is still starting
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException(url + " not ready within " + TIMEOUT);
    }

    private static void report(Setup setup, boolean single, List<AggregatorProcess> aggregators, List<Result> results)
            throws IOException, InterruptedException {
        String unit = single ? "scrape" : "/metrics";
        System.out.printf(
                "| Jar | %s per second | p50 ms | p90 ms | p99 ms | Failed | CPU per %s, ms | Cores used | Peak heap"
                        + " in use, MB | Heap after full GC, MB | Peak RSS, MB |%n",
                single ? "Scrapes" : "Requests", unit);
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (int i = 0; i < aggregators.size(); i++) {
            AggregatorProcess aggregator = aggregators.get(i);
            Result result = results.get(i);
            aggregator.jcmd("GC.run");
            Thread.sleep(500);
            GcLog gc = aggregator.gcLog();
            System.out.printf(
                    "| %s | %,.1f | %.1f | %.1f | %.1f | %d | %.3f | %.2f | %d | %d | %d |%n",
                    result.jar,
                    result.perSecond(),
                    result.millis(0.5),
                    result.millis(0.9),
                    result.millis(0.99),
                    result.failures(),
                    result.count() == 0 ? Double.NaN : result.cpuNanos / 1e6 / result.count(),
                    result.cpuNanos / result.elapsedNanos(),
                    gc.peakBeforeMb(),
                    gc.lastFullAfterMb(),
                    aggregator.status("VmHWM") / 1024);
        }
        System.out.println();
        for (Result result : results) {
            if (single) {
                System.out.printf(
                        "%s: %,d scrapes, %,d checked, %d mis-routed; mean answer %,.0f bytes%n",
                        result.jar, result.count(), result.checked, result.misrouted, result.samples.meanBytes());
            } else {
                System.out.printf("%s: %s%n", result.jar, result.validity);
            }
        }
        System.out.printf(
                "harness JVM CPU %.1f s; %s%n",
                ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                                .getProcessCpuTime()
                        / 1e9,
                setup.options());
    }

    private static String millis(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format(
                "median %d (%s)",
                sorted[sorted.length / 2] / 1_000_000,
                String.join(
                        ", ",
                        Arrays.stream(nanos)
                                .mapToObj(n -> Long.toString(n / 1_000_000))
                                .toList()));
    }

    private static byte[] gunzipIfNeeded(HttpResponse<byte[]> response) throws IOException {
        if (response.headers().firstValue("Content-Encoding").orElse("").equals("gzip")) {
            try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(response.body()))) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                in.transferTo(out);
                return out.toByteArray();
            }
        }
        return response.body();
    }

    /** Apps of one instance, 10 spaces to an org and 30, 25, 20 or 10 apps to a space, whichever fits. */
    private static Foundation foundation(int instances) {
        for (int apps : new int[] {30, 25, 20, 10}) {
            if (instances % (apps * 10) == 0) {
                return Foundation.large(instances / (apps * 10), 10, apps, 1);
            }
        }
        throw new IllegalArgumentException("instances must be a multiple of 100: " + instances);
    }

    private static Path writeConfig(Path dir, CfSimulator simulator, NginxBackend backend, int port)
            throws IOException {
        Path config = dir.resolve("promregator.yml");
        Files.writeString(
                config, """
                cf:
                  api_host: %s
                  username: promregator
                  password: secret
                promregator:
                  scraping:
                    proxy:
                      host: 127.0.0.1
                      port: %d
                  targets:
                    - orgRegex: org-.*
                      protocol: http
                logging:
                  level:
                    root: WARN
                server:
                  address: 127.0.0.1
                  port: %d
                """.formatted(simulator.apiUrl(), backend.address().getPort(), port));
        return config;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int count(String text, String what) {
        int count = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
            count++;
        }
        return count;
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static List<String> jvmOptions(Map<String, String> options) {
        String value = options.getOrDefault("jvmOptions", "");
        return value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("options are --name=value. Found: " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return options;
    }
}
