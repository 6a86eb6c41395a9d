package io.promregator.core.cf;

import java.util.List;
import java.util.Objects;

/**
 * A route ({@code /v3/routes?include=domain}) with what its domain says about it.
 *
 * @param url {@code host.domain[/path]} without scheme, as the Cloud Controller writes it
 * @param protocol {@code http} or {@code tcp}
 * @param internalDomain whether the domain is internal ({@code apps.internal}): reachable container to
 *     container only, not through the gorouter
 * @param applicationIds the apps among the route's destinations, in destination order
 */
public record CfRoute(
        String id,
        String url,
        String protocol,
        String domainId,
        String domainName,
        boolean internalDomain,
        List<String> applicationIds) {
    public CfRoute {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(domainId, "domainId");
        Objects.requireNonNull(domainName, "domainName");
        applicationIds = List.copyOf(applicationIds);
    }
}
