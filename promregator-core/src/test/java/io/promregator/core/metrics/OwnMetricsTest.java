package io.promregator.core.metrics;

import static io.promregator.core.metrics.Expositions.samples;
import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.common.TextFormat;
import io.promregator.core.ScrapeResult;
import io.promregator.core.ScrapeResult.Outcome;
import io.promregator.core.Target;
import io.promregator.core.cf.cache.RefreshingCache;
import io.promregator.core.cf.client.RequestListener;
import io.promregator.core.cf.client.RequestType;
import io.promregator.core.exposition.Exposition;
import io.promregator.core.exposition.ExpositionFormat;
import io.promregator.core.exposition.Labels;
import io.promregator.core.exposition.MetricFamily;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OwnMetricsTest {
    private final AtomicLong clock = new AtomicLong();
    private final OwnMetricsSettings settings = OwnMetricsSettings.defaults()
            .withTargetTimeout(Duration.ofSeconds(600))
            .withNanoTime(clock::get);

    private static Target instance(String app, int index) {
        String guid = app + "-guid";
        return new Target(
                guid + ":" + index,
                URI.create("https://" + app + ".apps.example.org/metrics"),
                Labels.of(
                        "org_name",
                        "shop",
                        "space_name",
                        "prod",
                        "app_name",
                        app,
                        "cf_instance_id",
                        guid + ":" + index,
                        "cf_instance_number",
                        String.valueOf(index)),
                Map.of());
    }

    private static ScrapeResult failed(Target target) {
        return ScrapeResult.failure(target, Outcome.HTTP_STATUS, "500", Duration.ofMillis(30), 0);
    }

    private static ScrapeResult succeeded(Target target, long bytes) {
        return ScrapeResult.success(target, Exposition.EMPTY, Duration.ofMillis(250), bytes);
    }

    private void advance(Duration duration) {
        clock.addAndGet(duration.toNanos());
    }

    /**
     * Only these samples, in text 0.0.4 as {@code /promregatorMetrics} writes them, the sample lines of each
     * family sorted (simpleclient keeps children in a hash map).
     */
    private static String text(CollectorRegistry registry, String... sampleNames) {
        StringWriter writer = new StringWriter();
        try {
            TextFormat.write004(writer, registry.filteredMetricFamilySamples(Set.of(sampleNames)));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        StringBuilder sorted = new StringBuilder();
        List<String> samples = new ArrayList<>();
        for (String line : writer.toString().split("\n")) {
            if (line.startsWith("#")) {
                samples.stream()
                        .sorted()
                        .forEach(sample -> sorted.append(sample).append('\n'));
                samples.clear();
                sorted.append(line).append('\n');
            } else if (!line.isEmpty()) {
                samples.add(line);
            }
        }
        samples.stream().sorted().forEach(sample -> sorted.append(sample).append('\n'));
        return sorted.toString();
    }

    @Test
    void perTargetSeriesCarryTheOriginalLabelNames() {
        OwnMetrics metrics = new OwnMetrics(settings.withRequestLatency(true));

        metrics.recordScrape(failed(instance("cart", 0)));
        metrics.recordScrape(succeeded(instance("cart", 1), 150));

        assertThat(text(
                        metrics.registry(),
                        "promregator_request_failure_total",
                        "promregator_request_size_bytes_count",
                        "promregator_request_latency_seconds_sum"))
                .isEqualTo("""
                        # HELP promregator_request_failure_total Failed scrapes of a target.
                        # TYPE promregator_request_failure_total counter
                        promregator_request_failure_total{org_name="shop",space_name="prod",app_name="cart",cf_instance_id="cart-guid:0",cf_instance_number="0",} 1.0
                        # HELP promregator_request_size_bytes Size of the body a target answered with.
                        # TYPE promregator_request_size_bytes histogram
                        promregator_request_size_bytes_count{org_name="shop",space_name="prod",app_name="cart",cf_instance_id="cart-guid:1",cf_instance_number="1",} 1.0
                        # HELP promregator_request_latency_seconds Time to scrape a target.
                        # TYPE promregator_request_latency_seconds histogram
                        promregator_request_latency_seconds_sum{org_name="shop",space_name="prod",app_name="cart",cf_instance_id="cart-guid:0",cf_instance_number="0",} 0.03
                        promregator_request_latency_seconds_sum{org_name="shop",space_name="prod",app_name="cart",cf_instance_id="cart-guid:1",cf_instance_number="1",} 0.25
                        """);
        assertThat(text(metrics.registry(), "promregator_scrapes_total")).isEqualTo("""
                        # HELP promregator_scrapes_total Scrapes of targets, by outcome.
                        # TYPE promregator_scrapes_total counter
                        promregator_scrapes_total{outcome="http_status",} 1.0
                        promregator_scrapes_total{outcome="success",} 1.0
                        """);
    }

    @Test
    void upAndScrapeDurationAreNotOwnMetricsSoPrometheusStoresThemOnce() {
        OwnMetrics metrics = new OwnMetrics(settings.withRequestLatency(true));

        metrics.recordScrape(failed(instance("cart", 0)));
        metrics.recordScrape(succeeded(instance("cart", 1), 150));

        Exposition exposition = Expositions.parse(metrics.registry(), ExpositionFormat.OPENMETRICS);
        assertThat(exposition.families())
                .as("they come with the scrape itself, on /metrics and /singleTargetMetrics")
                .extracting(MetricFamily::name)
                .doesNotContain("promregator_up", "promregator_scrape_duration_seconds", "promregator_scrape_duration")
                .contains("promregator_request_failure", "promregator_request_size_bytes");
        assertThat(text(metrics.registry(), "promregator_up", "promregator_scrape_duration_seconds"))
                .isEmpty();
    }

    @Test
    void aStaticTargetFallsBackToItsIdForCfInstanceId() {
        OwnMetrics metrics = new OwnMetrics(settings);
        Target url = new Target(
                "http://10.0.0.7:9100/metrics", URI.create("http://10.0.0.7:9100/metrics"), Labels.EMPTY, Map.of());

        metrics.recordScrape(failed(url));

        assertThat(samples(
                        Expositions.parse(metrics.registry(), ExpositionFormat.OPENMETRICS),
                        "promregator_request_failure_total"))
                .singleElement()
                .satisfies(s -> assertThat(s.labels())
                        .isEqualTo(Labels.of(
                                "org_name", "",
                                "space_name", "",
                                "app_name", "",
                                "cf_instance_id", "http://10.0.0.7:9100/metrics",
                                "cf_instance_number", "")));
    }

    @Test
    void labelNamePrefixIsPutBeforeTheTargetLabelNamesOfPerTargetSeries() {
        OwnMetrics metrics =
                new OwnMetrics(settings.withLabelNamePrefix("promregator_").withRequestLatency(true));

        metrics.recordScrape(failed(instance("cart", 0)));
        metrics.recordScrape(succeeded(instance("cart", 1), 150));

        Exposition exposition = Expositions.parse(metrics.registry(), ExpositionFormat.OPENMETRICS);
        for (String name : List.of(
                "promregator_request_failure_total",
                "promregator_request_size_bytes_count",
                "promregator_request_latency_seconds_count")) {
            assertThat(samples(exposition, name)).isNotEmpty().allSatisfy(s -> {
                assertThat(s.labels().get("promregator_app_name")).isEqualTo("cart");
                assertThat(s.labels().get("promregator_cf_instance_id")).startsWith("cart-guid:");
                assertThat(s.labels().get("app_name")).isNull();
            });
        }
        assertThat(samples(exposition, "promregator_instance_info"))
                .singleElement()
                .satisfies(info -> assertThat(info.labels().indexOf("app_name")).isNotNegative());
    }

    @Test
    void seriesOfATargetNotScrapedForTheTimeoutAreRemoved() {
        OwnMetrics metrics = new OwnMetrics(settings.withRequestLatency(true));
        Target gone = instance("cart", 0);
        Target staying = instance("cart", 1);
        metrics.recordScrape(failed(gone));
        metrics.recordScrape(succeeded(gone, 10));
        metrics.recordScrape(succeeded(staying, 10));

        advance(Duration.ofSeconds(599));
        metrics.recordScrape(succeeded(staying, 10));
        assertThat(instances(metrics)).containsExactlyInAnyOrder("cart-guid:0", "cart-guid:1");

        advance(Duration.ofSeconds(1));
        assertThat(instances(metrics))
                .as("600 s after its last scrape, on the next collection")
                .containsExactly("cart-guid:1");
        assertThat(text(metrics.registry(), "promregator_request_failure_total"))
                .doesNotContain("cart-guid:0");

        metrics.recordScrape(failed(gone));
        assertThat(text(metrics.registry(), "promregator_request_failure_total"))
                .as("a target seen again starts over")
                .contains("cf_instance_id=\"cart-guid:0\",cf_instance_number=\"0\",} 1.0");
    }

    @Test
    void recordingAlsoRemovesExpiredSeriesAtMostEveryMinute() {
        OwnMetrics metrics = new OwnMetrics(settings.withTargetTimeout(Duration.ofSeconds(30)));
        metrics.recordScrape(failed(instance("cart", 0)));

        advance(Duration.ofSeconds(45));
        metrics.recordScrape(failed(instance("cart", 1)));
        assertThat(metrics.targetCount()).as("the last sweep was 45 s ago").isEqualTo(2);

        advance(Duration.ofSeconds(15));
        metrics.recordScrape(failed(instance("cart", 1)));
        assertThat(metrics.targetCount()).isEqualTo(1);
    }

    private static List<String> instances(OwnMetrics metrics) {
        Exposition exposition = Expositions.parse(metrics.registry(), ExpositionFormat.OPENMETRICS);
        return exposition.families().stream()
                .filter(f -> f.name().startsWith("promregator_request_"))
                .flatMap(f -> f.samples().stream())
                .map(s -> s.labels().get("cf_instance_id"))
                .distinct()
                .toList();
    }

    @Test
    void internalMetricsAreExposedOnlyWhenEnabled() {
        OwnMetrics without = new OwnMetrics(settings);
        OwnMetrics with = new OwnMetrics(settings.withInternal(true));
        for (OwnMetrics metrics : List.of(without, with)) {
            metrics.cloudController()
                    .requestDone(RequestType.SPACES, Duration.ofMillis(250), RequestListener.Outcome.SUCCESS);
        }

        assertThat(text(without.registry(), "promregator_cffetch_latency_seconds_count"))
                .isEmpty();
        assertThat(text(with.registry(), "promregator_cffetch_latency_seconds_count"))
                .isNotEmpty();
    }

    @Test
    void cloudControllerRequestsAreTimedByTypeAndFailuresCountedByOutcome() {
        OwnMetrics metrics = new OwnMetrics(settings.withInternal(true));
        RequestListener listener = metrics.cloudController();

        listener.requestDone(RequestType.SPACES, Duration.ofMillis(250), RequestListener.Outcome.SUCCESS);
        listener.requestDone(RequestType.SPACES, Duration.ofMillis(50), RequestListener.Outcome.ERROR_STATUS);
        listener.requestDone(RequestType.TOKEN, Duration.ofSeconds(7), RequestListener.Outcome.TIMEOUT);

        assertThat(text(
                        metrics.registry(),
                        "promregator_cffetch_latency_seconds_count",
                        "promregator_cffetch_latency_seconds_sum",
                        "promregator_cffetch_failures_total"))
                .isEqualTo("""
                        # HELP promregator_cffetch_latency_seconds Time of one Cloud Controller or UAA request (one page, one attempt).
                        # TYPE promregator_cffetch_latency_seconds histogram
                        promregator_cffetch_latency_seconds_count{request_type="spaces",} 2.0
                        promregator_cffetch_latency_seconds_count{request_type="token",} 1.0
                        promregator_cffetch_latency_seconds_sum{request_type="spaces",} 0.3
                        promregator_cffetch_latency_seconds_sum{request_type="token",} 7.0
                        # HELP promregator_cffetch_failures_total Cloud Controller or UAA requests that failed, by outcome.
                        # TYPE promregator_cffetch_failures_total counter
                        promregator_cffetch_failures_total{request_type="spaces",outcome="error_status",} 1.0
                        promregator_cffetch_failures_total{request_type="token",outcome="timeout",} 1.0
                        """);
        Exposition exposition = Expositions.parse(metrics.registry(), ExpositionFormat.OPENMETRICS);
        assertThat(samples(exposition, "promregator_cffetch_latency_seconds_bucket").stream()
                        .filter(s -> s.labels().get("request_type").equals("spaces"))
                        .map(s -> s.labels().get("le") + "=" + s.value())
                        .toList())
                .as("the original's 50 linear buckets from 0.1 s to 5 s")
                .hasSize(51)
                .contains("0.1=1.0", "0.2=1.0", "0.3=2.0", "4.4=2.0", "5.0=2.0", "+Inf=2.0");
    }

    @Test
    void cacheStatisticsAreReadFromTheWatchedCaches() {
        OwnMetrics metrics = new OwnMetrics(settings.withInternal(true));
        RefreshingCache<String, String> routes = new RefreshingCache<>(
                "route", Duration.ofSeconds(10), Duration.ofSeconds(60), Runnable::run, clock::get);
        metrics.cloudController().watchCaches(() -> List.of(routes.statistics()));

        routes.get("s1", key -> "r1");
        routes.get("s1", key -> "r1");
        routes.get("s2", key -> "r2");
        try {
            routes.get("s3", key -> {
                throw new IllegalStateException("Cloud Controller down");
            });
        } catch (IllegalStateException expected) {
            // counted as a failed load
        }

        assertThat(text(
                        metrics.registry(),
                        "promregator_cache_requests_total",
                        "promregator_cache_loads_total",
                        "promregator_cache_size"))
                .isEqualTo("""
                        # HELP promregator_cache_requests_total Reads of a cache: hit served a loaded value, miss waited for a load.
                        # TYPE promregator_cache_requests_total counter
                        promregator_cache_requests_total{cache="route",result="hit",} 1.0
                        promregator_cache_requests_total{cache="route",result="miss",} 3.0
                        # HELP promregator_cache_loads_total Loads of a cache entry (first, refresh, after invalidation).
                        # TYPE promregator_cache_loads_total counter
                        promregator_cache_loads_total{cache="route",result="failure",} 1.0
                        promregator_cache_loads_total{cache="route",result="success",} 2.0
                        # HELP promregator_cache_size Entries held by a cache.
                        # TYPE promregator_cache_size gauge
                        promregator_cache_size{cache="route",} 2.0
                        """);
    }
}
