package io.promregator.cli;

import io.promregator.core.Configuration;
import io.promregator.core.ConfigurationException;
import io.promregator.core.PrometheusSnippets;
import io.promregator.core.Promregator;
import io.promregator.simulator.CfSimulator;
import io.promregator.simulator.Foundation;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar promregator-cli.jar --config promregator.yml}: the aggregator as a process. */
public final class Main {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;

    static {
        // Before anything loads ForkJoinPool or the JDK's HTTP server (see docs/performance.md). With fewer
        // than 3 cores the common pool has one thread, and CompletableFuture, through which the JDK's
        // HttpClient completes every response, then starts a new thread for each.
        if (Runtime.getRuntime().availableProcessors() <= 2) {
            System.getProperties().putIfAbsent("java.util.concurrent.ForkJoinPool.common.parallelism", "2");
        }
        // TCP_NODELAY and request limits for the JDK's HTTP server, read when the JVM's first one starts: the
        // simulator of --demo starts before ours.
        Promregator.prepareJvm();
    }

    private static final Logger logger = LoggerFactory.getLogger(Main.class);
    private static final String DEMO_USER = "demo";
    private static final String DEMO_PASSWORD = "demo-password";
    /** The demo foundation's failures, all on purpose: each shows how a kind of failure looks. */
    static final String DEMO_FAILURES = """
            These failures of the demo are intentional (each "Target ... is down" WARN for them is expected):
              demo-org/production/shop/2             CRASHED instance: promregator_up 0, reason instance_not_running
              demo-org/production/billing/1          STARTING instance: reason instance_not_running
              demo-org/production/billing/2          DOWN instance: reason instance_not_running
              demo-org/staging/shop/1                STOPPING instance: reason instance_not_running
              platform-org/tools/secured-exporter/0  Basic auth, the demo sends no credentials: reason http_status (401)
              demo-org/production/reports, batch     not scraped (STOPPED, no route): see /explainTargets""";

    private Main() {}

    public static void main(String[] args) {
        int status = run(Arrays.asList(args), System.out, System.err);
        if (status != EXIT_OK) {
            System.exit(status);
        }
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("promregator: " + e.getMessage());
            err.println("Try --help.");
            return EXIT_USAGE;
        }
        try {
            return switch (arguments.command()) {
                case HELP -> print(out, Usage.TEXT);
                case VERSION -> print(out, "promregator " + version());
                case CHECK_CONFIG -> checkConfig(arguments.config().orElseThrow(), out);
                case EXPLAIN_TARGETS -> explainTargets(arguments.config().orElseThrow(), out);
                case RUN -> serve(load(arguments.config().orElseThrow()), null);
                case DEMO -> demo();
            };
        } catch (ConfigurationException e) {
            err.println("promregator: invalid configuration:");
            e.problems().forEach(problem -> err.println("  " + problem));
            return EXIT_USAGE;
        } catch (UncheckedIOException | IllegalArgumentException e) {
            err.println("promregator: " + e.getMessage());
            return EXIT_FAILURE;
        }
    }

    private static int print(PrintStream out, String text) {
        out.println(text.strip());
        return EXIT_OK;
    }

    private static int checkConfig(Path file, PrintStream out) {
        Configuration config = load(file);
        Promregator.check(config); // what start-up checks, without connecting or binding
        out.println(file + ": valid");
        List<String> unimplemented = config.unimplementedKeys();
        if (!unimplemented.isEmpty()) {
            out.println("These keys are accepted but have no effect yet: " + String.join(", ", unimplemented));
        }
        if (!config.removedKeys().isEmpty()) {
            out.println("These keys were removed from Promregator and are ignored:");
            config.removedKeys().forEach(line -> out.println("  " + line));
        }
        return EXIT_OK;
    }

    /** One discovery with the configuration, and what each configured target found, and why not. */
    private static int explainTargets(Path file, PrintStream out) {
        Configuration config = load(file);
        logging(config);
        Promregator.TargetsExplanation result = Promregator.explainTargets(config);
        out.print(result.text());
        return result.error().isPresent() ? EXIT_FAILURE : EXIT_OK;
    }

    /** The configuration's log format and levels. */
    private static void logging(Configuration config) {
        if (config.jsonLogs()) {
            LogFormat.useJson();
        }
        LogLevels.apply(config.logLevels());
    }

    private static Configuration load(Path file) {
        return Configuration.load(file, System.getenv());
    }

    /**
     * The aggregator against a simulated foundation started in this process: Cloud Controller, UAA and
     * gorouter on 127.0.0.1, with apps in every state. Listens on 127.0.0.1 ($PORT, else 8080).
     */
    private static int demo() {
        Foundation foundation = Foundation.demo();
        CfSimulator simulator = CfSimulator.builder()
                .user(DEMO_USER, DEMO_PASSWORD)
                .foundation(foundation)
                .start();
        Configuration config = Configuration.parse(
                """
                cf:
                  api_host: %s
                  username: %s
                  password: %s
                promregator:
                  scraping:
                    proxy:
                      host: %s
                      port: %d
                  targets:
                    - orgName: demo-org
                      kubernetesAnnotations: true
                      protocol: http
                    - orgRegex: .*
                      protocol: http
                server:
                  address: 127.0.0.1
                """.formatted(
                                simulator.apiUrl(),
                                DEMO_USER,
                                DEMO_PASSWORD,
                                simulator.gorouterProxy().getHostString(),
                                simulator.gorouterProxy().getPort()),
                System.getenv());
        String shop = foundation.application("demo-org", "production", "shop").id();
        return serve(config, new Demo(simulator, "/singleTargetMetrics/" + shop + "/0"));
    }

    /** The simulator of {@code --demo}, and the {@code /singleTargetMetrics} path of one of its instances. */
    private record Demo(CfSimulator simulator, String singleTargetPath) {}

    /** Runs until SIGTERM or Ctrl-C, then stops gracefully. */
    private static int serve(Configuration config, Demo demo) {
        logging(config);
        if (!config.unimplementedKeys().isEmpty()) {
            logger.warn(
                    "These configuration keys are accepted but have no effect in this version: {}",
                    String.join(", ", config.unimplementedKeys()));
        }
        if (!config.removedKeys().isEmpty()) {
            logger.warn(
                    "These configuration keys were removed from Promregator and are ignored: {}",
                    String.join(" | ", config.removedKeys()));
        }
        if (!config.hasStaticTargets() && !config.hasCloudFoundryTargets()) {
            logger.warn("No targets configured: /metrics will only carry Promregator's own series");
        }
        Promregator promregator = Promregator.builder().config(config).build().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            promregator.close();
                            if (demo != null) {
                                demo.simulator().close();
                            }
                            stopped.countDown();
                        },
                        "promregator-shutdown"));
        String scheme = config.https() ? "https" : "http";
        String hostPort = displayHost(config) + ":" + promregator.port();
        String base = scheme + "://" + hostPort;
        logger.info(
                "Promregator {} is up: {}/discovery (Single Target Scraping), {}/metrics (Single Endpoint"
                        + " Scraping), {}/promregatorMetrics (own metrics)",
                version(),
                base,
                base,
                base);
        if (demo != null) {
            System.out.print(demoBanner(scheme, hostPort, demo.singleTargetPath()));
        }
        if (demo != null) {
            System.out.println(DEMO_FAILURES);
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return EXIT_OK;
    }

    /** What {@code --demo} prints once it listens: where to look, and Prometheus' configuration for each mode. */
    static String demoBanner(String scheme, String hostPort, String singleTargetPath) {
        String base = scheme + "://" + hostPort;
        return """
                Demo running against a simulated Cloud Foundry. Open:
                  Single Target Scraping, one Prometheus target per app instance:
                    %1$s/discovery   the targets, for Prometheus' http_sd_configs
                    %1$s%2$s   one of them (/singleTargetMetrics/<appGuid>/<index>)
                  Single Endpoint Scraping, all app instances in one response:
                    %1$s/metrics   every app instance, merged and labelled
                  More:
                    %1$s/targets   every instance with the state of its last scrape
                    %1$s/explainTargets   what each configured target found, and why not
                    %1$s/promregatorMetrics   Promregator's own metrics

                Prometheus, Single Target Scraping (prometheus.yml):
                %3$s
                Prometheus, Single Endpoint Scraping (prometheus.yml):
                %4$s
                Ctrl-C stops.
                """.formatted(
                        base,
                        singleTargetPath,
                        PrometheusSnippets.singleTarget(scheme, hostPort).indent(2),
                        PrometheusSnippets.singleEndpoint(scheme, hostPort).indent(2));
    }

    private static String displayHost(Configuration config) {
        String address = config.serverAddress();
        return address.equals("0.0.0.0") || address.equals("::") ? "localhost" : address;
    }

    static String version() {
        try (InputStream in = Main.class.getResourceAsStream("/promregator-version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
