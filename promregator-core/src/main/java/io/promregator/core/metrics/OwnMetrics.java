package io.promregator.core.metrics;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Info;
import io.promregator.core.ExpositionMerger.MergeResult;
import io.promregator.core.ScrapeResult;
import io.promregator.core.exposition.MetricType;
import java.util.Locale;
import java.util.Map;

/**
 * Promregator's own metrics, in a registry of their own (never the JVM-wide default one, so that an
 * embedding application's metrics and ours stay apart). Served on {@code /promregatorMetrics}.
 * Thread-safe.
 *
 * <p>Per target: {@code promregator_request_failure_total}, {@code promregator_request_size_bytes} and,
 * with {@link OwnMetricsSettings#requestLatency()}, {@code promregator_request_latency_seconds}, labelled
 * with the original's {@code org_name}, {@code space_name}, {@code app_name}, {@code cf_instance_id},
 * {@code cf_instance_number} (after {@link OwnMetricsSettings#labelNamePrefix()}), taken from the target's
 * labels (empty when it has none; {@code cf_instance_id} then falls back to the target's id), and removed
 * when the target has not been scraped for {@link OwnMetricsSettings#targetTimeout()}. Overall: scrapes by
 * outcome, merge conflicts, target parts left out of OpenMetrics responses, {@code promregator_instance_info}, the JVM and the process, and with
 * {@link OwnMetricsSettings#internal()} the {@link CloudControllerMetrics}.
 */
public final class OwnMetrics {
    private final OwnMetricsSettings settings;
    private final CollectorRegistry registry = new CollectorRegistry(true);
    private final TargetSeries targets;
    private final CloudControllerMetrics cloudController;
    private final Counter scrapes;
    private final Counter typeConflicts;
    private final Counter duplicateSeries;
    private final Counter openMetricsDroppedSeries;
    private final Counter authenticationFailures;
    private final Counter inboundRefusals;

    /** @param recordLatency whether to record the per-target latency histogram (high cardinality) */
    public OwnMetrics(boolean recordLatency) {
        this(OwnMetricsSettings.defaults().withRequestLatency(recordLatency));
    }

    public OwnMetrics(OwnMetricsSettings settings) {
        this(settings, new CloudControllerMetrics());
    }

    /**
     * @param cloudController fed by the Cloud Foundry client and caches; exposed only with
     *     {@link OwnMetricsSettings#internal()}
     */
    public OwnMetrics(OwnMetricsSettings settings, CloudControllerMetrics cloudController) {
        this.settings = settings;
        this.cloudController = cloudController;
        targets = new TargetSeries(settings).register(registry);
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
                        "Samples dropped from a merged exposition because an earlier sample had the same name and"
                                + " labels and this one is no later point of it.")
                .register(registry);
        openMetricsDroppedSeries = Counter.build(
                        "promregator_openmetrics_dropped_series",
                        "Samples left out of a merged OpenMetrics response because their target's part of a family"
                                + " breaks the rules of the family's type while another target's part keeps them, by"
                                + " reason (invalid_<type>, such as invalid_histogram).")
                .labelNames("reason")
                .register(registry);
        authenticationFailures = Counter.build(
                        "promregator_inbound_authentication_failures",
                        "Requests refused because they lacked the right Basic credentials, by endpoint.")
                .labelNames("endpoint")
                .register(registry);
        inboundRefusals = Counter.build(
                        "promregator_inbound_refusals",
                        "Requests and connections the server refused, by reason: busy (503 when every worker and "
                                + "queue place is taken), slow_request (request head not sent in time), "
                                + "too_many_connections.")
                .labelNames("reason")
                .register(registry);
        Info.build("promregator_instance", "This Promregator: where it runs, its instance id and version.")
                .register(registry)
                .info(settings.identity().labelPairs());
        JvmCollectors.register(registry);
        if (settings.internal()) {
            cloudController.register(registry);
        }
    }

    public CollectorRegistry registry() {
        return registry;
    }

    public OwnMetricsSettings settings() {
        return settings;
    }

    /** The metrics the Cloud Foundry client and caches feed; exposed only with {@code internal}. */
    public CloudControllerMetrics cloudController() {
        return cloudController;
    }

    /** Records one finished scrape. */
    public void recordScrape(ScrapeResult result) {
        scrapes.labels(result.outcome().name().toLowerCase(Locale.ROOT)).inc();
        targets.record(result);
    }

    /** Records a request refused for missing or wrong credentials. */
    public void recordAuthenticationFailure(String endpoint) {
        authenticationFailures.labels(endpoint).inc();
    }

    /**
     * Records a request or connection the server refused: {@code busy} (workers and queue full, 503),
     * {@code slow_request} (request head not sent in time), {@code too_many_connections}.
     */
    public void recordInboundRefusal(String reason) {
        inboundRefusals.labels(reason).inc();
    }

    /** Records the conflicts one merge resolved. */
    public void recordMerge(MergeResult merge) {
        typeConflicts.inc(merge.typeConflicts());
        duplicateSeries.inc(merge.duplicateSeries());
    }

    /** Records the samples, per family type, that a merged OpenMetrics response left out. */
    public void recordOpenMetricsDrops(Map<MetricType, Integer> droppedSeries) {
        for (Map.Entry<MetricType, Integer> dropped : droppedSeries.entrySet()) {
            openMetricsDroppedSeries
                    .labels("invalid_" + dropped.getKey().openMetricsName())
                    .inc(dropped.getValue());
        }
    }

    /** The targets whose series are kept. */
    int targetCount() {
        return targets.size();
    }
}
