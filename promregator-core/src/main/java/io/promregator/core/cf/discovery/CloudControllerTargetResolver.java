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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the Cloud Foundry app instances that the configured targets ({@code promregator.targets[]})
 * match. The discovery is kept for {@code cf.cache.timeout.resolver} and then refreshed in the
 * background while the last one is still served; a failed refresh keeps the last good discovery, so a
 * Cloud Controller outage never empties the target list.
 *
 * <p>{@link #startFirstDiscovery} runs the first discovery in the background at start-up. Until a
 * discovery has succeeded, {@link #resolve()} waits for the one running at most the given time (after a
 * failure it starts the next in the background) and then answers with no targets, so that no request
 * waits longer than that for a slow or failing Cloud Controller. Thread-safe.
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
    /** Completes with the first discovery's failure (empty when it succeeded); null until started. */
    private volatile CompletableFuture<Optional<String>> first;
    /** The latest discovery started in the background, until one has succeeded. */
    private CompletableFuture<Optional<String>> attempt;

    private volatile boolean succeeded;

    private volatile Duration firstWait = Duration.ZERO;

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

    /**
     * Starts the first discovery on a thread of its own, once. Until a discovery has succeeded,
     * {@link #resolve()} waits for the one running at most {@code maxWait} (starting another in the
     * background when the last one failed) and then answers with no targets.
     */
    public synchronized void startFirstDiscovery(Duration maxWait) {
        if (first != null) {
            return;
        }
        firstWait = maxWait;
        first = startAttempt();
    }

    /** A discovery on a thread of its own; its value is the failure, empty when it succeeded. */
    private synchronized CompletableFuture<Optional<String>> startAttempt() {
        CompletableFuture<Optional<String>> started = new CompletableFuture<>();
        attempt = started;
        Thread thread = new Thread(
                () -> {
                    try {
                        Optional<String> error = discovery().error(); // a failure is logged there
                        if (error.isEmpty()) {
                            succeeded = true;
                        }
                        started.complete(error);
                    } catch (RuntimeException e) {
                        logger.error("Cloud Foundry discovery failed", e);
                        started.complete(Optional.of(String.valueOf(e)));
                    }
                },
                "promregator-cf-discovery");
        thread.setDaemon(true);
        thread.start();
        return started;
    }

    /**
     * Whether the first discovery has completed, with or without success. True when it was never
     * started in the background ({@link #resolve()} then discovers while the caller waits, as before).
     */
    public boolean firstDiscoveryCompleted() {
        CompletableFuture<Optional<String>> started = first;
        return started == null || started.isDone();
    }

    /** Whether a discovery has succeeded (or none was started in the background). */
    public boolean discoverySucceeded() {
        return first == null || succeeded;
    }

    /** The first discovery's failure, once it has failed. */
    public Optional<String> firstDiscoveryFailure() {
        CompletableFuture<Optional<String>> started = first;
        return started == null || !started.isDone() ? Optional.empty() : started.join();
    }

    @Override
    public List<Target> resolve() {
        if (first != null && !succeeded) {
            CompletableFuture<Optional<String>> running;
            synchronized (this) {
                running = attempt;
                if (running.isDone() && !succeeded) {
                    running = startAttempt(); // the last one failed: try again, without making the caller wait
                }
            }
            try {
                running.get(firstWait.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return List.of();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            } catch (ExecutionException e) {
                // never: an attempt completes normally, with its failure as the value
            }
            if (!succeeded) {
                return List.of();
            }
        }
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
