package io.promregator.core.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.promregator.core.LabelEnricher;
import io.promregator.core.ScrapeResult;
import io.promregator.core.ScrapeResult.Outcome;
import io.promregator.core.Scraper;
import io.promregator.core.Target;
import io.promregator.core.TargetResolver;
import io.promregator.core.enrich.CfLabelEnricher;
import io.promregator.core.enrich.LabelConflict;
import io.promregator.core.exposition.Exposition;
import io.promregator.core.exposition.ExpositionFormat;
import io.promregator.core.exposition.ExpositionParser;
import io.promregator.core.exposition.ExpositionWriter;
import io.promregator.core.exposition.Labels;
import io.promregator.core.exposition.MetricFamily;
import io.promregator.core.exposition.MetricType;
import io.promregator.core.exposition.Sample;
import io.promregator.core.merge.FirstTypeWinsMerger;
import io.promregator.core.metrics.OwnMetrics;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The /metrics pipeline without any network: resolver and scraper are mocks. */
class SingleEndpointScrapingTest {
    private final TargetResolver resolver = mock(TargetResolver.class);
    private final Scraper scraper = mock(Scraper.class);
    private final OwnMetrics ownMetrics = new OwnMetrics(false);
    private final SingleEndpointScraping scraping = new SingleEndpointScraping(
            resolver, scraper, new CfLabelEnricher(LabelConflict.EXPORTED), new FirstTypeWinsMerger(), ownMetrics);

    private static Target target(String app) {
        return new Target(app, URI.create("http://" + app + ".example/metrics"), Labels.of("app_name", app), Map.of());
    }

    private static Exposition gauge(double value) {
        return new Exposition(List.of(new MetricFamily(
                "queue", MetricType.GAUGE, "Queue.", "", List.of(new Sample("queue", Labels.EMPTY, value)))));
    }

    @Test
    void upMetricsComeFirstThenEachTargetsEnrichedSamplesInTargetOrder() {
        Target a = target("a");
        Target b = target("b");
        Target down = target("down");
        when(resolver.resolve()).thenReturn(List.of(a, b, down));
        // b completes before a: the output still follows target order
        when(scraper.scrape(a))
                .thenReturn(CompletableFuture.supplyAsync(
                        () -> ScrapeResult.success(a, gauge(1), Duration.ofMillis(20), 10),
                        CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS)));
        when(scraper.scrape(b))
                .thenReturn(
                        CompletableFuture.completedFuture(ScrapeResult.success(b, gauge(2), Duration.ofMillis(5), 10)));
        when(scraper.scrape(down))
                .thenReturn(CompletableFuture.completedFuture(
                        ScrapeResult.failure(down, Outcome.TIMEOUT, "too slow", Duration.ofSeconds(5), 0)));

        Exposition merged = scraping.scrapeAll();

        assertThat(merged.families())
                .extracting(MetricFamily::name)
                .containsExactly(
                        "promregator_up", "promregator_scrape_duration_seconds", "promregator_scrape_failure", "queue");
        assertThat(merged.families().get(0).samples())
                .extracting(s -> s.labels().get("app_name") + "=" + s.value())
                .containsExactly("a=1.0", "b=1.0", "down=0.0");
        assertThat(merged.families().get(1).samples().get(2).value()).isEqualTo(5.0);
        assertThat(merged.families().get(2).samples())
                .singleElement()
                .satisfies(failure ->
                        assertThat(failure.labels()).isEqualTo(Labels.of("reason", "timeout", "app_name", "down")));
        assertThat(merged.families().get(3).samples())
                .extracting(Sample::labels)
                .containsExactly(Labels.of("app_name", "a"), Labels.of("app_name", "b"));
        verify(scraper).scrape(down);
        assertThat(ownMetrics
                        .registry()
                        .getSampleValue(
                                "promregator_scrapes_total", new String[] {"outcome"}, new String[] {"timeout"}))
                .isEqualTo(1.0);
    }

    @Test
    void anEnricherOfOnesOwnLabelsTheUpMetricsToo() {
        // labels every sample with the target's labels under names of its own: team_<name>
        LabelEnricher prefixing = (exposition, labels) -> {
            String[] names = new String[labels.size()];
            String[] values = new String[labels.size()];
            for (int i = 0; i < labels.size(); i++) {
                names[i] = "team_" + labels.name(i);
                values[i] = labels.value(i);
            }
            return new CfLabelEnricher(LabelConflict.EXPORTED).enrich(exposition, Labels.fromArrays(names, values));
        };
        SingleEndpointScraping custom =
                new SingleEndpointScraping(resolver, scraper, prefixing, new FirstTypeWinsMerger(), ownMetrics);
        Target a = target("a");
        Target down = target("down");
        when(resolver.resolve()).thenReturn(List.of(a, down));
        when(scraper.scrape(a))
                .thenReturn(
                        CompletableFuture.completedFuture(ScrapeResult.success(a, gauge(1), Duration.ofMillis(5), 10)));
        when(scraper.scrape(down))
                .thenReturn(CompletableFuture.completedFuture(
                        ScrapeResult.failure(down, Outcome.TIMEOUT, "too slow", Duration.ofSeconds(5), 0)));

        Exposition merged = custom.scrapeAll();

        assertThat(merged.families())
                .allSatisfy(family -> assertThat(family.samples())
                        .allSatisfy(sample ->
                                assertThat(sample.labels().get("app_name")).isNull()));
        assertThat(merged.families().get(0).samples())
                .extracting(Sample::labels)
                .containsExactly(Labels.of("team_app_name", "a"), Labels.of("team_app_name", "down"));
        assertThat(merged.families().get(1).samples())
                .extracting(Sample::labels)
                .containsExactly(Labels.of("team_app_name", "a"), Labels.of("team_app_name", "down"));
        assertThat(merged.families().get(2).samples())
                .extracting(Sample::labels)
                .containsExactly(Labels.of("reason", "timeout", "team_app_name", "down"));
    }

    @Test
    void keepsBothPointsOfASeriesAtTwoTimestampsInEitherOutputFormat() throws Exception {
        Target a = target("a");
        Exposition twoPoints =
                ExpositionParser.parse("a 1 1000\na 2 2000\na 3 2000\n", ExpositionFormat.PROMETHEUS_TEXT);
        when(resolver.resolve()).thenReturn(List.of(a));
        when(scraper.scrape(a))
                .thenReturn(CompletableFuture.completedFuture(
                        ScrapeResult.success(a, twoPoints, Duration.ofMillis(5), 10)));

        List<MetricFamily> merged = scraping.scrapeAll().families();

        assertThat(ExpositionWriter.toString(merged.subList(3, 4), ExpositionFormat.PROMETHEUS_TEXT))
                .isEqualTo("""
                        # TYPE a untyped
                        a{app_name="a"} 1 1000
                        a{app_name="a"} 2 2000
                        """);
        assertThat(ExpositionWriter.toString(merged.subList(3, 4), ExpositionFormat.OPENMETRICS))
                .isEqualTo("""
                        # TYPE a unknown
                        a{app_name="a"} 1 1
                        a{app_name="a"} 2 2
                        # EOF
                        """);
        String openMetrics = ExpositionWriter.toString(merged.subList(3, 4), ExpositionFormat.OPENMETRICS);
        assertThat(ExpositionParser.parse(openMetrics, ExpositionFormat.OPENMETRICS)
                        .sampleCount())
                .isEqualTo(2);
        assertThat(ownMetrics.registry().getSampleValue("promregator_merge_duplicate_series_total"))
                .isEqualTo(1.0);
    }

    @Test
    void noTargetsGiveEmptyUpFamiliesAndNothingElse() {
        when(resolver.resolve()).thenReturn(List.of());

        Exposition merged = scraping.scrapeAll();

        assertThat(merged.sampleCount()).isZero();
    }
}
