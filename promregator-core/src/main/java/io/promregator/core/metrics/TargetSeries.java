package io.promregator.core.metrics;

import io.prometheus.client.Collector;
import io.prometheus.client.Counter;
import io.prometheus.client.Histogram;
import io.promregator.core.ScrapeResult;
import io.promregator.core.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The series Promregator keeps per target: failures, body sizes and (optionally) latencies, labelled with
 * the original's {@code org_name}, {@code space_name}, {@code app_name}, {@code cf_instance_id} and
 * {@code cf_instance_number} (each after an optional prefix). A target not scraped for the timeout loses
 * its series: checked on every collection, and on recording at most every minute. Thread-safe.
 *
 * <p>No {@code promregator_up} or {@code promregator_scrape_duration_seconds} here: those belong to the
 * scrape's own response ({@code /metrics}, {@code /singleTargetMetrics}), as in the original, so that
 * Prometheus stores each series once and not a second time through {@code /promregatorMetrics}.
 */
final class TargetSeries extends Collector {
    static final String[] LABEL_NAMES = {"org_name", "space_name", "app_name", "cf_instance_id", "cf_instance_number"};
    private static final long SWEEP_INTERVAL_NANOS = Duration.ofMinutes(1).toNanos();

    private final Counter failures;
    private final Histogram sizes;
    private final Histogram latencies;
    private final long timeoutNanos;
    private final LongSupplier nanoTime;
    private final Map<List<String>, Long> lastSeen = new ConcurrentHashMap<>();
    private volatile long lastSweep;

    TargetSeries(OwnMetricsSettings settings) {
        String[] labelNames = Arrays.stream(LABEL_NAMES)
                .map(name -> settings.labelNamePrefix() + name)
                .toArray(String[]::new);
        failures = Counter.build("promregator_request_failure", "Failed scrapes of a target.")
                .labelNames(labelNames)
                .create();
        sizes = Histogram.build("promregator_request_size", "Size of the body a target answered with.")
                .unit("bytes")
                .labelNames(labelNames)
                .exponentialBuckets(100, 1.5, 16)
                .create();
        latencies = settings.requestLatency()
                ? Histogram.build("promregator_request_latency", "Time to scrape a target.")
                        .unit("seconds")
                        .labelNames(labelNames)
                        .create()
                : null;
        timeoutNanos = settings.targetTimeout().toNanos();
        nanoTime = settings.nanoTime();
        lastSweep = nanoTime.getAsLong();
    }

    void record(ScrapeResult result) {
        String[] labels = labelValues(result.target());
        long now = nanoTime.getAsLong();
        // Seen first: a concurrent expiry then either ran before (and the children below are new) or keeps it.
        lastSeen.put(List.of(labels), now);
        if (result.isUp()) {
            sizes.labels(labels).observe(result.bodyBytes());
        } else {
            failures.labels(labels).inc();
        }
        if (latencies != null) {
            latencies.labels(labels).observe(result.duration().toNanos() / NANOSECONDS_PER_SECOND);
        }
        if (now - lastSweep >= SWEEP_INTERVAL_NANOS) {
            expire(now);
        }
    }

    /** Removes the series of every target not scraped for the timeout. */
    void expire(long now) {
        lastSweep = now;
        for (List<String> key : List.copyOf(lastSeen.keySet())) {
            lastSeen.computeIfPresent(key, (labels, seen) -> {
                if (now - seen < timeoutNanos) {
                    return seen;
                }
                String[] values = labels.toArray(String[]::new);
                failures.remove(values);
                sizes.remove(values);
                if (latencies != null) {
                    latencies.remove(values);
                }
                return null;
            });
        }
    }

    /** The targets whose series are kept. */
    int size() {
        return lastSeen.size();
    }

    @Override
    public List<MetricFamilySamples> collect() {
        expire(nanoTime.getAsLong());
        List<MetricFamilySamples> families = new ArrayList<>(failures.collect());
        families.addAll(sizes.collect());
        if (latencies != null) {
            families.addAll(latencies.collect());
        }
        return families;
    }

    /** The target's labels of these names; {@code cf_instance_id} falls back to the target's id, redacted. */
    static String[] labelValues(Target target) {
        String[] values = new String[LABEL_NAMES.length];
        for (int i = 0; i < LABEL_NAMES.length; i++) {
            String value = target.labels().get(LABEL_NAMES[i]);
            values[i] = value == null ? "" : value;
        }
        if (values[3].isEmpty()) {
            values[3] = Target.redacted(target.id()); // a static target's id is its URL, which may hold a secret
        }
        return values;
    }
}
