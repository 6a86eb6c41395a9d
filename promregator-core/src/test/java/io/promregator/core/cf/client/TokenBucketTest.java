package io.promregator.core.cf.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private final FakeTime time = new FakeTime();

    @Test
    void queuesCallersInArrivalOrderOnceTheBurstIsUsed() {
        TokenBucket bucket = new TokenBucket(2, time, time);

        assertThat(bucket.reserve()).isZero();
        assertThat(bucket.reserve()).isZero();
        assertThat(bucket.reserve()).isEqualTo(Duration.ofMillis(500));
        assertThat(bucket.reserve()).isEqualTo(Duration.ofMillis(1000));
        assertThat(bucket.reserve()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void refillsWithTimeUpToOneSecondsWorth() {
        TokenBucket bucket = new TokenBucket(4, time, time);
        for (int i = 0; i < 4; i++) {
            bucket.reserve();
        }
        time.advance(Duration.ofSeconds(10));

        for (int i = 0; i < 4; i++) {
            assertThat(bucket.reserve()).isZero();
        }
        assertThat(bucket.reserve()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void holdsAtLeastOnePermitForRatesBelowOne() throws InterruptedException {
        TokenBucket bucket = new TokenBucket(0.5, time, time);

        bucket.acquire();
        bucket.acquire();

        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void neverWaitsWhenUnlimited() {
        TokenBucket bucket = new TokenBucket(0, time, time);

        for (int i = 0; i < 1000; i++) {
            assertThat(bucket.reserve()).isZero();
        }
    }
}
