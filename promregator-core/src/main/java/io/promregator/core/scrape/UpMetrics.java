package io.promregator.core.scrape;

import io.promregator.core.LabelEnricher;
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
import java.util.Optional;

/**
 * The two series Promregator adds for every scraped target: {@code promregator_up} and
 * {@code promregator_scrape_duration_seconds}, labelled with the target's labels.
 */
public final class UpMetrics {
    public static final String UP = "promregator_up";
    public static final String SCRAPE_DURATION = "promregator_scrape_duration_seconds";
    public static final String SCRAPE_FAILURE = "promregator_scrape_failure";
    public static final String DISCOVERY_INCOMPLETE = "promregator_discovery_incomplete";
    private static final LabelEnricher DEFAULT = new CfLabelEnricher(LabelConflict.EXPORTED);

    private UpMetrics() {}

    /** Whether a family or sample name is one of these metrics' (or {@link #DISCOVERY_INCOMPLETE}). */
    static boolean isOwnName(String name) {
        return name.equals(UP)
                || name.equals(SCRAPE_DURATION)
                || name.equals(SCRAPE_FAILURE)
                || name.equals(DISCOVERY_INCOMPLETE);
    }

    /**
     * {@code promregator_up} and {@code promregator_scrape_duration_seconds}, one sample per result in the
     * order of the results, and {@code promregator_scrape_failure} with a {@code reason} label (the
     * outcome: {@code timeout}, {@code instance_not_running}, ...) for each result that failed, labelled
     * by the default enricher.
     */
    public static Exposition of(List<ScrapeResult> results) {
        return of(results, DEFAULT);
    }

    /**
     * The same, each result's samples labelled with its target's labels by {@code enricher}, the one that
     * labels the targets' own samples, so that its policy holds for these too; unlabelled when
     * {@code enricher} is empty.
     */
    public static Exposition of(List<ScrapeResult> results, Optional<LabelEnricher> enricher) {
        return enricher.map(e -> of(results, e)).orElseGet(() -> of(results, (exposition, labels) -> exposition));
    }

    private static Exposition of(List<ScrapeResult> results, LabelEnricher enricher) {
        List<Sample> up = new ArrayList<>(results.size());
        List<Sample> duration = new ArrayList<>(results.size());
        List<Sample> failures = new ArrayList<>();
        for (ScrapeResult result : results) {
            List<Sample> failure = result.isUp()
                    ? List.of()
                    : List.of(new Sample(
                            SCRAPE_FAILURE,
                            Labels.of("reason", result.outcome().name().toLowerCase(Locale.ROOT)),
                            1));
            Exposition own = enricher.enrich(
                    families(
                            List.of(new Sample(UP, Labels.EMPTY, result.isUp() ? 1 : 0)),
                            List.of(new Sample(
                                    SCRAPE_DURATION,
                                    Labels.EMPTY,
                                    result.duration().toNanos() / 1e9)),
                            failure),
                    result.target().labels());
            for (MetricFamily family : own.families()) {
                switch (family.name()) {
                    case UP -> up.addAll(family.samples());
                    case SCRAPE_DURATION -> duration.addAll(family.samples());
                    case SCRAPE_FAILURE -> failures.addAll(family.samples());
                    default -> {} // an enricher of one's own adds no family here
                }
            }
        }
        return families(up, duration, failures);
    }

    /**
     * {@code promregator_discovery_incomplete 1}, which {@code /metrics} carries until a discovery of targets
     * has succeeded: the answer lacks the targets it will find.
     */
    static Exposition discoveryIncomplete() {
        return new Exposition(List.of(new MetricFamily(
                DISCOVERY_INCOMPLETE,
                MetricType.GAUGE,
                "1 until a discovery of targets has succeeded: this answer lacks the targets it will find.",
                "",
                List.of(new Sample(DISCOVERY_INCOMPLETE, Labels.EMPTY, 1)))));
    }

    private static Exposition families(List<Sample> up, List<Sample> duration, List<Sample> failures) {
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
