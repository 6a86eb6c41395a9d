package io.promregator.core;

import java.util.concurrent.CompletableFuture;

/**
 * Fetches and parses one target's metrics. Thread-safe; many scrapes run at once.
 *
 * <p>The future never completes exceptionally: every failure (status, timeout, garbage) is a
 * {@link ScrapeResult} that is not up. Cancelling the future cancels the fetch.
 */
public interface Scraper {
    CompletableFuture<ScrapeResult> scrape(Target target);
}
