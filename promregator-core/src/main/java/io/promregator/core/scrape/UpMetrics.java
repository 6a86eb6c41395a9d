package io.promregator.core.scrape;

import io.promregator.core.ScrapeResult;
import io.promregator.core.enrich.CfLabelEnricher;
import io.promregator.core.enrich.LabelConflict;
import io.promregator.core.exposition.Exposition;
import io.promregator.core.exposition.Labels;
import io.promregator.core.exposition.MetricFamily;
import io.promregator.core.exposition.MetricType;
import io.promregator.core.exposition.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The two series Promregator adds for every scraped target: {@code promregator_up} and
 * {@code promregator_scrape_duration_seconds}, labelled with the target's labels.
 */
public final class UpMetrics {
    public static final String UP = "promregator_up";
    public static final String SCRAPE_DURATION = "promregator_scrape_duration_seconds";
    public static final String SCRAPE_FAILURE = "promregator_scrape_failure";
    private static final CfLabelEnricher REASON_FIRST = new CfLabelEnricher(LabelConflict.EXPORTED);

    private UpMetrics() {}

    /**
     * {@code promregator_up} and {@code promregator_scrape_duration_seconds}, one sample per result in the
     * order of the results, and {@code promregator_scrape_failure} with a {@code reason} label (the
     * outcome: {@code timeout}, {@code instance_not_running}, ...) for each result that failed.
     */
    public static Exposition of(List<ScrapeResult> results) {
        return of(results, true);
    }

    /** The same, labelled with the targets' labels only when {@code withTargetLabels}. */
    public static Exposition of(List<ScrapeResult> results, boolean withTargetLabels) {
        List<Sample> up = new ArrayList<>(results.size());
        List<Sample> duration = new ArrayList<>(results.size());
        List<Sample> failures = new ArrayList<>();
        for (ScrapeResult result : results) {
            Labels labels = withTargetLabels ? result.target().labels() : Labels.EMPTY;
            up.add(new Sample(UP, labels, result.isUp() ? 1 : 0));
            duration.add(new Sample(SCRAPE_DURATION, labels, result.duration().toNanos() / 1e9));
            if (!result.isUp()) {
                Labels reason = Labels.of("reason", result.outcome().name().toLowerCase(Locale.ROOT));
                failures.add(new Sample(SCRAPE_FAILURE, REASON_FIRST.enrich(reason, labels), 1));
            }
        }
        return new Exposition(List.of(
                new MetricFamily(
                        UP, MetricType.GAUGE, "1 if Promregator scraped the target successfully, 0 if not.", "", up),
                new MetricFamily(
                        SCRAPE_DURATION,
                        MetricType.GAUGE,
                        "How long Promregator took to scrape the target.",
                        "seconds",
                        duration),
                new MetricFamily(
                        SCRAPE_FAILURE,
                        MetricType.GAUGE,
                        "1 for each target whose scrape failed, labelled with the reason.",
                        "",
                        failures)));
    }
}
