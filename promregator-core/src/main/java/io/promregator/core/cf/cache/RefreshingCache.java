package io.promregator.core.cf.cache;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cache that never makes a caller wait for a value it already has. Only a cold miss loads while the
 * caller waits (concurrent callers for the same key share that one load). An entry older than
 * {@code refreshAfter} is still served while one background refresh runs; a failed refresh keeps the
 * last good value, so an outage of the source never empties the cache. An entry not read for
 * {@code expireAfterAccess} is dropped. {@link #invalidateAll()} makes the next read of each entry load
 * while the caller waits, falling back to the old value if that load fails. Counts hits, misses and loads
 * ({@link #statistics()}). Thread-safe.
 *
 * @param <K> the key
 * @param <V> the value; never null
 */
public final class RefreshingCache<K, V> {
    private static final Logger logger = LoggerFactory.getLogger(RefreshingCache.class);

    private final String name;
    private final long refreshAfterNanos;
    private final long expireAfterAccessNanos;
    private final Executor refresher;
    private final LongSupplier nanoTime;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder loadSuccesses = new LongAdder();
    private final LongAdder loadFailures = new LongAdder();
    private volatile long lastSweep;

    /**
     * @param name for log messages, e.g. {@code "route"}
     * @param refresher runs background refreshes
     * @param nanoTime the clock, {@code System::nanoTime} outside tests
     */
    public RefreshingCache(
            String name, Duration refreshAfter, Duration expireAfterAccess, Executor refresher, LongSupplier nanoTime) {
        this.name = Objects.requireNonNull(name, "name");
        this.refreshAfterNanos = refreshAfter.toNanos();
        this.expireAfterAccessNanos = expireAfterAccess.toNanos();
        this.refresher = Objects.requireNonNull(refresher, "refresher");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.lastSweep = nanoTime.getAsLong();
    }

    /**
     * The value for the key: cached, or loaded now on a cold miss.
     *
     * @throws RuntimeException what the loader threw, on a cold miss only
     */
    public V get(K key, Function<? super K, ? extends V> loader) {
        long now = nanoTime.getAsLong();
        sweep(now);
        Entry<V> entry = entries.get(key);
        if (entry != null && entry.expired(now, expireAfterAccessNanos)) {
            entries.remove(key, entry);
            entry = null;
        }
        (entry == null || !entry.first.isDone() || entry.invalidated ? misses : hits).increment();
        if (entry == null) {
            Entry<V> fresh = new Entry<>();
            Entry<V> existing = entries.putIfAbsent(key, fresh);
            if (existing == null) {
                load(key, loader, fresh, now);
            }
            entry = existing == null ? fresh : existing;
        }
        entry.lastAccess = now;
        V value = entry.await();
        if (entry.invalidated) {
            return reloadInvalidated(key, loader, entry, value);
        }
        if (now - entry.loadedAt >= refreshAfterNanos && entry.refreshing.compareAndSet(false, true)) {
            refresh(key, loader, entry);
        }
        return value;
    }

    private V reloadInvalidated(K key, Function<? super K, ? extends V> loader, Entry<V> entry, V old) {
        synchronized (entry) {
            if (!entry.invalidated) {
                return entry.value;
            }
            try {
                entry.set(Objects.requireNonNull(loader.apply(key), "loaded value"), nanoTime.getAsLong());
                loadSuccesses.increment();
            } catch (RuntimeException e) {
                loadFailures.increment();
                logger.warn(
                        "Reloading the invalidated {} cache failed; serving the last good value: {}",
                        name,
                        e.getMessage());
            }
            entry.invalidated = false;
            return entry.value;
        }
    }

    private void load(K key, Function<? super K, ? extends V> loader, Entry<V> entry, long now) {
        try {
            entry.set(Objects.requireNonNull(loader.apply(key), "loaded value"), now);
            loadSuccesses.increment();
            entry.first.complete(null);
        } catch (RuntimeException e) {
            loadFailures.increment();
            entries.remove(key, entry);
            entry.first.completeExceptionally(e);
            throw e;
        }
    }

    private void refresh(K key, Function<? super K, ? extends V> loader, Entry<V> entry) {
        try {
            refresher.execute(() -> {
                try {
                    entry.set(Objects.requireNonNull(loader.apply(key), "loaded value"), nanoTime.getAsLong());
                    loadSuccesses.increment();
                } catch (RuntimeException e) {
                    loadFailures.increment();
                    logger.warn(
                            "Refreshing the {} cache failed; serving the last good value: {}", name, e.getMessage());
                } finally {
                    entry.refreshing.set(false);
                }
            });
        } catch (RuntimeException rejected) {
            entry.refreshing.set(false);
        }
    }

    /**
     * Makes the next read of every entry load anew while the caller waits. The old values are kept as
     * the fallback when that load fails, so invalidating during an outage loses nothing.
     */
    public void invalidateAll() {
        entries.values().forEach(entry -> entry.invalidated = true);
    }

    public int size() {
        return entries.size();
    }

    public String name() {
        return name;
    }

    /** Hits, misses and loads so far, and the entries held now. */
    public CacheStatistics statistics() {
        return new CacheStatistics(
                name, hits.sum(), misses.sum(), loadSuccesses.sum(), loadFailures.sum(), entries.size());
    }

    private void sweep(long now) {
        if (now - lastSweep < expireAfterAccessNanos) {
            return;
        }
        lastSweep = now;
        entries.values().removeIf(entry -> entry.first.isDone() && entry.expired(now, expireAfterAccessNanos));
    }

    private static final class Entry<V> {
        final CompletableFuture<Void> first = new CompletableFuture<>();
        final AtomicBoolean refreshing = new AtomicBoolean();
        volatile V value;
        volatile long loadedAt;
        volatile long lastAccess;
        volatile boolean invalidated;

        void set(V newValue, long at) {
            value = newValue;
            loadedAt = at;
        }

        boolean expired(long now, long expireAfterAccessNanos) {
            return first.isDone() && now - lastAccess >= expireAfterAccessNanos;
        }

        V await() {
            try {
                first.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw e;
            }
            return value;
        }
    }
}
