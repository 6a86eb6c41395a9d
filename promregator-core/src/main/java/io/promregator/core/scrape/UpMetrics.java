package io.promregator.core.scrape;

import io.promregator.core.ScrapeResult;
import io.promregator.core.exposition.Exposition;
import io.promregator.core.exposition.MetricFamily;
import io.promregator.core.exposition.MetricType;
import io.promregator.core.exposition.Sample;
import java.util.ArrayList;
import java.util.List;

/**
 * The two series Promregator adds for every scraped target: {@code promregator_up} and
 * {@code promregator_scrape_duration_seconds}, labelled with the target's labels.
 */
public final class UpMetrics {
    public static final String UP = "promregator_up";
    public static final String SCRAPE_DURATION = "promregator_scrape_duration_seconds";

    private UpMetrics() {}

    /** Both families, one sample per result, in the order of the results. */
    public static Exposition of(List<ScrapeResult> results) {
        List<Sample> up = new ArrayList<>(results.size());
        List<Sample> duration = new ArrayList<>(results.size());
        for (ScrapeResult result : results) {
            up.add(new Sample(UP, result.target().labels(), result.isUp() ? 1 : 0));
            duration.add(new Sample(
                    SCRAPE_DURATION, result.target().labels(), result.duration().toNanos() / 1e9));
        }
        return new Exposition(List.of(
                new MetricFamily(
                        UP, MetricType.GAUGE, "1 if Promregator scraped the target successfully, 0 if not.", "", up),
                new MetricFamily(
                        SCRAPE_DURATION,
                        MetricType.GAUGE,
                        "How long Promregator took to scrape the target.",
                        "seconds",
                        duration)));
    }
}
