package io.promregator.core.scrape;

import io.promregator.core.ExpositionMerger;
import io.promregator.core.LabelEnricher;
import io.promregator.core.ScrapeResult;
import io.promregator.core.Scraper;
import io.promregator.core.Target;
import io.promregator.core.TargetResolver;
import io.promregator.core.enrich.CfLabelEnricher;
import io.promregator.core.exposition.Exposition;
import io.promregator.core.exposition.ExpositionFormat;
import io.promregator.core.exposition.ExpositionWriter;
import io.promregator.core.exposition.Labels;
import io.promregator.core.exposition.MetricFamily;
import io.promregator.core.exposition.Sample;
import io.promregator.core.metrics.OwnMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
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

    /**
     * What one scrape gave: the result, and the exposition to answer with. When the target's labels are
     * only appended to its samples ({@link CfLabelEnricher#appendsAsIs}), its samples are not rebuilt:
     * {@link #writeTo} writes them with the labels appended in one pass, and {@link #exposition()} builds
     * the labelled exposition only when asked.
     */
    public static final class Scrape {
        private final ScrapeResult result;
        private final Exposition merged;
        private final int firstAppended;
        private final Labels appended;
        private final LabelEnricher enricher;
        private volatile Exposition exposition;

        Scrape(ScrapeResult result, Exposition exposition) {
            this(result, exposition, exposition.families().size(), Labels.EMPTY, null);
        }

        private Scrape(
                ScrapeResult result, Exposition merged, int firstAppended, Labels appended, LabelEnricher enricher) {
            this.result = result;
            this.merged = merged;
            this.firstAppended = firstAppended;
            this.appended = appended;
            this.enricher = enricher;
        }

        public ScrapeResult result() {
            return result;
        }

        /** Whether the target's labels are written in one pass, its samples not rebuilt. */
        boolean onePass() {
            return !appended.isEmpty();
        }

        /** The exposition to answer with, every sample with its labels. */
        public Exposition exposition() {
            if (appended.isEmpty()) {
                return merged;
            }
            Exposition built = exposition;
            if (built == null) {
                List<MetricFamily> families = new ArrayList<>(merged.families());
                Exposition labelled =
                        enricher.enrich(new Exposition(families.subList(firstAppended, families.size())), appended);
                List<MetricFamily> all = new ArrayList<>(families.subList(0, firstAppended));
                all.addAll(labelled.families());
                built = new Exposition(all);
                exposition = built;
            }
            return built;
        }

        /** Writes {@link #exposition()} in {@code format} to {@code out} (flushed, not closed). */
        public void writeTo(ExpositionFormat format, OutputStream out) throws IOException {
            if (appended.isEmpty()) {
                ExpositionWriter.write(merged.families(), format, out);
            } else {
                ExpositionWriter.write(merged.families(), format, out, firstAppended, appended);
            }
        }
    }

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
        Exposition up = UpMetrics.of(List.of(result), labelEnrichment ? Optional.of(enricher) : Optional.empty());
        if (result.isUp() && appendsInOnePass(result.exposition(), labels)) {
            ExpositionMerger.MergeResult merged = merger.merge(List.of(up, result.exposition()));
            ownMetrics.recordMerge(merged);
            return new Scrape(result, merged.exposition(), up.families().size(), labels, enricher);
        }
        Exposition own = result.isUp() ? enricher.enrich(result.exposition(), labels) : Exposition.EMPTY;
        ExpositionMerger.MergeResult merged = merger.merge(List.of(up, own));
        ownMetrics.recordMerge(merged);
        return new Scrape(result, merged.exposition());
    }

    /**
     * Whether the target's labels can be written after the merge, in one pass, instead of rebuilding every
     * sample with them: the default enricher only appends them here, the writer's rules read none of their
     * names, the merger decides alike, and no family or sample of the target is named like one of the up
     * metrics' (so that their families, which come first and are labelled already, stay apart).
     */
    private boolean appendsInOnePass(Exposition exposition, Labels labels) {
        if (labels.isEmpty()
                || !(enricher instanceof CfLabelEnricher cf)
                || !merger.mergesAlikeWithLabelsAppended()
                || !cf.appendsAsIs(exposition, labels)
                || !ExpositionWriter.canAppend(exposition, labels)) {
            return false;
        }
        for (MetricFamily family : exposition.families()) {
            if (UpMetrics.isOwnName(family.name())) {
                return false;
            }
            String lastName = null;
            for (Sample sample : family.samples()) {
                if (!sample.name().equals(lastName)) {
                    lastName = sample.name();
                    if (UpMetrics.isOwnName(lastName)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
