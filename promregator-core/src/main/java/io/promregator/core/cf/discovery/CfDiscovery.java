package io.promregator.core.cf.discovery;

import io.promregator.core.DiscoveryControls;
import io.promregator.core.cf.CloudControllerException;
import io.promregator.core.cf.cache.CacheStatistics;
import io.promregator.core.cf.cache.CachingCloudController;
import io.promregator.core.cf.cache.CachingCloudController.Kind;
import io.promregator.core.cf.client.CfConfigMapping;
import io.promregator.core.cf.client.CloudControllerSettings;
import io.promregator.core.cf.client.HttpCloudController;
import io.promregator.core.cf.client.RequestListener;
import io.promregator.core.config.PromregatorConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cloud Foundry discovery assembled from a configuration: the HTTP client, its caches, and the target
 * resolver, plus what {@code /cache/invalidate} and {@code /explainTargets} act on. Close it to stop
 * its threads.
 */
public final class CfDiscovery implements DiscoveryControls, AutoCloseable {
    private static final Logger logger = LoggerFactory.getLogger(CfDiscovery.class);

    private final HttpCloudController client;
    private final CachingCloudController cache;
    private final CloudControllerTargetResolver resolver;
    private final ExecutorService refresher;
    private final boolean readyAfterFirstDiscovery;

    private CfDiscovery(PromregatorConfig config, HttpCloudController client) {
        this.client = client;
        this.refresher = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "promregator-cf-refresh");
            thread.setDaemon(true);
            return thread;
        });
        this.cache = new CachingCloudController(client, config.cf().cache(), refresher, System::nanoTime);
        this.resolver = new CloudControllerTargetResolver(
                config.promregator().targets(),
                cache,
                config.promregator().defaultInternalRoutePort(),
                config.cf().username(),
                Duration.ofSeconds(config.cf().cache().timeout().resolver()),
                refresher,
                Clock.systemUTC(),
                System::nanoTime);
        this.readyAfterFirstDiscovery = config.promregator().discoverer().readyAfterFirstDiscovery();
        resolver.startFirstDiscovery(
                Duration.ofMillis(config.promregator().scraping().maxProcessingTime()));
    }

    /**
     * Discovery for {@code promregator.targets} against {@code cf.api_host}. Connects at once, so that
     * wrong credentials or a missing v3 API show at start-up; a Cloud Controller that cannot be reached
     * now is logged, and discovery keeps trying on every request. The first discovery starts at once, in
     * the background; until it has completed, a request waits for it at most
     * {@code promregator.scraping.maxProcessingTime}.
     */
    public static CfDiscovery fromConfig(PromregatorConfig config) {
        return fromConfig(config, RequestListener.NONE);
    }

    /**
     * The same, with a listener told about every Cloud Controller and UAA request (for
     * {@code promregator.metrics.internal}).
     */
    public static CfDiscovery fromConfig(PromregatorConfig config, RequestListener requestListener) {
        CloudControllerSettings settings = CfConfigMapping.settings(config).toBuilder()
                .requestListener(requestListener)
                .build();
        HttpCloudController client = new HttpCloudController(settings);
        try {
            client.connect();
        } catch (CloudControllerException e) {
            logger.error("Cannot log in to Cloud Foundry yet: {}", e.getMessage());
        }
        return new CfDiscovery(config, client);
    }

    public CloudControllerTargetResolver resolver() {
        return resolver;
    }

    /** Requests made to the Cloud Controller and UAA so far. */
    public long requestCount() {
        return client.requestCount();
    }

    /** Hits, misses, loads and size of every cache, the whole discovery's ({@code resolver}) last. */
    public List<CacheStatistics> cacheStatistics() {
        List<CacheStatistics> statistics = new ArrayList<>(cache.statistics());
        statistics.add(resolver.cacheStatistics());
        return statistics;
    }

    /**
     * Empties the named caches. The discovery built from them is emptied too, whatever was named, so
     * that the next scrape sees the change.
     */
    @Override
    public void invalidate(Set<String> caches) {
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        for (String name : caches) {
            if (!name.equals("resolver")) {
                kinds.add(Kind.valueOf(name.toUpperCase(Locale.ROOT)));
            }
        }
        cache.invalidate(kinds);
        resolver.invalidate();
    }

    /** While UAA refuses the login: the refusal and when it is tried again. */
    @Override
    public Optional<String> notReady() {
        return client.loginRefused().map(reason -> "Cloud Foundry login refused: " + reason);
    }

    @Override
    public String explain() {
        return resolver.discovery().explain();
    }

    @Override
    public Matches matches() {
        Discovery discovery = resolver.discovery();
        return new Matches(
                Optional.of(discovery.at()),
                discovery.error(),
                discovery.diagnoses().stream()
                        .map(d -> new Configured(
                                "promregator.targets[" + d.index() + "]",
                                d.target(),
                                d.matched(),
                                d.dropped(),
                                d.instanceIds()))
                        .toList());
    }

    @Override
    public boolean firstDiscoveryCompleted() {
        return resolver.firstDiscoveryCompleted();
    }

    @Override
    public boolean discoverySucceeded() {
        return resolver.discoverySucceeded();
    }

    @Override
    public Optional<String> firstDiscoveryFailure() {
        return resolver.firstDiscoveryFailure();
    }

    @Override
    public boolean readyAfterFirstDiscovery() {
        return readyAfterFirstDiscovery;
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        client.close();
    }
}
