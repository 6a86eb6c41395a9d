package io.promregator.core.config;

/**
 * {@code cf.connectionPool.size} and {@code cf.threadPool.size} of the Cloud Foundry client.
 *
 * @param size 0 for the client library's default
 */
public record CfPool(@Key(Check.AT_LEAST_ZERO) int size) {
    public static CfPool defaults() {
        return new CfPool(0);
    }
}
