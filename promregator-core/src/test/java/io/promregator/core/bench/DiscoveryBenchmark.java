package io.promregator.core.bench;

import io.promregator.core.cf.discovery.CfDiscovery;
import io.promregator.core.config.ConfigLoader;
import io.promregator.core.config.PromregatorConfig;
import io.promregator.simulator.CfSimulator;
import io.promregator.simulator.Foundation;
import java.util.Arrays;
import java.util.Map;

/**
 * A load harness (not a test): discovery of 1,000 apps × 3 instances in 50 spaces of 5 orgs against
 * the simulated foundation on loopback. For each of ten runs a new discovery logs in and discovers
 * cold; it prints the Cloud Controller and UAA requests made and the median and worst wall time, then
 * the time of a discovery served from the caches.
 */
public final class DiscoveryBenchmark {
    private static final int RUNS = 10;

    private DiscoveryBenchmark() {}

    public static void main(String[] args) {
        try (CfSimulator simulator = CfSimulator.builder()
                .user("promregator", "secret")
                .foundation(Foundation.large(5, 10, 20, 3))
                .start()) {
            PromregatorConfig config = ConfigLoader.load("""
                    cf:
                      api_host: %s
                      username: promregator
                      password: secret
                    promregator:
                      targets:
                        - orgRegex: org-.*
                          protocol: http
                    """.formatted(simulator.apiUrl()), Map.of());
            long[] coldNanos = new long[RUNS];
            int instances = 0;
            long ccRequests = 0;
            long tokenRequests = 0;
            for (int run = 0; run < RUNS + 2; run++) { // two warm-up runs for the JIT
                simulator.resetCounters();
                long start = System.nanoTime();
                try (CfDiscovery discovery = CfDiscovery.fromConfig(config)) {
                    instances = discovery.resolver().resolve().size();
                    if (run >= 2) {
                        coldNanos[run - 2] = System.nanoTime() - start;
                    }
                    ccRequests = simulator.ccRequestCount();
                    tokenRequests = simulator.tokenRequestCount();
                    if (run == RUNS + 1) {
                        long warmStart = System.nanoTime();
                        discovery.resolver().resolve();
                        System.out.printf(
                                "cached discovery: %.3f ms, %d further requests%n",
                                (System.nanoTime() - warmStart) / 1e6, simulator.ccRequestCount() - ccRequests);
                    }
                }
            }
            Arrays.sort(coldNanos);
            System.out.printf(
                    "cold discovery of %d instances: %d Cloud Controller requests, %d token request(s)%n",
                    instances, ccRequests, tokenRequests);
            System.out.printf(
                    "wall time over %d runs: median %.0f ms, worst %.0f ms%n",
                    RUNS, coldNanos[RUNS / 2] / 1e6, coldNanos[RUNS - 1] / 1e6);
        }
    }
}
