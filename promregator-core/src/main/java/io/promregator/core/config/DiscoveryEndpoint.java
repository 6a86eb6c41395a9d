package io.promregator.core.config;

import java.util.Objects;

/**
 * The {@code /discovery} endpoint ({@code promregator.discovery.*}).
 *
 * @param hostname host written into the discovered targets; empty for the host the request came to
 * @param port port written into the discovered targets; 0 for the port the request came to
 * @param scheme {@code http} or {@code https}, emitted as {@code __scheme__}; empty for none (https on 443)
 * @param ownMetricsEndpoint whether Promregator's own metrics endpoint is listed too
 * @param auth whether the endpoint asks for the inbound Basic credentials
 */
public record DiscoveryEndpoint(
        String hostname,
        @Key(Check.PORT) int port,
        @Key(Check.HTTP_OR_HTTPS_OR_EMPTY) String scheme,
        boolean ownMetricsEndpoint,
        EndpointAuth auth) {
    public DiscoveryEndpoint {
        hostname = Objects.requireNonNullElse(hostname, "");
        scheme = Objects.requireNonNullElse(scheme, "");
        auth = Objects.requireNonNullElse(auth, EndpointAuth.NONE);
    }

    public static DiscoveryEndpoint defaults() {
        return new DiscoveryEndpoint("", 0, "", true, EndpointAuth.NONE);
    }
}
