package io.promregator.core.scrape;

import io.promregator.core.ExpositionMerger;
import io.promregator.core.LabelEnricher;
import io.promregator.core.ScrapeResult;
import io.promregator.core.Scraper;
import io.promregator.core.Target;
import io.promregator.core.TargetResolver;
import io.promregator.core.exposition.Exposition;
import io.promregator.core.exposition.Labels;
import io.promregator.core.metrics.OwnMetrics;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Single Target Scraping: one instance of the current discovery, scraped on its own, enriched with its
 * labels when enrichment is on ({@code promregator.scraping.labelEnrichment}), with its
 * {@code promregator_up} and {@code promregator_scrape_duration_seconds} (labelled like its samples, or
 * not at all without enrichment). Thread-safe.
 */
public final class SingleTargetScraping {
    private final TargetResolver resolver;
    private final Scraper scraper;
    private final LabelEnricher enricher;
    private final ExpositionMerger merger;
    private final OwnMetrics ownMetrics;
    private final boolean labelEnrichment;
    private final TargetStateLog states;
    private final TargetIndex index = new TargetIndex();

    /** What one scrape gave: the result, and the exposition to answer with. */
    public record Scrape(ScrapeResult result, Exposition exposition) {}

    public SingleTargetScraping(
            TargetResolver resolver,
            Scraper scraper,
            LabelEnricher enricher,
            ExpositionMerger merger,
            OwnMetrics ownMetrics,
            boolean labelEnrichment) {
        this(resolver, scraper, enricher, merger, ownMetrics, labelEnrichment, new TargetStateLog());
    }

    /** @param states logs each target's changes of state; may be shared with {@link SingleEndpointScraping} */
    public SingleTargetScraping(
            TargetResolver resolver,
            Scraper scraper,
            LabelEnricher enricher,
            ExpositionMerger merger,
            OwnMetrics ownMetrics,
            boolean labelEnrichment,
            TargetStateLog states) {
        this.states = Objects.requireNonNull(states, "states");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.scraper = Objects.requireNonNull(scraper, "scraper");
        this.enricher = Objects.requireNonNull(enricher, "enricher");
        this.merger = Objects.requireNonNull(merger, "merger");
        this.ownMetrics = Objects.requireNonNull(ownMetrics, "ownMetrics");
        this.labelEnrichment = labelEnrichment;
    }

    /**
     * The target with this id ({@code <appGuid>:<index>}) in the current discovery; the first one when
     * several have it.
     */
    public Optional<Target> find(String targetId) {
        return index.lookUp(resolver.resolve(), targetId);
    }

    /** Scrapes the target and builds the answer. */
    public Scrape scrape(Target target) {
        ScrapeResult result = scraper.scrape(target).join();
        ownMetrics.recordScrape(result);
        states.record(result);
        Labels labels = labelEnrichment ? target.labels() : Labels.EMPTY;
        Exposition own = result.isUp() ? enricher.enrich(result.exposition(), labels) : Exposition.EMPTY;
        ExpositionMerger.MergeResult merged = merger.merge(List.of(
                UpMetrics.of(List.of(result), labelEnrichment ? Optional.of(enricher) : Optional.empty()), own));
        ownMetrics.recordMerge(merged);
        return new Scrape(result, merged.exposition());
    }
}
