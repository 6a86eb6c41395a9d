package io.promregator.core.bench;

import io.promregator.simulator.CfSimulator;
import io.promregator.simulator.Foundation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A load harness (not a test): a simulated foundation of {@code Foundation.large(orgs, spaces, apps,
 * instances)} (default 5 × 10 × 10 apps × 2 instances: 1,000 instances) on 127.0.0.1, running until
 * killed, and a {@code promregator.yml} for the built jar that scrapes all of it through the simulated
 * gorouter, set up as docs/high-availability.md recommends. Used to measure the memory and throughput of
 * one aggregator instance.
 *
 * <pre>
 * java -cp ... io.promregator.core.bench.LargeFoundationSimulator /tmp/promregator-large.yml [5 10 10 2]
 * </pre>
 */
public final class LargeFoundationSimulator {
    private LargeFoundationSimulator() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        Path config = Path.of(args.length > 0 ? args[0] : "promregator-large.yml");
        int[] size = {5, 10, 10, 2};
        for (int i = 1; i < args.length && i <= size.length; i++) {
            size[i - 1] = Integer.parseInt(args[i]);
        }
        CfSimulator simulator = CfSimulator.builder()
                .user("promregator", "secret")
                .foundation(Foundation.large(size[0], size[1], size[2], size[3]))
                .start();
        Files.writeString(config, """
                cf:
                  api_host: %s
                  username: promregator
                  password: secret
                server:
                  address: 127.0.0.1
                promregator:
                  discovery:
                    hostname: promregator.apps.example.com
                    port: 80
                    ownMetricsEndpoint: false
                  scraping:
                    proxy:
                      host: 127.0.0.1
                      port: %d
                  targets:
                    - orgRegex: org-.*
                      protocol: http
                """.formatted(
                        simulator.apiUrl(), simulator.gorouterProxy().getPort()));
        System.out.printf(
                "%d instances; API %s, gorouter 127.0.0.1:%d; wrote %s%n",
                size[0] * size[1] * size[2] * size[3],
                simulator.apiUrl(),
                simulator.gorouterProxy().getPort(),
                config);
        Thread.currentThread().join(); // until killed
    }
}
