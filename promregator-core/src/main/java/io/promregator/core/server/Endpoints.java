package io.promregator.core.server;

import io.promregator.core.DiscoveryControls;
import io.promregator.core.TargetResolver;
import io.promregator.core.metrics.OwnMetrics;
import io.promregator.core.scrape.SingleEndpointScraping;
import io.promregator.core.scrape.SingleTargetScraping;
import java.util.Objects;

/**
 * What the server's endpoints answer from.
 *
 * @param httpErrorOnFailure whether {@code /singleTargetMetrics} answers a failed scrape with 502/504
 * @param inboundAuthentication which endpoints ask callers for the Basic user
 */
public record Endpoints(
        SingleEndpointScraping singleEndpoint,
        SingleTargetScraping singleTarget,
        TargetResolver resolver,
        OwnMetrics ownMetrics,
        DiscoveryControls discoveryControls,
        DiscoverySettings discovery,
        boolean httpErrorOnFailure,
        InboundAuthentication inboundAuthentication) {
    public Endpoints {
        Objects.requireNonNull(singleEndpoint, "singleEndpoint");
        Objects.requireNonNull(singleTarget, "singleTarget");
        Objects.requireNonNull(resolver, "resolver");
        Objects.requireNonNull(ownMetrics, "ownMetrics");
        Objects.requireNonNull(discoveryControls, "discoveryControls");
        Objects.requireNonNull(discovery, "discovery");
        Objects.requireNonNull(inboundAuthentication, "inboundAuthentication");
    }
}
