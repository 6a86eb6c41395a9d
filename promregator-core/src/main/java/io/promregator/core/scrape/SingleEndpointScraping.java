package io.promregator.core.scrape;

import io.promregator.core.DiscoveryControls;
import io.promregator.core.ExpositionMerger;
import io.promregator.core.ExpositionMerger.MergeResult;
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
import io.promregator.core.exposition.OpenMetricsIsolation;
import io.promregator.core.metrics.OwnMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Single Endpoint Scraping: every target fetched in parallel, each exposition enriched with its
 * target's labels, all merged into one, with {@code promregator_up} and
 * {@code promregator_scrape_duration_seconds} per target. A failing target only turns its
 * {@code promregator_up} to 0. For OpenMetrics output a target's part of a family that would be downgraded
 * to {@code unknown} is left out when another target's part is valid ({@link OpenMetricsIsolation}), so
 * that it does not degrade the others. Thread-safe.
 */
public final class SingleEndpointScraping {
    private final TargetResolver resolver;
    private final Scraper scraper;
    private final LabelEnricher enricher;
    private final ExpositionMerger merger;
    private final OwnMetrics ownMetrics;
    private final TargetStateLog states;
    private final DiscoveryControls discovery;

    public SingleEndpointScraping(
            TargetResolver resolver,
            Scraper scraper,
            LabelEnricher enricher,
            ExpositionMerger merger,
            OwnMetrics ownMetrics) {
        this(resolver, scraper, enricher, merger, ownMetrics, new TargetStateLog());
    }

    /** @param states logs each target's changes of state; may be shared with {@link SingleTargetScraping} */
    public SingleEndpointScraping(
            TargetResolver resolver,
            Scraper scraper,
            LabelEnricher enricher,
            ExpositionMerger merger,
            OwnMetrics ownMetrics,
            TargetStateLog states) {
        this(resolver, scraper, enricher, merger, ownMetrics, states, DiscoveryControls.NONE);
    }

    /**
     * @param discovery tells whether a discovery has succeeded; until one has, every answer carries
     *     {@code promregator_discovery_incomplete 1}
     */
    public SingleEndpointScraping(
            TargetResolver resolver,
            Scraper scraper,
            LabelEnricher enricher,
            ExpositionMerger merger,
            OwnMetrics ownMetrics,
            TargetStateLog states,
            DiscoveryControls discovery) {
        this.discovery = Objects.requireNonNull(discovery, "discovery");
        this.states = Objects.requireNonNull(states, "states");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.scraper = Objects.requireNonNull(scraper, "scraper");
        this.enricher = Objects.requireNonNull(enricher, "enricher");
        this.merger = Objects.requireNonNull(merger, "merger");
        this.ownMetrics = Objects.requireNonNull(ownMetrics, "ownMetrics");
    }

    /** What the scrapes recorded, shared with {@link SingleTargetScraping} when it was given the same. */
    public TargetStateLog states() {
        return states;
    }

    /** Scrapes every current target and returns the merged exposition, with every sample of every target. */
    public Exposition scrapeAll() {
        return scrapeAll(ExpositionFormat.PROMETHEUS_TEXT);
    }

    /**
     * Scrapes every current target and returns the merged exposition to be written in {@code output}: for
     * OpenMetrics, without the parts of targets that would degrade another target's family (counted).
     */
    public Exposition scrapeAll(ExpositionFormat output) {
        List<Target> targets = resolver.resolve();
        boolean incomplete = !discovery.discoverySucceeded();
        List<CompletableFuture<ScrapeResult>> pending = new ArrayList<>(targets.size());
        for (Target target : targets) {
            pending.add(scraper.scrape(target));
        }
        List<ScrapeResult> results = new ArrayList<>(targets.size());
        List<Exposition> expositions = new ArrayList<>(targets.size() + 1);
        expositions.add(null); // the up metrics go first, so that no target can displace them
        for (CompletableFuture<ScrapeResult> future : pending) {
            ScrapeResult result = future.join();
            results.add(result);
            ownMetrics.recordScrape(result);
            states.record(result);
            if (result.isUp()) {
                expositions.add(
                        enricher.enrich(result.exposition(), result.target().labels()));
            }
        }
        expositions.set(0, UpMetrics.of(results, Optional.of(enricher)));
        if (incomplete) {
            expositions.add(1, UpMetrics.discoveryIncomplete());
        }
        if (output == ExpositionFormat.OPENMETRICS) {
            OpenMetricsIsolation.Isolated isolated = OpenMetricsIsolation.isolate(expositions);
            ownMetrics.recordOpenMetricsDrops(isolated.droppedSeries());
            expositions = isolated.expositions();
        }
        MergeResult merged = merger.merge(expositions);
        ownMetrics.recordMerge(merged);
        return merged.exposition();
    }

    /**
     * A Single Endpoint Scrape whose targets have all been scraped, ready to be written: what
     * {@link #writeTo} writes is byte for byte {@link #scrapeAll(ExpositionFormat)} written by the
     * {@link ExpositionWriter}. Close it, written or not, to release what it holds.
     */
    public interface Prepared extends AutoCloseable {
        /** Writes the merged exposition to {@code out} (flushed, not closed); once. */
        void writeTo(OutputStream out) throws IOException;

        @Override
        void close();
    }

    /**
     * Scrapes every current target for output in {@code output}. With a merger that merges incrementally
     * (the default one does), each target's exposition is enriched and handed to the merge as soon as it
     * arrives, and then let go, so that memory does not grow with the sum of the targets' expositions;
     * otherwise this is {@link #scrapeAll(ExpositionFormat)}, written when asked.
     */
    public Prepared prepare(ExpositionFormat output) {
        List<Target> targets = resolver.resolve();
        boolean incomplete = !discovery.discoverySucceeded();
        int first = incomplete ? 2 : 1;
        Optional<ExpositionMerger.Incremental> incremental =
                merger.incremental(targets.size() + first, output == ExpositionFormat.OPENMETRICS);
        if (incremental.isEmpty()) {
            Exposition merged = scrapeAll(output);
            return new Prepared() {
                @Override
                public void writeTo(OutputStream out) throws IOException {
                    ExpositionWriter.write(merged.families(), output, out);
                }

                @Override
                public void close() {}
            };
        }
        ExpositionMerger.Incremental merge = incremental.get();
        try {
            List<CompletableFuture<ScrapeResult>> pending = new ArrayList<>(targets.size());
            for (int i = 0; i < targets.size(); i++) {
                int index = first + i;
                pending.add(scraper.scrape(targets.get(i)).thenApply(result -> handIn(result, index, merge)));
            }
            List<ScrapeResult> results = new ArrayList<>(targets.size());
            for (CompletableFuture<ScrapeResult> future : pending) {
                results.add(future.join());
            }
            merge.put(0, UpMetrics.of(results, Optional.of(enricher)));
            if (incomplete) {
                merge.put(1, UpMetrics.discoveryIncomplete());
            }
            ExpositionMerger.Merged merged = merge.finish();
            return new Prepared() {
                @Override
                public void writeTo(OutputStream out) throws IOException {
                    ExpositionWriter.write(merged, output, out);
                    if (output == ExpositionFormat.OPENMETRICS) {
                        ownMetrics.recordOpenMetricsDrops(merged.droppedSeries());
                    }
                    ownMetrics.recordMerge(
                            new MergeResult(Exposition.EMPTY, merged.typeConflicts(), merged.duplicateSeries()));
                }

                @Override
                public void close() {
                    merge.close();
                }
            };
        } catch (RuntimeException e) {
            merge.close();
            throw e;
        }
    }

    /**
     * Records a target's result, hands its enriched exposition to the merge, and returns the result
     * without its exposition, so that nothing keeps it.
     */
    private ScrapeResult handIn(ScrapeResult result, int index, ExpositionMerger.Incremental merge) {
        ownMetrics.recordScrape(result);
        states.record(result);
        if (result.isUp()) {
            Labels labels = result.target().labels();
            Exposition exposition = result.exposition();
            if (!labels.isEmpty()
                    && enricher instanceof CfLabelEnricher cf
                    && cf.appendsAsIs(exposition, labels)
                    && ExpositionWriter.canAppend(exposition, labels)) {
                merge.put(index, exposition, labels); // the enricher's rules only append: no sample rebuilt
            } else {
                merge.put(index, enricher.enrich(exposition, labels));
            }
        } // a failure is logged by the state log, with the URL redacted
        return new ScrapeResult(
                result.target(),
                result.outcome(),
                Exposition.EMPTY,
                result.failure(),
                result.duration(),
                result.bodyBytes());
    }
}
