package io.promregator.core.config;

/**
 * What one target's exposition may hold ({@code promregator.scraping.limits.*}, new keys); 0 for no limit.
 * A target past a limit fails on its own (reason {@code limit_exceeded}); nothing is truncated.
 *
 * @param samples samples in the whole exposition
 * @param labels labels on one sample
 * @param labelNameLength characters in one label name
 * @param labelValueLength characters in one label value
 */
public record ScrapeLimits(
        @Key(Check.AT_LEAST_ZERO) int samples,
        @Key(Check.AT_LEAST_ZERO) int labels,
        @Key(Check.AT_LEAST_ZERO) int labelNameLength,
        @Key(Check.AT_LEAST_ZERO) int labelValueLength) {
    /** 1,000,000 samples, 64 labels of 1,024-character names and 65,536-character values. */
    public static ScrapeLimits defaults() {
        return new ScrapeLimits(1_000_000, 64, 1024, 65_536);
    }
}
