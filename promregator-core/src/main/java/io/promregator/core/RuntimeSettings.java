package io.promregator.core;

import io.promregator.core.config.PromregatorConfig;
import io.promregator.core.config.Scraping;
import io.promregator.core.config.Server;
import io.promregator.core.config.StaticTarget;
import io.promregator.core.exposition.Labels;
import io.promregator.core.scrape.ScrapeSettings;
import io.promregator.core.server.ServerSettings;
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

/** Turns a configuration into the settings of the parts it configures. */
public final class RuntimeSettings {
    private static final Logger logger = LoggerFactory.getLogger(RuntimeSettings.class);

    private RuntimeSettings() {}

    /**
     * The scraper's settings; a connect or read timeout above maxProcessingTime is lowered to it, with a
     * warning ({@link #timeoutWarnings}).
     */
    public static ScrapeSettings scrape(PromregatorConfig config, ScrapeSettings base) {
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
    public static ServerSettings server(PromregatorConfig config, ServerSettings base) {
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
     * Reads the certificate and key of {@code server.ssl}, as {@link #server} does, without logging.
     *
     * @throws ConfigurationException when they cannot be read
     */
    public static void checkServer(PromregatorConfig config) {
        config.server().ssl().identity();
    }

    /** {@code promregator.staticTargets}, each identified by its URL. */
    public static List<Target> staticTargets(PromregatorConfig config) {
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
    public static List<String> timeoutWarnings(Scraping scraping) {
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
}
