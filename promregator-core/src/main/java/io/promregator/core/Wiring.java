package io.promregator.core;

import io.promregator.core.auth.Authenticators;
import io.promregator.core.cf.client.CfConfigMapping;
import io.promregator.core.cf.discovery.CfDiscovery;
import io.promregator.core.config.DiscoveryEndpoint;
import io.promregator.core.config.PromregatorConfig;
import io.promregator.core.config.ScrapeLimits;
import io.promregator.core.config.Scraping;
import io.promregator.core.config.Server;
import io.promregator.core.config.StaticTarget;
import io.promregator.core.enrich.LabelConflict;
import io.promregator.core.exposition.Labels;
import io.promregator.core.metrics.CloudControllerMetrics;
import io.promregator.core.metrics.OwnMetricsSettings;
import io.promregator.core.scrape.ScrapeSettings;
import io.promregator.core.server.DiscoverySettings;
import io.promregator.core.server.InboundAuthentication;
import io.promregator.core.server.ServerSettings;
import io.promregator.core.target.CompositeTargetResolver;
import io.promregator.core.target.StaticTargetResolver;
import io.promregator.core.tls.TlsIdentity;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The effective parts of one {@link Promregator}; a null seam (scraper, enricher, merger) means the
 * default one, which {@link Promregator} makes. This is the one place where the configuration becomes the
 * settings of the parts it configures ({@link #of}, {@link #scrape}, {@link #server}).
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
    private static final Logger logger = LoggerFactory.getLogger(Wiring.class);

    /**
     * The scraper's settings; a connect or read timeout above maxProcessingTime is lowered to it, with a
     * warning ({@link #timeoutWarnings}).
     */
    static ScrapeSettings scrape(PromregatorConfig config, ScrapeSettings base) {
        Scraping scraping = config.promregator().scraping();
        timeoutWarnings(scraping).forEach(logger::warn);
        ScrapeSettings settings = base.withMaxInFlight(scraping.threads())
                .withTimeouts(
                        Duration.ofMillis(scraping.connectionTimeout()),
                        Duration.ofMillis(scraping.socketReadTimeout()),
                        Duration.ofMillis(scraping.maxProcessingTime()))
                .withMaxResponseBytes(scraping.maxResponseSize());
        if (scraping.proxy().configured()) {
            settings = settings.withProxy(new InetSocketAddress(
                    scraping.proxy().host(), scraping.proxy().port()));
        }
        return settings;
    }

    /**
     * The server's settings: {@code server.port}, {@code .address}, {@code .tomcat.threads.max},
     * {@code .compression.enabled}, and HTTPS from {@code server.ssl.*}.
     *
     * @throws ConfigurationException when the certificate or key of {@code server.ssl} cannot be read
     */
    static ServerSettings server(PromregatorConfig config, ServerSettings base) {
        Server server = config.server();
        int threads = server.tomcat().maxThreads() > 0
                ? server.tomcat().maxThreads()
                : server.tomcat().threads().max();
        ServerSettings settings = base.withAddress(server.address())
                .withPort(server.port())
                .withThreads(threads)
                .withGzip(server.compression().enabled());
        Optional<TlsIdentity> tls = server.ssl().identity();
        if (tls.isEmpty()) {
            return settings;
        }
        X509Certificate certificate = tls.get().chain().get(0);
        logger.info(
                "Serving HTTPS (TLS 1.3, 1.2) with the certificate of {}, valid until {}",
                certificate.getSubjectX500Principal().getName(),
                certificate.getNotAfter().toInstant());
        if (certificate.getNotAfter().toInstant().isBefore(Instant.now())) {
            logger.warn("The server certificate has expired: clients will refuse it");
        }
        return settings.withTls(tls.get().serverContext());
    }

    /**
     * Reads the certificate and key of {@code server.ssl}, as {@link #server(PromregatorConfig, ServerSettings)} does, without logging.
     *
     * @throws ConfigurationException when they cannot be read
     */
    static void checkServer(PromregatorConfig config) {
        config.server().ssl().identity();
    }

    /** {@code promregator.staticTargets}, each identified by its URL. */
    static List<Target> staticTargets(PromregatorConfig config) {
        List<Target> targets = new ArrayList<>();
        for (StaticTarget target : config.promregator().staticTargets()) {
            targets.add(
                    new Target(target.url().toString(), target.url(), Labels.of(target.labels()), target.headers()));
        }
        return targets;
    }

    /**
     * What start-up warns about the timeouts: each connect or read timeout longer than
     * {@code maxProcessingTime}. Only a value the user wrote can be: a default is already no longer than the
     * {@code maxProcessingTime} of its configuration ({@link ConfigLoader}, {@link Scraping.Builder}).
     */
    static List<String> timeoutWarnings(Scraping scraping) {
        List<String> warnings = new ArrayList<>();
        clamped("connectionTimeout", scraping.connectionTimeout(), scraping.maxProcessingTime())
                .ifPresent(warnings::add);
        clamped("socketReadTimeout", scraping.socketReadTimeout(), scraping.maxProcessingTime())
                .ifPresent(warnings::add);
        return warnings;
    }

    private static Optional<String> clamped(String key, int value, int maxProcessingTime) {
        if (value <= maxProcessingTime) {
            return Optional.empty();
        }
        return Optional.of("promregator.scraping." + key + " (" + value + " ms) is longer than"
                + " promregator.scraping.maxProcessingTime (" + maxProcessingTime + " ms); using "
                + maxProcessingTime + " ms");
    }

    /**
     * Every check that start-up makes of a configuration, without connecting or binding: each part's
     * mapping from the configuration, run for its errors only.
     *
     * @throws ConfigurationException naming every problem found, each at its key
     */
    static void check(PromregatorConfig config) {
        List<String> problems = new ArrayList<>();
        List<Runnable> checks = List.of(
                () -> checkServer(config),
                () -> Authenticators.fromConfig(config.promregator()),
                () -> InboundAuthentication.fromConfig(config.promregator()),
                () -> staticTargets(config),
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
            resolvers.add(new StaticTargetResolver(staticTargets(config)));
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
                scrape(config, ScrapeSettings.defaults()),
                server(config, ServerSettings.defaults()),
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
