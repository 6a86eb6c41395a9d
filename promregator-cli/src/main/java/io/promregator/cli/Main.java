package io.promregator.cli;

import io.promregator.core.Promregator;
import io.promregator.core.cf.CfDiscovery;
import io.promregator.core.cf.discovery.Discovery;
import io.promregator.core.cf.simulator.CfSimulator;
import io.promregator.core.cf.simulator.Foundation;
import io.promregator.core.config.ConfigLoader;
import io.promregator.core.config.ConfigurationException;
import io.promregator.core.config.PromregatorConfig;
import io.promregator.core.server.DiscoveryControls;
import io.promregator.core.server.PromregatorServer;
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
        // Before anything loads ForkJoinPool or the JDK's HTTP server (see README, Performance). With fewer
        // than 3 cores the common pool has one thread, and CompletableFuture, through which the JDK's
        // HttpClient completes every response, then starts a new thread for each.
        if (Runtime.getRuntime().availableProcessors() <= 2) {
            System.getProperties().putIfAbsent("java.util.concurrent.ForkJoinPool.common.parallelism", "2");
        }
        // TCP_NODELAY and request limits for the JDK's HTTP server, read when the JVM's first one starts: the
        // simulator of --demo starts before ours.
        PromregatorServer.prepareJvm();
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
        PromregatorConfig config = load(file);
        Promregator.check(config); // what start-up checks, without connecting or binding
        out.println(file + ": valid");
        List<String> unimplemented = config.unimplementedKeys();
        if (!unimplemented.isEmpty()) {
            out.println("These keys are accepted but have no effect yet: " + String.join(", ", unimplemented));
        }
        return EXIT_OK;
    }

    /** One discovery with the configuration, and what each configured target found, and why not. */
    private static int explainTargets(Path file, PrintStream out) {
        PromregatorConfig config = load(file);
        if (config.promregator().targets().isEmpty()) {
            out.print(DiscoveryControls.NONE.explain());
            return EXIT_OK;
        }
        LogLevels.apply(config.logging().effectiveLevels());
        try (CfDiscovery discovery = CfDiscovery.fromConfig(config)) {
            Discovery result = discovery.resolver().discovery();
            out.print(result.explain());
            return result.error().isPresent() ? EXIT_FAILURE : EXIT_OK;
        }
    }

    private static PromregatorConfig load(Path file) {
        return ConfigLoader.load(file, System.getenv());
    }

    /**
     * The aggregator against a simulated foundation started in this process: Cloud Controller, UAA and
     * gorouter on 127.0.0.1, with apps in every state. Listens on 127.0.0.1 ($PORT, else 8080).
     */
    private static int demo() {
        CfSimulator simulator = CfSimulator.builder()
                .user(DEMO_USER, DEMO_PASSWORD)
                .foundation(Foundation.demo())
                .start();
        PromregatorConfig config = ConfigLoader.load(
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
        return serve(config, simulator);
    }

    /** Runs until SIGTERM or Ctrl-C, then stops gracefully. */
    private static int serve(PromregatorConfig config, CfSimulator demo) {
        LogLevels.apply(config.logging().effectiveLevels());
        if (!config.unimplementedKeys().isEmpty()) {
            logger.warn(
                    "These configuration keys are accepted but have no effect in this version: {}",
                    String.join(", ", config.unimplementedKeys()));
        }
        if (config.promregator().staticTargets().isEmpty()
                && config.promregator().targets().isEmpty()) {
            logger.warn("No targets configured: /metrics will only carry Promregator's own series");
        }
        Promregator promregator = Promregator.builder().config(config).build().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            promregator.close();
                            if (demo != null) {
                                demo.close();
                            }
                            stopped.countDown();
                        },
                        "promregator-shutdown"));
        String scheme = config.server().ssl().active() ? "https://" : "http://";
        String base = scheme + displayHost(config) + ":" + promregator.port();
        logger.info(
                "Promregator {} is up: {}/metrics (merged targets), {}/promregatorMetrics (own metrics)",
                version(),
                base,
                base);
        if (demo != null) {
            System.out.println("Demo running against a simulated Cloud Foundry. Open:\n"
                    + "  " + base + "/metrics              every app instance, merged and labelled\n"
                    + "  " + base + "/explainTargets       what each configured target found, and why not\n"
                    + "  " + base + "/promregatorMetrics   Promregator's own metrics\n"
                    + "Ctrl-C stops.");
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

    private static String displayHost(PromregatorConfig config) {
        String address = config.server().address();
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
