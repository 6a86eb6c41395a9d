package io.promregator.core;

import io.promregator.core.auth.Authenticators;
import io.promregator.core.config.PromregatorConfig;
import io.promregator.core.config.ScrapeLimits;
import io.promregator.core.enrich.LabelConflict;
import io.promregator.core.metrics.OwnMetrics;
import io.promregator.core.metrics.OwnMetricsSettings;
import io.promregator.core.scrape.ScrapeSettings;
import io.promregator.core.server.DiscoverySettings;
import io.promregator.core.server.InboundAuthentication;
import io.promregator.core.server.ServerSettings;
import java.util.List;

/**
 * {@link Promregator.Builder} for the tests of other packages: its public setters, and those that take the
 * settings of parts that are not exported (the module exports only what an embedder needs), which only
 * code of the root package may call.
 */
@SuppressWarnings("exports") // a test helper: it hands the tests parts that the module does not export
public final class TestBuilder {
    private final Promregator.Builder builder = Promregator.builder();

    private TestBuilder() {}

    public static TestBuilder create() {
        return new TestBuilder();
    }

    /** {@link Promregator#check} of a configuration tree. */
    public static void check(PromregatorConfig config) {
        Promregator.check(config);
    }

    /** The own metrics of an aggregator. */
    public static OwnMetrics ownMetrics(Promregator promregator) {
        return promregator.ownMetrics();
    }

    /** The paths a started aggregator serves. */
    public static List<String> paths(Promregator promregator) {
        return promregator.paths();
    }

    public TestBuilder config(PromregatorConfig value) {
        builder.config(value);
        return this;
    }

    public TestBuilder config(Configuration value) {
        builder.config(value);
        return this;
    }

    public TestBuilder discovery(DiscoverySettings value) {
        builder.discovery(value);
        return this;
    }

    public TestBuilder inboundAuthentication(InboundAuthentication value) {
        builder.inboundAuthentication(value);
        return this;
    }

    public TestBuilder limits(ScrapeLimits value) {
        builder.limits(value);
        return this;
    }

    public TestBuilder authenticators(Authenticators value) {
        builder.authenticators(value);
        return this;
    }

    public TestBuilder scrapeSettings(ScrapeSettings value) {
        builder.scrapeSettings(value);
        return this;
    }

    public TestBuilder server(ServerSettings value) {
        builder.server(value);
        return this;
    }

    public TestBuilder ownMetrics(OwnMetricsSettings value) {
        builder.ownMetrics(value);
        return this;
    }

    public TestBuilder labelEnrichment(boolean value) {
        builder.labelEnrichment(value);
        return this;
    }

    public TestBuilder httpErrorOnFailure(boolean value) {
        builder.httpErrorOnFailure(value);
        return this;
    }

    public TestBuilder discoveryControls(DiscoveryControls value) {
        builder.discoveryControls(value);
        return this;
    }

    public TestBuilder targetResolver(TargetResolver value) {
        builder.targetResolver(value);
        return this;
    }

    public TestBuilder scraper(Scraper value) {
        builder.scraper(value);
        return this;
    }

    public TestBuilder labelEnricher(LabelEnricher value) {
        builder.labelEnricher(value);
        return this;
    }

    public TestBuilder merger(ExpositionMerger value) {
        builder.merger(value);
        return this;
    }

    public TestBuilder labelConflict(LabelConflict value) {
        builder.labelConflict(value);
        return this;
    }

    public TestBuilder requestLatency(boolean value) {
        builder.requestLatency(value);
        return this;
    }

    public TestBuilder address(String value) {
        builder.address(value);
        return this;
    }

    public TestBuilder port(int value) {
        builder.port(value);
        return this;
    }

    public Promregator build() {
        return builder.build();
    }

    public Promregator buildAndStart() {
        return builder.buildAndStart();
    }
}
