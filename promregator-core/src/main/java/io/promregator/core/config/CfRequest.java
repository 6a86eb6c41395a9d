package io.promregator.core.config;

import java.util.Objects;

/**
 * Requests to the Cloud Controller ({@code cf.request.*}). Not implemented yet.
 *
 * @param timeout per-request timeouts by kind of lookup
 * @param backoff initial backoff in milliseconds between the three attempts of a failing request
 * @param rateLimit requests per second over all Cloud Controller requests; 0 for unlimited
 */
public record CfRequest(
        Timeout timeout,
        @Key(Check.MILLISECONDS) long backoff,
        @Key(Check.NON_NEGATIVE_NUMBER) double rateLimit) {
    public CfRequest {
        timeout = Objects.requireNonNullElseGet(timeout, Timeout::defaults);
    }

    public static CfRequest defaults() {
        return new CfRequest(Timeout.defaults(), 500, 0);
    }

    /**
     * {@code cf.request.timeout.*} in milliseconds. The keys the original stopped reading ({@code appSummary},
     * {@code app}, {@code routeMapping}, {@code sharedDomain}) are in {@link RemovedKeys}.
     */
    public record Timeout(
            @Key(Check.MILLISECONDS) int org,
            @Key(Check.MILLISECONDS) int space,
            @Key(Check.MILLISECONDS) int appInSpace,
            @Key(Check.MILLISECONDS) int domain,
            @Key(Check.MILLISECONDS) int route,
            @Key(Check.MILLISECONDS) int process) {

        public static Timeout defaults() {
            return new Timeout(2500, 2500, 2500, 2500, 2500, 2500);
        }
    }
}
