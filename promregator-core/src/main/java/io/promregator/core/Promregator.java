package io.promregator.core;

import io.promregator.core.auth.Authenticators;
import io.promregator.core.cf.CfDiscovery;
import io.promregator.core.cf.client.CfConfigMapping;
import io.promregator.core.config.ConfigurationException;
import io.promregator.core.config.Discovery;
import io.promregator.core.config.PromregatorConfig;
import io.promregator.core.config.RuntimeSettings;
import io.promregator.core.config.ScrapeLimits;
import io.promregator.core.enrich.CfLabelEnricher;
import io.promregator.core.enrich.LabelConflict;
import io.promregator.core.exposition.Exposition;
import io.promregator.core.merge.FirstTypeWinsMerger;
import io.promregator.core.metrics.CloudControllerMetrics;
import io.promregator.core.metrics.OwnMetrics;
import io.promregator.core.metrics.OwnMetricsSettings;
import io.promregator.core.scrape.HttpClientScraper;
import io.promregator.core.scrape.ScrapeSettings;
import io.promregator.core.scrape.SingleEndpointScraping;
import io.promregator.core.scrape.SingleTargetScraping;
import io.promregator.core.scrape.TargetStateLog;
import io.promregator.core.server.DiscoveryControls;
import io.promregator.core.server.DiscoverySettings;
import io.promregator.core.server.Endpoints;
import io.promregator.core.server.InboundAuthentication;
import io.promregator.core.server.PromregatorServer;
import io.promregator.core.server.ServerSettings;
import io.promregator.core.target.CompositeTargetResolver;
import io.promregator.core.target.StaticTargetResolver;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The aggregator, ready to embed: {@code Promregator.builder().targetResolver(...).build()} wires the
 * four seams and {@link #start()} serves them over HTTP. Every seam can be replaced; the defaults are
 * {@link HttpClientScraper}, {@link CfLabelEnricher} and {@link FirstTypeWinsMerger}.
 *
 * <pre>{@code
 * try (Promregator promregator = Promregator.builder()
 *         .targetResolver(new StaticTargetResolver(targets))
 *         .server(ServerSettings.defaults().withAddress("127.0.0.1").withPort(0))
 *         .build()) {
 *     promregator.start();
 *     int port = promregator.port();
 * }
 * }</pre>
 */
public final class Promregator implements AutoCloseable {
    private static final Logger logger = LoggerFactory.getLogger(Promregator.class);

    private final ServerSettings serverSettings;
    private final Endpoints endpoints;
    private final OwnMetrics ownMetrics;
    private final String instanceId;
    private final List<AutoCloseable> owned;
    private PromregatorServer server;

    private Promregator(Builder builder) {
        this.serverSettings = builder.serverSettings;
        this.instanceId = builder.scrapeSettings.instanceId();
        OwnMetricsSettings metricsSettings = builder.ownMetricsSettings.withIdentity(
                builder.ownMetricsSettings.identity().withInstanceId(instanceId));
        this.ownMetrics = new OwnMetrics(metricsSettings, builder.cloudControllerMetrics);
        logger.info("{}", metricsSettings.identity().describe());
        HttpClientScraper defaultScraper = builder.scraper == null
                ? new HttpClientScraper(builder.scrapeSettings, builder.authenticators, builder.limits)
                : null;
        this.owned = new ArrayList<>(builder.ownedResources);
        if (defaultScraper != null) {
            owned.add(defaultScraper);
        }
        TargetResolver resolver =
                builder.targetResolver == null ? new StaticTargetResolver(List.of()) : builder.targetResolver;
        Scraper scraper = builder.scraper == null ? defaultScraper : builder.scraper;
        LabelEnricher enricher =
                builder.labelEnricher == null ? new CfLabelEnricher(builder.labelConflict) : builder.labelEnricher;
        ExpositionMerger merger = builder.merger == null ? new FirstTypeWinsMerger() : builder.merger;
        TargetStateLog states = new TargetStateLog(Clock.systemUTC(), metricsSettings.targetTimeout());
        this.endpoints = new Endpoints(
                new SingleEndpointScraping(resolver, scraper, enricher, merger, ownMetrics, states),
                new SingleTargetScraping(
                        resolver, scraper, enricher, merger, ownMetrics, builder.labelEnrichment, states),
                resolver,
                ownMetrics,
                builder.discoveryControls,
                builder.discoverySettings,
                builder.httpErrorOnFailure,
                builder.inboundAuthentication);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Every check that {@link Builder#config} makes of a configuration before it builds anything, without
     * connecting to Cloud Foundry or binding a port: credentials for Cloud Foundry targets, inbound and
     * outbound authentication, the certificates and keys to read, static targets. {@code --check-config}
     * runs this, and so does start-up, so that one fails exactly when the other would.
     *
     * @throws ConfigurationException naming every problem found, each at its key
     */
    public static void check(PromregatorConfig config) {
        List<String> problems = new ArrayList<>();
        List<Runnable> checks = List.of(
                () -> RuntimeSettings.checkServer(config),
                () -> Authenticators.fromConfig(config.promregator()),
                () -> InboundAuthentication.fromConfig(config.promregator()),
                () -> RuntimeSettings.staticTargets(config),
                () -> {
                    if (!config.promregator().targets().isEmpty()) {
                        CfConfigMapping.settings(config);
                    }
                });
        for (Runnable check : checks) {
            try {
                check.run();
            } catch (ConfigurationException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
    }

    /** Binds the port and starts serving. */
    public synchronized Promregator start() {
        if (server == null) {
            server = new PromregatorServer(serverSettings, endpoints, instanceId);
        }
        return this;
    }

    /** The port the server listens on. */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.port();
    }

    /** One Single Endpoint Scrape, without the server: what {@code /metrics} would answer. */
    public Exposition scrapeAll() {
        return endpoints.singleEndpoint().scrapeAll();
    }

    /** What {@code /singleTargetMetrics} does, without the server. */
    public SingleTargetScraping singleTargetScraping() {
        return endpoints.singleTarget();
    }

    public OwnMetrics ownMetrics() {
        return ownMetrics;
    }

    /** This process's id, sent with every scrape as {@code X-Promregator-Instance}. */
    public String instanceId() {
        return instanceId;
    }

    /** Stops serving (requests in flight finish within the grace period) and releases threads. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
            server = null;
        }
        for (AutoCloseable resource : owned) {
            try {
                resource.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close " + resource, e);
            }
        }
        owned.clear();
    }

    /** Collects the parts; every one has a default (no targets at all, for the resolver). */
    public static final class Builder {
        private TargetResolver targetResolver;
        private Scraper scraper;
        private LabelEnricher labelEnricher;
        private ExpositionMerger merger;
        private ScrapeSettings scrapeSettings = ScrapeSettings.defaults();
        private ServerSettings serverSettings = ServerSettings.defaults();
        private LabelConflict labelConflict = LabelConflict.EXPORTED;
        private OwnMetricsSettings ownMetricsSettings = OwnMetricsSettings.defaults();
        private final CloudControllerMetrics cloudControllerMetrics = new CloudControllerMetrics();
        private DiscoveryControls discoveryControls = DiscoveryControls.NONE;
        private final List<AutoCloseable> ownedResources = new ArrayList<>();
        private DiscoverySettings discoverySettings = DiscoverySettings.defaults();
        private boolean labelEnrichment = true;
        private boolean httpErrorOnFailure;
        private Authenticators authenticators = Authenticators.NONE;
        private ScrapeLimits limits = ScrapeLimits.defaults();
        private InboundAuthentication inboundAuthentication = InboundAuthentication.NONE;

        private Builder() {}

        /** What {@code /discovery} writes. Default: the request's own address and the own-metrics entry. */
        public Builder discovery(DiscoverySettings value) {
            discoverySettings = Objects.requireNonNull(value);
            return this;
        }

        /** Which endpoints ask callers for a Basic user. Default: none. */
        public Builder inboundAuthentication(InboundAuthentication value) {
            inboundAuthentication = Objects.requireNonNull(value);
            return this;
        }

        /** What one target's exposition may hold before its scrape fails. Default: {@link ScrapeLimits#defaults()}. */
        public Builder limits(ScrapeLimits value) {
            limits = Objects.requireNonNull(value);
            return this;
        }

        /** How the default scraper authenticates to targets. Default: not at all. */
        public Builder authenticators(Authenticators value) {
            authenticators = Objects.requireNonNull(value);
            return this;
        }

        /** Whether {@code /singleTargetMetrics} adds the target's labels. Default: true. */
        public Builder labelEnrichment(boolean value) {
            labelEnrichment = value;
            return this;
        }

        /** Whether {@code /singleTargetMetrics} answers a failed scrape with 502/504. Default: false (200). */
        public Builder httpErrorOnFailure(boolean value) {
            httpErrorOnFailure = value;
            return this;
        }

        /** What {@code /cache/invalidate} and {@code /explainTargets} act on. Default: nothing. */
        public Builder discoveryControls(DiscoveryControls value) {
            discoveryControls = Objects.requireNonNull(value);
            return this;
        }

        public Builder targetResolver(TargetResolver value) {
            targetResolver = value;
            return this;
        }

        /**
         * Everything a configuration sets: scraping, server, enrichment policy, own metrics, and,
         * unless a resolver was set before, its targets: static ones, and Cloud Foundry discovery for
         * {@code promregator.targets} (which connects to the Cloud Controller now).
         *
         * @throws ConfigurationException for what {@link Promregator#check} finds
         */
        public Builder config(PromregatorConfig config) {
            check(config);
            scrapeSettings = RuntimeSettings.scrape(config, scrapeSettings);
            serverSettings = RuntimeSettings.server(config, serverSettings);
            labelConflict = config.promregator().scraping().labelConflict();
            labelEnrichment = config.promregator().scraping().labelEnrichment();
            authenticators = Authenticators.fromConfig(config.promregator());
            limits = config.promregator().scraping().limits();
            inboundAuthentication = InboundAuthentication.fromConfig(config.promregator());
            httpErrorOnFailure = config.promregator().endpoint().httpErrorOnFailure();
            Discovery discovery = config.promregator().discovery();
            discoverySettings = new DiscoverySettings(
                    discovery.hostname(), discovery.port(), discovery.scheme(), discovery.ownMetricsEndpoint());
            ownMetricsSettings = OwnMetricsSettings.fromConfig(config, ownMetricsSettings.identity());
            if (targetResolver == null) {
                List<TargetResolver> resolvers = new ArrayList<>();
                if (!config.promregator().staticTargets().isEmpty()) {
                    resolvers.add(new StaticTargetResolver(RuntimeSettings.staticTargets(config)));
                }
                if (!config.promregator().targets().isEmpty()) {
                    CfDiscovery cf = CfDiscovery.fromConfig(config, cloudControllerMetrics);
                    cloudControllerMetrics.watchCaches(cf::cacheStatistics);
                    ownedResources.add(cf);
                    discoveryControls = cf;
                    resolvers.add(cf.resolver());
                }
                targetResolver = resolvers.size() == 1 ? resolvers.get(0) : new CompositeTargetResolver(resolvers);
            }
            return this;
        }

        /** A scraper of your own; the caller then closes it. Default: an {@link HttpClientScraper}. */
        public Builder scraper(Scraper value) {
            scraper = value;
            return this;
        }

        public Builder labelEnricher(LabelEnricher value) {
            labelEnricher = value;
            return this;
        }

        public Builder merger(ExpositionMerger value) {
            merger = value;
            return this;
        }

        /** Settings of the default scraper; its instance id is also used for loop detection. */
        public Builder scrapeSettings(ScrapeSettings value) {
            scrapeSettings = Objects.requireNonNull(value);
            return this;
        }

        public Builder server(ServerSettings value) {
            serverSettings = Objects.requireNonNull(value);
            return this;
        }

        /** The default enricher's policy for labels a target already has. Default: exported. */
        public Builder labelConflict(LabelConflict value) {
            labelConflict = Objects.requireNonNull(value);
            return this;
        }

        /** Whether to record {@code promregator_request_latency_seconds} per target. Default: false. */
        public Builder requestLatency(boolean value) {
            ownMetricsSettings = ownMetricsSettings.withRequestLatency(value);
            return this;
        }

        /** What the own metrics record; the instance id is the scrape settings'. Default: the defaults. */
        public Builder ownMetrics(OwnMetricsSettings value) {
            ownMetricsSettings = Objects.requireNonNull(value);
            return this;
        }

        public Promregator build() {
            return new Promregator(this);
        }
    }
}
