package io.promregator.core.metrics;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Histogram;
import io.promregator.core.ExpositionMerger.MergeResult;
import io.promregator.core.ScrapeResult;
import io.promregator.core.Target;
import java.util.Locale;

/**
 * Promregator's own metrics, in a registry of their own (never the JVM-wide default one, so that an
 * embedding application's metrics and ours stay apart). Served on {@code /promregatorMetrics}.
 * Thread-safe.
 *
 * <p>Per-target series carry the original's label names {@code org_name}, {@code space_name},
 * {@code app_name}, {@code cf_instance_id}, {@code cf_instance_number}, taken from the target's labels
 * (empty when it has none; {@code cf_instance_id} then falls back to the target's id).
 */
public final class OwnMetrics {
    static final String[] TARGET_LABELS = {"org_name", "space_name", "app_name", "cf_instance_id", "cf_instance_number"
    };

    private final CollectorRegistry registry = new CollectorRegistry(true);
    private final Counter requestFailure;
    private final Histogram requestSize;
    private final Histogram requestLatency;
    private final Counter scrapes;
    private final Counter typeConflicts;
    private final Counter duplicateSeries;

    /** @param recordLatency whether to record the per-target latency histogram (high cardinality) */
    public OwnMetrics(boolean recordLatency) {
        requestFailure = Counter.build("promregator_request_failure", "Failed scrapes of a target.")
                .labelNames(TARGET_LABELS)
                .register(registry);
        requestSize = Histogram.build("promregator_request_size_bytes", "Size of the body a target answered with.")
                .labelNames(TARGET_LABELS)
                .exponentialBuckets(100, 1.5, 16)
                .register(registry);
        requestLatency = recordLatency
                ? Histogram.build("promregator_request_latency_seconds", "Time to scrape a target.")
                        .labelNames(TARGET_LABELS)
                        .register(registry)
                : null;
        scrapes = Counter.build("promregator_scrapes", "Scrapes of targets, by outcome.")
                .labelNames("outcome")
                .register(registry);
        typeConflicts = Counter.build(
                        "promregator_merge_type_conflicts",
                        "Metric families dropped from a merged exposition because an earlier target declared "
                                + "the family with another type.")
                .register(registry);
        duplicateSeries = Counter.build(
                        "promregator_merge_duplicate_series",
                        "Samples dropped from a merged exposition because an earlier sample had the same name and labels.")
                .register(registry);
    }

    public CollectorRegistry registry() {
        return registry;
    }

    /** Records one finished scrape. */
    public void recordScrape(ScrapeResult result) {
        String[] labels = targetLabelValues(result.target());
        scrapes.labels(result.outcome().name().toLowerCase(Locale.ROOT)).inc();
        if (result.isUp()) {
            requestSize.labels(labels).observe(result.bodyBytes());
        } else {
            requestFailure.labels(labels).inc();
        }
        if (requestLatency != null) {
            requestLatency.labels(labels).observe(result.duration().toNanos() / 1e9);
        }
    }

    /** Records the conflicts one merge resolved. */
    public void recordMerge(MergeResult merge) {
        typeConflicts.inc(merge.typeConflicts());
        duplicateSeries.inc(merge.duplicateSeries());
    }

    static String[] targetLabelValues(Target target) {
        String[] values = new String[TARGET_LABELS.length];
        for (int i = 0; i < TARGET_LABELS.length; i++) {
            String value = target.labels().get(TARGET_LABELS[i]);
            values[i] = value == null ? "" : value;
        }
        if (values[3].isEmpty()) {
            values[3] = target.id();
        }
        return values;
    }
}
