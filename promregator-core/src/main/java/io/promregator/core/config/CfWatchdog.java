package io.promregator.core.config;

/**
 * Periodic probe of the Cloud Controller ({@code cf.watchdog.*}). Not implemented yet.
 *
 * @param timeout probe timeout in milliseconds
 * @param rate seconds between probes
 * @param initialDelay seconds before the first probe
 * @param restartCount failed probes after which the process exits; 0 for never
 */
public record CfWatchdog(
        boolean enabled,
        @Key(Check.MILLISECONDS) int timeout,
        @Key(Check.SECONDS) int rate,
        @Key(Check.SECONDS) int initialDelay,
        @Key(Check.AT_LEAST_ZERO) int restartCount) {
    public static CfWatchdog defaults() {
        return new CfWatchdog(false, 2500, 60, 60, 0);
    }
}
