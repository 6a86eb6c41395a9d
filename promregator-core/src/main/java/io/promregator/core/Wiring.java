package io.promregator.core;

import io.promregator.core.auth.Authenticators;
import io.promregator.core.cf.discovery.CfDiscovery;
import io.promregator.core.config.DiscoveryEndpoint;
import io.promregator.core.config.PromregatorConfig;
import io.promregator.core.config.ScrapeLimits;
import io.promregator.core.enrich.LabelConflict;
import io.promregator.core.metrics.CloudControllerMetrics;
import io.promregator.core.metrics.OwnMetricsSettings;
import io.promregator.core.scrape.ScrapeSettings;
import io.promregator.core.server.DiscoverySettings;
import io.promregator.core.server.InboundAuthentication;
import io.promregator.core.server.ServerSettings;
import io.promregator.core.target.CompositeTargetResolver;
import io.promregator.core.target.StaticTargetResolver;
import java.util.ArrayList;
import java.util.List;

/**
 * The effective parts of one {@link Promregator}; a null seam (scraper, enricher, merger) means the
 * default one, which {@link Promregator} makes.
 */
record Wiring(
        TargetResolver targetResolver,
        Scraper scraper,
        LabelEnricher labelEnricher,
        ExpositionMerger merger,
        ScrapeSettings scrapeSettings,
        ServerSettings serverSettings,
        LabelConflict labelConflict,
        OwnMetricsSettings ownMetricsSettings,
        CloudControllerMetrics cloudControllerMetrics,
        DiscoveryControls discoveryControls,
        List<AutoCloseable> ownedResources,
        DiscoverySettings discoverySettings,
        boolean labelEnrichment,
        boolean httpErrorOnFailure,
        Authenticators authenticators,
        ScrapeLimits limits,
        InboundAuthentication inboundAuthentication) {

    /**
     * The parts a configuration sets, the defaults where it is null. With {@code resolveTargets}, its
     * targets too: static ones, and Cloud Foundry discovery for {@code promregator.targets}, which connects
     * to the Cloud Controller now.
     */
    static Wiring of(PromregatorConfig config, boolean resolveTargets) {
        CloudControllerMetrics cloudControllerMetrics = new CloudControllerMetrics();
        if (config == null) {
            return new Wiring(
                    new StaticTargetResolver(List.of()),
                    null,
                    null,
                    null,
                    ScrapeSettings.defaults(),
                    ServerSettings.defaults(),
                    LabelConflict.EXPORTED,
                    OwnMetricsSettings.defaults(),
                    cloudControllerMetrics,
                    DiscoveryControls.NONE,
                    List.of(),
                    DiscoverySettings.defaults(),
                    true,
                    false,
                    Authenticators.NONE,
                    ScrapeLimits.defaults(),
                    InboundAuthentication.NONE);
        }
        List<TargetResolver> resolvers = new ArrayList<>();
        List<AutoCloseable> owned = new ArrayList<>();
        DiscoveryControls controls = DiscoveryControls.NONE;
        if (resolveTargets && !config.promregator().staticTargets().isEmpty()) {
            resolvers.add(new StaticTargetResolver(RuntimeSettings.staticTargets(config)));
        }
        if (resolveTargets && !config.promregator().targets().isEmpty()) {
            CfDiscovery cf = CfDiscovery.fromConfig(config, cloudControllerMetrics);
            cloudControllerMetrics.watchCaches(cf::cacheStatistics);
            owned.add(cf);
            controls = cf;
            resolvers.add(cf.resolver());
        }
        DiscoveryEndpoint discovery = config.promregator().discovery();
        return new Wiring(
                switch (resolvers.size()) {
                    case 0 -> new StaticTargetResolver(List.of());
                    case 1 -> resolvers.get(0);
                    default -> new CompositeTargetResolver(resolvers);
                },
                null,
                null,
                null,
                RuntimeSettings.scrape(config, ScrapeSettings.defaults()),
                RuntimeSettings.server(config, ServerSettings.defaults()),
                config.promregator().scraping().labelConflict(),
                OwnMetricsSettings.fromConfig(
                        config, OwnMetricsSettings.defaults().identity()),
                cloudControllerMetrics,
                controls,
                owned,
                new DiscoverySettings(
                        discovery.hostname(), discovery.port(), discovery.scheme(), discovery.ownMetricsEndpoint()),
                config.promregator().scraping().labelEnrichment(),
                config.promregator().endpoint().httpErrorOnFailure(),
                Authenticators.fromConfig(config.promregator()),
                config.promregator().scraping().limits(),
                InboundAuthentication.fromConfig(config.promregator()));
    }
}
