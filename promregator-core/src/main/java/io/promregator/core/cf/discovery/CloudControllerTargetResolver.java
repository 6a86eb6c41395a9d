package io.promregator.core.cf.discovery;

import io.promregator.core.Target;
import io.promregator.core.TargetResolver;
import io.promregator.core.cf.CloudController;
import io.promregator.core.cf.CloudControllerException;
import io.promregator.core.cf.cache.CacheStatistics;
import io.promregator.core.cf.cache.RefreshingCache;
import io.promregator.core.config.CfTarget;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the Cloud Foundry app instances that the configured targets ({@code promregator.targets[]})
 * match. The discovery is kept for {@code cf.cache.timeout.resolver} and then refreshed in the
 * background while the last one is still served; a failed refresh keeps the last good discovery, so a
 * Cloud Controller outage never empties the target list. Thread-safe.
 */
public final class CloudControllerTargetResolver implements TargetResolver {
    private static final Logger logger = LoggerFactory.getLogger(CloudControllerTargetResolver.class);
    private static final String KEY = "discovery";

    private final List<CfTarget> targets;
    private final DiscoveryRun run;
    private final Clock clock;
    private final RefreshingCache<String, Discovery> cache;
    private volatile int lastCount = -1;
    private volatile String lastError;

    /**
     * @param user the Cloud Foundry user, named in diagnoses about permissions
     * @param resolverTimeout how long one discovery is used before a refresh ({@code cf.cache.timeout.resolver})
     */
    public CloudControllerTargetResolver(
            List<CfTarget> targets,
            CloudController cloudController,
            int defaultInternalRoutePort,
            String user,
            Duration resolverTimeout,
            Executor refresher,
            Clock clock,
            LongSupplier nanoTime) {
        this.targets = List.copyOf(targets);
        this.run = new DiscoveryRun(cloudController, defaultInternalRoutePort, user);
        this.clock = clock;
        this.cache = new RefreshingCache<>("resolver", resolverTimeout, Duration.ofDays(36500), refresher, nanoTime);
    }

    @Override
    public List<Target> resolve() {
        return discovery().targets();
    }

    /**
     * The current discovery with its diagnosis. When no discovery has succeeded yet, a fresh attempt;
     * if that fails, an empty discovery that names the error.
     */
    public Discovery discovery() {
        try {
            return cache.get(KEY, key -> discover());
        } catch (CloudControllerException e) {
            // Once per distinct error: while a refused login backs off, every request would repeat it.
            if (!e.getMessage().equals(lastError)) {
                lastError = e.getMessage();
                logger.error("Cloud Foundry discovery failed: {}", e.getMessage());
            }
            return new Discovery(clock.instant(), List.of(), List.of(), Optional.of(e.getMessage()));
        }
    }

    /** Hits, misses and loads of the cached discovery (cache {@code resolver}). */
    public CacheStatistics cacheStatistics() {
        return cache.statistics();
    }

    private Discovery discover() {
        logger.trace("Discovery of {} configured targets starts", targets.size());
        long started = System.nanoTime();
        Discovery discovery = run.run(targets, clock.instant());
        lastError = null;
        int count = discovery.targets().size();
        logger.trace("Discovery found {} instances in {} ms", count, (System.nanoTime() - started) / 1_000_000);
        if (count != lastCount) {
            logger.info("Discovered {} instances for {} configured targets", count, targets.size());
            lastCount = count;
        }
        return discovery;
    }

    /** Forgets the current discovery ({@code /cache/invalidate?resolver=true}). */
    public void invalidate() {
        cache.invalidateAll();
    }
}
