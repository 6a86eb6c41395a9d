package com.example.shop;

import io.promregator.core.Configuration;
import io.promregator.core.Promregator;
import io.promregator.core.Target;
import io.promregator.core.target.StaticTargetResolver;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An application that runs the aggregator inside its own JVM: it knows its worker endpoints itself,
 * so it hands them over as static targets instead of asking a Cloud Controller.
 */
public final class ShopMonitoring implements AutoCloseable {
    private final Promregator promregator;

    /**
     * @param workers the metrics URLs of the shop's workers, one per instance
     * @param port where to serve /metrics; 0 picks a free port
     */
    public ShopMonitoring(List<URI> workers, int port) {
        List<Target> targets = new ArrayList<>();
        for (int index = 0; index < workers.size(); index++) {
            URI url = workers.get(index);
            targets.add(new Target(
                    url.toString(),
                    url,
                    Target.cfLabels("shop-org", "production", "shop-worker", "worker", index),
                    Map.of()));
        }
        // Settings can come from a promregator.yml too: Configuration.load(path, System.getenv()).
        Configuration config = Configuration.parse("""
                promregator:
                  scraping:
                    maxProcessingTime: 2000
                    threads: 10
                """, Map.of());
        promregator = Promregator.builder()
                .config(config)
                .targetResolver(new StaticTargetResolver(targets))
                .address("127.0.0.1")
                .port(port)
                .buildAndStart();
    }

    public int port() {
        return promregator.port();
    }

    @Override
    public void close() {
        promregator.close();
    }

    public static void main(String[] args) throws InterruptedException {
        List<URI> workers =
                List.of(URI.create("http://127.0.0.1:9101/metrics"), URI.create("http://127.0.0.1:9102/metrics"));
        try (ShopMonitoring monitoring = new ShopMonitoring(workers, 8080)) {
            System.out.println("Serving http://127.0.0.1:" + monitoring.port() + "/metrics; Ctrl-C stops.");
            Thread.currentThread().join();
        }
    }
}
