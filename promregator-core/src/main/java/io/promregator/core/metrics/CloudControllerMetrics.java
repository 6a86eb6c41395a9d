package io.promregator.core.metrics;

import io.prometheus.client.Collector;
import io.prometheus.client.Counter;
import io.prometheus.client.Histogram;
import io.promregator.core.cf.cache.CacheStatistics;
import io.promregator.core.cf.client.RequestListener;
import io.promregator.core.cf.client.RequestType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Promregator's internal metrics of Cloud Foundry access ({@code promregator.metrics.internal}): the
 * latency of every Cloud Controller and UAA request by type (as a {@link RequestListener}), failed
 * requests by type and outcome, and the statistics of the caches it is told to watch. Thread-safe.
 */
public final class CloudControllerMetrics extends Collector implements RequestListener {
    private final Histogram latency = Histogram.build(
                    "promregator_cffetch_latency",
                    "Time of one Cloud Controller or UAA request (one page, one attempt).")
            .unit("seconds")
            .labelNames("request_type")
            .buckets(tenthsOfSeconds(50))
            .create();
    private final Counter failures = Counter.build(
                    "promregator_cffetch_failures", "Cloud Controller or UAA requests that failed, by outcome.")
            .labelNames("request_type", "outcome")
            .create();
    private final List<Supplier<? extends Collection<CacheStatistics>>> caches = new CopyOnWriteArrayList<>();

    /** The original's 50 linear buckets 0.1 s … 5 s, without its rounding errors ({@code le="0.30000000000000004"}). */
    private static double[] tenthsOfSeconds(int count) {
        double[] buckets = new double[count];
        for (int i = 0; i < count; i++) {
            buckets[i] = (i + 1) / 10.0;
        }
        return buckets;
    }

    @Override
    public void requestDone(RequestType type, Duration duration, Outcome outcome) {
        String requestType = type.name().toLowerCase(Locale.ROOT);
        latency.labels(requestType).observe(duration.toNanos() / NANOSECONDS_PER_SECOND);
        if (outcome != Outcome.SUCCESS) {
            failures.labels(requestType, outcome.name().toLowerCase(Locale.ROOT))
                    .inc();
        }
    }

    /** Adds caches whose statistics are read at each collection, e.g. {@code CfDiscovery::cacheStatistics}. */
    public void watchCaches(Supplier<? extends Collection<CacheStatistics>> source) {
        caches.add(Objects.requireNonNull(source, "source"));
    }

    @Override
    public List<MetricFamilySamples> collect() {
        List<MetricFamilySamples> families = new ArrayList<>(latency.collect());
        families.addAll(failures.collect());
        Family requests = Family.counter(
                "promregator_cache_requests", "Reads of a cache: hit served a loaded value, miss waited for a load.",
                "cache", "result");
        Family loads = Family.counter(
                "promregator_cache_loads", "Loads of a cache entry (first, refresh, after invalidation).",
                "cache", "result");
        Family size = Family.gauge("promregator_cache_size", "Entries held by a cache.", "cache");
        for (Supplier<? extends Collection<CacheStatistics>> source : caches) {
            for (CacheStatistics cache : source.get()) {
                requests.add(cache.hits(), cache.name(), "hit").add(cache.misses(), cache.name(), "miss");
                loads.add(cache.loadSuccesses(), cache.name(), "success")
                        .add(cache.loadFailures(), cache.name(), "failure");
                size.add(cache.size(), cache.name());
            }
        }
        families.add(requests.build());
        families.add(loads.build());
        families.add(size.build());
        return families;
    }
}
