package io.promregator.core;

import io.promregator.core.auth.Authenticators;
import io.promregator.core.cf.discovery.CfDiscovery;
import io.promregator.core.cf.discovery.Discovery;
import io.promregator.core.config.PromregatorConfig;
import io.promregator.core.config.ScrapeLimits;
import io.promregator.core.enrich.CfLabelEnricher;
import io.promregator.core.enrich.LabelConflict;
import io.promregator.core.exposition.Exposition;
import io.promregator.core.merge.FirstTypeWinsMerger;
import io.promregator.core.metrics.OwnMetrics;
import io.promregator.core.metrics.OwnMetricsSettings;
import io.promregator.core.scrape.HttpClientScraper;
import io.promregator.core.scrape.ScrapeSettings;
import io.promregator.core.scrape.SingleEndpointScraping;
import io.promregator.core.scrape.SingleTargetScraping;
import io.promregator.core.scrape.TargetStateLog;
import io.promregator.core.server.DiscoverySettings;
import io.promregator.core.server.Endpoints;
import io.promregator.core.server.InboundAuthentication;
import io.promregator.core.server.PromregatorServer;
import io.promregator.core.server.ServerSettings;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
 *         .address("127.0.0.1")
 *         .port(0)
 *         .buildAndStart()) {
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

    private Promregator(Wiring wiring) {
        this.serverSettings = wiring.serverSettings();
        this.instanceId = wiring.scrapeSettings().instanceId();
        OwnMetricsSettings metricsSettings = wiring.ownMetricsSettings()
                .withIdentity(wiring.ownMetricsSettings().identity().withInstanceId(instanceId));
        this.ownMetrics = new OwnMetrics(metricsSettings, wiring.cloudControllerMetrics());
        logger.info("{}", metricsSettings.identity().describe());
        HttpClientScraper defaultScraper = wiring.scraper() == null
                ? new HttpClientScraper(wiring.scrapeSettings(), wiring.authenticators(), wiring.limits())
                : null;
        this.owned = new ArrayList<>(wiring.ownedResources());
        if (defaultScraper != null) {
            owned.add(defaultScraper);
        }
        TargetResolver resolver = wiring.targetResolver();
        Scraper scraper = wiring.scraper() == null ? defaultScraper : wiring.scraper();
        LabelEnricher enricher =
                wiring.labelEnricher() == null ? new CfLabelEnricher(wiring.labelConflict()) : wiring.labelEnricher();
        ExpositionMerger merger = wiring.merger() == null ? new FirstTypeWinsMerger() : wiring.merger();
        TargetStateLog states = new TargetStateLog(Clock.systemUTC(), metricsSettings.targetTimeout());
        this.endpoints = new Endpoints(
                new SingleEndpointScraping(
                        resolver, scraper, enricher, merger, ownMetrics, states, wiring.discoveryControls()),
                new SingleTargetScraping(
                        resolver, scraper, enricher, merger, ownMetrics, wiring.labelEnrichment(), states),
                resolver,
                ownMetrics,
                wiring.discoveryControls(),
                wiring.discoverySettings(),
                wiring.httpErrorOnFailure(),
                wiring.inboundAuthentication());
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
    public static void check(Configuration config) {
        check(config.tree());
    }

    static void check(PromregatorConfig config) {
        Wiring.check(config);
    }

    /**
     * One discovery with the configuration's Cloud Foundry targets, and what each target matched and why
     * each candidate was dropped: what {@code /explainTargets} and {@code --explain-targets} show. Connects
     * to the Cloud Controller; binds no port.
     */
    public static TargetsExplanation explainTargets(Configuration config) {
        PromregatorConfig tree = config.tree();
        if (tree.promregator().targets().isEmpty()) {
            return new TargetsExplanation(DiscoveryControls.NONE.explain(), Optional.empty());
        }
        try (CfDiscovery discovery = CfDiscovery.fromConfig(tree)) {
            Discovery result = discovery.resolver().discovery();
            return new TargetsExplanation(result.explain(), result.error());
        }
    }

    /**
     * What {@link #explainTargets} found.
     *
     * @param text for each configured target, what it matched and why not, as text
     * @param error why the discovery failed, when it did
     */
    public record TargetsExplanation(String text, Optional<String> error) {}

    /**
     * Sets the JDK HTTP server's system properties (idle and request timeouts) before its classes load;
     * a main method calls it first. Without it the JDK's defaults apply.
     */
    public static void prepareJvm() {
        PromregatorServer.prepareJvm();
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

    synchronized List<String> paths() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.paths();
    }

    OwnMetrics ownMetrics() {
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

    /**
     * Collects the parts. {@link #config} is a base, whenever it is called: every other setter wins over
     * it, whatever the order of the calls. A part neither set nor configured has its default (no targets
     * at all, for the resolver).
     */
    public static final class Builder {
        private PromregatorConfig config;
        private TargetResolver targetResolver;
        private Scraper scraper;
        private LabelEnricher labelEnricher;
        private ExpositionMerger merger;
        private ScrapeSettings scrapeSettings;
        private ServerSettings serverSettings;
        private LabelConflict labelConflict;
        private OwnMetricsSettings ownMetricsSettings;
        private Boolean requestLatency;
        private DiscoveryControls discoveryControls;
        private DiscoverySettings discoverySettings;
        private Boolean labelEnrichment;
        private Boolean httpErrorOnFailure;
        private Authenticators authenticators;
        private ScrapeLimits limits;
        private InboundAuthentication inboundAuthentication;
        private String address;
        private Integer port;

        private Builder() {}

        /** What {@code /discovery} writes. Default: the request's own address and the own-metrics entry. */
        Builder discovery(DiscoverySettings value) {
            discoverySettings = Objects.requireNonNull(value);
            return this;
        }

        /** Which endpoints ask callers for a Basic user. Default: none. */
        Builder inboundAuthentication(InboundAuthentication value) {
            inboundAuthentication = Objects.requireNonNull(value);
            return this;
        }

        /** What one target's exposition may hold before its scrape fails. Default: {@link ScrapeLimits#defaults()}. */
        Builder limits(ScrapeLimits value) {
            limits = Objects.requireNonNull(value);
            return this;
        }

        /** How the default scraper authenticates to targets. Default: not at all. */
        Builder authenticators(Authenticators value) {
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

        /** Which targets to scrape. Default: those of the configuration, else none. */
        public Builder targetResolver(TargetResolver value) {
            targetResolver = Objects.requireNonNull(value);
            return this;
        }

        /**
         * The base for every part no other setter sets: scraping, server, enrichment policy, own metrics,
         * authentication, and, unless a resolver is set, its targets: static ones, and Cloud Foundry
         * discovery for {@code promregator.targets} (which {@link #build} connects to the Cloud Controller).
         * Checked now; a second call replaces the first.
         *
         * @throws ConfigurationException for what {@link Promregator#check} finds
         */
        public Builder config(Configuration value) {
            return config(value.tree());
        }

        Builder config(PromregatorConfig value) {
            check(value);
            config = value;
            return this;
        }

        /** Where the server listens ({@code server.address}). Default: all addresses. */
        public Builder address(String value) {
            address = Objects.requireNonNull(value);
            return this;
        }

        /** The port to listen on ({@code server.port}); 0 picks a free one ({@link Promregator#port}). Default: 8080. */
        public Builder port(int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535. Found: " + value);
            }
            port = value;
            return this;
        }

        /** A scraper of your own; the caller then closes it. Default: an {@link HttpClientScraper}. */
        public Builder scraper(Scraper value) {
            scraper = Objects.requireNonNull(value);
            return this;
        }

        /** Default: a {@link CfLabelEnricher} with the {@link #labelConflict} policy. */
        public Builder labelEnricher(LabelEnricher value) {
            labelEnricher = Objects.requireNonNull(value);
            return this;
        }

        /** Default: a {@link FirstTypeWinsMerger}. */
        public Builder merger(ExpositionMerger value) {
            merger = Objects.requireNonNull(value);
            return this;
        }

        /** Settings of the default scraper; its instance id is also used for loop detection. */
        Builder scrapeSettings(ScrapeSettings value) {
            scrapeSettings = Objects.requireNonNull(value);
            return this;
        }

        Builder server(ServerSettings value) {
            serverSettings = Objects.requireNonNull(value);
            return this;
        }

        /** The default enricher's policy for labels a target already has. Default: exported. */
        public Builder labelConflict(LabelConflict value) {
            labelConflict = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Whether to record {@code promregator_request_latency_seconds} per target, over what the own
         * metrics settings say. Default: false.
         */
        public Builder requestLatency(boolean value) {
            requestLatency = value;
            return this;
        }

        /** What the own metrics record; the instance id is the scrape settings'. Default: the defaults. */
        Builder ownMetrics(OwnMetricsSettings value) {
            ownMetricsSettings = Objects.requireNonNull(value);
            return this;
        }

        public Promregator build() {
            return new Promregator(wiring());
        }

        /** {@link #build} and {@link Promregator#start}: the common case. */
        public Promregator buildAndStart() {
            return build().start();
        }

        /** The parts as {@link #build} uses them: each set one, else the configuration's, else the default. */
        Wiring wiring() {
            Wiring base = Wiring.of(config, targetResolver == null);
            OwnMetricsSettings metrics = or(ownMetricsSettings, base.ownMetricsSettings());
            return new Wiring(
                    or(targetResolver, base.targetResolver()),
                    scraper,
                    labelEnricher,
                    merger,
                    or(scrapeSettings, base.scrapeSettings()),
                    serverSettings(base.serverSettings()),
                    or(labelConflict, base.labelConflict()),
                    requestLatency == null ? metrics : metrics.withRequestLatency(requestLatency),
                    base.cloudControllerMetrics(),
                    or(discoveryControls, base.discoveryControls()),
                    base.ownedResources(),
                    or(discoverySettings, base.discoverySettings()),
                    or(labelEnrichment, base.labelEnrichment()),
                    or(httpErrorOnFailure, base.httpErrorOnFailure()),
                    or(authenticators, base.authenticators()),
                    or(limits, base.limits()),
                    or(inboundAuthentication, base.inboundAuthentication()));
        }

        private ServerSettings serverSettings(ServerSettings base) {
            ServerSettings settings = or(serverSettings, base);
            if (address != null) {
                settings = settings.withAddress(address);
            }
            return port == null ? settings : settings.withPort(port);
        }

        private static <T> T or(T set, T base) {
            return set != null ? set : base;
        }
    }
}
