package io.promregator.core.config;

import java.util.Objects;

/**
 * {@code promregator.endpoint.*}: who may call the metrics endpoints, plus two keys the original
 * deprecated in 0.5.0 and still honoured as aliases, as this version does: when
 * {@code promregator.scraping.maxProcessingTime} or {@code .threads} are not set, these give them.
 *
 * @param auth whether the scrape endpoints ask for the inbound Basic credentials
 * @param maxProcessingTime deprecated alias; 0 when unset
 * @param threads deprecated alias; 0 when unset
 * @param httpErrorOnFailure new key: a failed scrape of {@code /singleTargetMetrics} answers 502 (504 on a
 *     timeout) with a one-line reason, so that Prometheus' own {@code up} and targets page show it,
 *     instead of the original's 200 with {@code promregator_up 0}
 */
public record Endpoint(
        EndpointAuth auth,
        @Key(Check.AT_LEAST_ZERO) int maxProcessingTime,
        @Key(Check.AT_LEAST_ZERO) int threads,
        boolean httpErrorOnFailure) {
    public Endpoint {
        auth = Objects.requireNonNullElse(auth, EndpointAuth.NONE);
    }

    public static Endpoint defaults() {
        return new Endpoint(EndpointAuth.NONE, 0, 0, false);
    }
}
