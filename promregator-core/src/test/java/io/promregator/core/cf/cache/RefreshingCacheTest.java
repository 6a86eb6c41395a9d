package io.promregator.core.cf.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RefreshingCacheTest {
    private final AtomicLong clock = new AtomicLong();
    private final List<Runnable> refreshes = new ArrayList<>();
    private final RefreshingCache<String, String> cache =
            new RefreshingCache<>("test", Duration.ofSeconds(10), Duration.ofSeconds(60), refreshes::add, clock::get);
    private final AtomicInteger loads = new AtomicInteger();

    private String load(String key) {
        return key + "-" + loads.incrementAndGet();
    }

    private void advance(Duration duration) {
        clock.addAndGet(duration.toNanos());
    }

    private void runRefreshes() {
        List<Runnable> pending = new ArrayList<>(refreshes);
        refreshes.clear();
        pending.forEach(Runnable::run);
    }

    @Test
    void loadsOnceAndServesFromTheCache() {
        assertThat(cache.get("a", this::load)).isEqualTo("a-1");
        assertThat(cache.get("a", this::load)).isEqualTo("a-1");
        assertThat(loads).hasValue(1);
        assertThat(refreshes).isEmpty();
    }

    @Test
    void staleValueIsServedWhileOneRefreshRuns() {
        cache.get("a", this::load);
        advance(Duration.ofSeconds(11));

        assertThat(cache.get("a", this::load)).isEqualTo("a-1");
        assertThat(cache.get("a", this::load)).isEqualTo("a-1");
        assertThat(refreshes).hasSize(1);

        runRefreshes();
        assertThat(cache.get("a", this::load)).isEqualTo("a-2");
    }

    @Test
    void failedRefreshKeepsTheLastGoodValue() {
        cache.get("a", this::load);
        advance(Duration.ofSeconds(11));
        cache.get("a", key -> {
            throw new IllegalStateException("Cloud Controller down");
        });

        runRefreshes();

        assertThat(cache.get("a", this::load)).isEqualTo("a-1");
        assertThat(refreshes).as("the next read starts another refresh").hasSize(1);
        runRefreshes();
        assertThat(cache.get("a", this::load)).isEqualTo("a-2");
    }

    @Test
    void failedColdLoadIsThrownAndNotCached() {
        assertThatThrownBy(() -> cache.get("a", key -> {
                    throw new IllegalStateException("down");
                }))
                .hasMessage("down");

        assertThat(cache.get("a", this::load)).isEqualTo("a-1");
    }

    @Test
    void entryUnreadForTheExpiryIsDropped() {
        cache.get("a", this::load);
        advance(Duration.ofSeconds(61));

        assertThat(cache.get("a", this::load)).isEqualTo("a-2");
        assertThat(refreshes).isEmpty();
    }

    @Test
    void readingKeepsAnEntryAlive() {
        cache.get("a", this::load);
        for (int i = 0; i < 5; i++) {
            advance(Duration.ofSeconds(9));
            cache.get("a", this::load);
        }

        assertThat(loads).hasValue(1);
    }

    @Test
    void invalidateAllMakesTheNextReadLoad() {
        cache.get("a", this::load);

        cache.invalidateAll();

        assertThat(cache.get("a", this::load)).isEqualTo("a-2");
        assertThat(cache.get("a", this::load)).isEqualTo("a-2");
        assertThat(refreshes).isEmpty();
    }

    @Test
    void invalidatingDuringAnOutageKeepsTheLastGoodValue() {
        cache.get("a", this::load);
        cache.invalidateAll();

        String value = cache.get("a", key -> {
            throw new IllegalStateException("Cloud Controller down");
        });

        assertThat(value).isEqualTo("a-1");
        assertThat(cache.get("a", this::load))
                .as("no second synchronous reload")
                .isEqualTo("a-1");
    }

    @Test
    void concurrentColdReadsShareOneLoad() throws Exception {
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(threads.submit(() -> cache.get("a", key -> {
                    loading.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return load(key);
                })));
            }
            assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
            release.countDown();
            for (Future<String> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("a-1");
            }
            assertThat(loads).hasValue(1);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void countsHitsMissesAndLoads() {
        cache.get("a", this::load); // miss, load
        cache.get("a", this::load); // hit
        advance(Duration.ofSeconds(11));
        cache.get("a", this::load); // hit, starts a refresh
        runRefreshes(); // load
        cache.invalidateAll();
        cache.get("a", key -> {
            throw new IllegalStateException("down");
        }); // miss, failed load, old value served
        try {
            cache.get("b", key -> {
                throw new IllegalStateException("down");
            }); // miss, failed load
        } catch (IllegalStateException expected) {
            // thrown to the caller
        }

        assertThat(cache.statistics()).isEqualTo(new CacheStatistics("test", 2, 3, 2, 2, 1));
    }
}
