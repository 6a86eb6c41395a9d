package io.promregator.core.cf.client;

import java.time.Duration;

/** Waits: between retries and for the rate limit. Tests replace it to run without wall-clock waits. */
@FunctionalInterface
public interface Sleeper {
    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);

    void sleep(Duration duration) throws InterruptedException;
}
