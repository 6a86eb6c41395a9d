package io.promregator.core.server;

import java.util.Objects;

/**
 * What {@code /discovery} writes ({@code promregator.discovery.*}).
 *
 * @param hostname the host in every entry's target; empty for the local address the request came to
 * @param port the port in every entry's target; 0 for the local port the request came to
 * @param scheme {@code __scheme__} of every entry; empty for none (Prometheus then uses http), except
 *     {@code https} on port 443, and when the request came over HTTPS and {@code port} is 0
 * @param ownMetricsEndpoint whether an entry for {@code /promregatorMetrics} is added
 */
public record DiscoverySettings(String hostname, int port, String scheme, boolean ownMetricsEndpoint) {
    public DiscoverySettings {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(scheme, "scheme");
    }

    /** The original's defaults: the request's own address, no scheme, the own-metrics entry. */
    public static DiscoverySettings defaults() {
        return new DiscoverySettings("", 0, "", true);
    }
}
