package io.promregator.core.bench;

import io.promregator.core.bench.LoadGenerator.Way;
import io.promregator.simulator.CfSimulator;
import io.promregator.simulator.Foundation;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A load harness (not a test): Single Target Scraping of 1,000 app instances (5 orgs × 10 spaces × 20 apps
 * × 1 instance) behind the simulated foundation, against fetching the same instances directly through the
 * gorouter with {@code X-CF-APP-INSTANCE}, side by side in one run. The simulator and the load generator
 * run in this JVM; the aggregator is the built {@code promregator-cli.jar} in a process of its own with a
 * fixed heap. After a warm-up, each load runs in slices that alternate direct and proxied (direct first in
 * odd rounds, proxied first in even ones), so drift hits both alike. Prints Markdown tables and stops by
 * itself.
 *
 * <p>Options, as {@code --name=value}: {@code jar}; {@code heap} (128m); {@code warmup} (seconds, 60);
 * {@code rounds} (3); {@code workers} (16,64; the warm-up uses the most) and {@code slice} (seconds, 10);
 * {@code rates} (per second, 67,400,1000) and {@code rateSlice} (seconds, 15); {@code gzip} (true: ask for
 * gzip as Prometheus does); {@code jvmOptions} (more options for the aggregator's JVM);
 * {@code scrapingThreads} and {@code serverThreads} for the aggregator's {@code promregator.scraping.threads}
 * and {@code server.tomcat.threads.max} (unset: the original's defaults, 5 and 16).
 */
public final class SingleTargetBenchmark {
    private SingleTargetBenchmark() {}

    public static void main(String[] args) throws Exception {
        // Before anything loads ForkJoinPool: with its default of one thread on 2 cores, CompletableFuture and so
        // the HttpClient of the load generator would start a thread per response (the CLI sets the same).
        if (Runtime.getRuntime().availableProcessors() <= 2) {
            System.getProperties().putIfAbsent("java.util.concurrent.ForkJoinPool.common.parallelism", "2");
        }
        Map<String, String> options = options(args);
        // The real gorouter (Go) answers with TCP_NODELAY; without it the JDK server's separate header and body
        // writes meet the client's delayed ACK and every answer waits about 40 ms.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Path jar = Path.of(options.getOrDefault("jar", "promregator-cli/target/promregator-cli.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(jar + " is missing: build it with mvn -B -q package -DskipTests");
        }
        Duration slice = Duration.ofSeconds(Long.parseLong(options.getOrDefault("slice", "10")));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        Duration rateSlice = Duration.ofSeconds(Long.parseLong(options.getOrDefault("rateSlice", "15")));
        Duration warmup = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "60")));
        Foundation foundation = Foundation.large(5, 10, 20, 1);
        List<SimulatedInstance> instances = SimulatedInstance.all(foundation);
        Path dir = Files.createTempDirectory("single-target-benchmark");
        try (CfSimulator simulator = CfSimulator.builder()
                        .user("promregator", "secret")
                        .foundation(foundation)
                        .start();
                AggregatorProcess aggregator = AggregatorProcess.start(
                        jar,
                        writeConfig(dir, simulator, options),
                        freePort(options),
                        options.getOrDefault("heap", "128m"),
                        jvmOptions(options),
                        dir)) {
            aggregator.awaitOk(aggregator.baseUrl().resolve("/-/ready"), Duration.ofSeconds(60));
            aggregator.awaitOk(instances.get(0).proxiedUrl(aggregator.baseUrl()), Duration.ofSeconds(60));
            int discovered = count(aggregator.get("/discovery"), "\"__metrics_path__\":\"/singleTargetMetrics/");
            System.out.printf(
                    "%d instances in the simulator, %d discovered by the aggregator (pid %d, -Xmx%s, output and "
                            + "GC log in %s); %d cores shared by load generator, simulator and aggregator%n",
                    instances.size(),
                    discovered,
                    aggregator.pid(),
                    options.getOrDefault("heap", "128m"),
                    dir,
                    Runtime.getRuntime().availableProcessors());
            boolean gzip = Boolean.parseBoolean(options.getOrDefault("gzip", "true"));
            LoadGenerator load = new LoadGenerator(instances, simulator.gorouterProxy(), aggregator.baseUrl(), gzip);
            List<Integer> workerCounts = list(options.getOrDefault("workers", "16,64")).stream()
                    .map(Integer::parseInt)
                    .toList();
            int warmupWorkers = workerCounts.stream().max(Integer::compare).orElse(16);
            Samples warm = new Samples();
            for (Way way : Way.values()) {
                warm.addAll(load.closedLoop(way, warmupWorkers, warmup.dividedBy(2)));
            }
            System.out.printf(
                    "warm-up: %d fetches, %d failed; aggregator: promregator.scraping.threads %s, "
                            + "server.tomcat.threads.max %s%n",
                    warm.count(),
                    warm.failures(),
                    options.getOrDefault("scrapingThreads", "5 (default)"),
                    options.getOrDefault("serverThreads", "16 (default)"));
            Map<String, Long> outcomesBefore = outcomes(aggregator.get("/promregatorMetrics"));
            AtomicLong maxThreads = new AtomicLong();
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(
                    () -> maxThreads.accumulateAndGet(aggregator.status("Threads"), Math::max),
                    0,
                    250,
                    TimeUnit.MILLISECONDS);
            List<Comparison> comparisons = new ArrayList<>();
            for (int n : workerCounts) {
                comparisons.add(run(n + " workers", rounds, aggregator, way -> load.closedLoop(way, n, slice)));
            }
            for (String rate : list(options.getOrDefault("rates", "67,400,1000"))) {
                double perSecond = Double.parseDouble(rate);
                comparisons.add(
                        run(rate + " scrapes/s", rounds, aggregator, way -> load.fixedRate(way, perSecond, rateSlice)));
            }
            sampler.shutdownNow();
            Map<String, Long> outcomesAfter = outcomes(aggregator.get("/promregatorMetrics"));
            aggregator.jcmd("GC.run");
            Thread.sleep(500);
            MarkdownReport.print(
                    System.out,
                    comparisons,
                    aggregator,
                    maxThreads.get(),
                    difference(outcomesAfter, outcomesBefore),
                    String.format(
                            "Each load %d times per way, alternating: %d s with workers, %d s at a fixed rate",
                            rounds, slice.toSeconds(), rateSlice.toSeconds()));
        }
    }

    /** One slice of load in one way. */
    @FunctionalInterface
    interface Load {
        Samples run(Way way) throws InterruptedException;
    }

    private static Comparison run(String name, int rounds, AggregatorProcess aggregator, Load load)
            throws InterruptedException {
        Comparison comparison = new Comparison(name);
        for (int round = 0; round < rounds; round++) {
            List<Way> order = round % 2 == 0 ? List.of(Way.DIRECT, Way.PROXIED) : List.of(Way.PROXIED, Way.DIRECT);
            for (Way way : order) {
                long aggregatorCpu = aggregator.cpu().toNanos();
                long ownCpu = ownCpuNanos();
                Samples samples = load.run(way);
                comparison.add(way, samples, aggregator.cpu().toNanos() - aggregatorCpu, ownCpuNanos() - ownCpu);
            }
        }
        System.out.printf(
                "%s: direct %.0f/s, proxied %.0f/s%n",
                name, comparison.direct().perSecond(), comparison.proxied().perSecond());
        return comparison;
    }

    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static Path writeConfig(Path dir, CfSimulator simulator, Map<String, String> options) throws IOException {
        StringBuilder yaml = new StringBuilder();
        yaml.append("""
                cf:
                  api_host: %s
                  username: promregator
                  password: secret
                promregator:
                  scraping:
                    proxy:
                      host: %s
                      port: %d
                """.formatted(
                        simulator.apiUrl(),
                        simulator.gorouterProxy().getHostString(),
                        simulator.gorouterProxy().getPort()));
        if (options.containsKey("scrapingThreads")) {
            yaml.append("    threads: ").append(options.get("scrapingThreads")).append('\n');
        }
        yaml.append("""
                  targets:
                    - orgRegex: org-.*
                      protocol: http
                logging:
                  level:
                    root: WARN
                server:
                  address: 127.0.0.1
                  port: %d
                """.formatted(freePort(options)));
        if (options.containsKey("serverThreads")) {
            yaml.append("  tomcat:\n    threads:\n      max: ")
                    .append(options.get("serverThreads"))
                    .append('\n');
        }
        Path config = dir.resolve("promregator.yml");
        Files.writeString(config, yaml);
        return config;
    }

    /** A free port, chosen once per run and then the same on every call. */
    private static int freePort(Map<String, String> options) throws IOException {
        String known = options.get("port");
        if (known != null) {
            return Integer.parseInt(known);
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            options.put("port", Integer.toString(socket.getLocalPort()));
            return socket.getLocalPort();
        }
    }

    /** {@code promregator_scrapes_total} by outcome. */
    private static Map<String, Long> outcomes(String exposition) {
        Map<String, Long> outcomes = new LinkedHashMap<>();
        for (String line : exposition.split("\n")) {
            if (line.startsWith("promregator_scrapes_total{outcome=\"")) {
                String outcome = line.substring(line.indexOf('"') + 1, line.indexOf('"', line.indexOf('"') + 1));
                outcomes.put(outcome, (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
            }
        }
        return outcomes;
    }

    private static Map<String, Long> difference(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> difference = new LinkedHashMap<>();
        after.forEach((outcome, count) -> difference.put(outcome, count - before.getOrDefault(outcome, 0L)));
        return difference;
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
