package io.promregator.core.config;

import java.util.Objects;

/**
 * Promregator's own metrics ({@code promregator.metrics.*}).
 *
 * @param auth whether {@code /promregatorMetrics} asks for the inbound Basic credentials
 * @param internal whether internal metrics of Cloud Foundry access (request latency, caches) are exposed
 * @param requestLatency whether a per-target latency histogram is recorded (high cardinality)
 * @param labelNamePrefix prefix for the target label names on the per-target own metrics; empty for none
 */
public record Metrics(
        EndpointAuth auth,
        boolean internal,
        boolean requestLatency,
        @Key(Check.LABEL_NAME_PREFIX) String labelNamePrefix) {
    public Metrics {
        auth = Objects.requireNonNullElse(auth, EndpointAuth.NONE);
        labelNamePrefix = Objects.requireNonNullElse(labelNamePrefix, "");
    }

    public static Metrics defaults() {
        return new Metrics(EndpointAuth.NONE, false, false, "");
    }
}
