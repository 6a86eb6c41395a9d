package io.promregator.core.cf;

import java.util.Objects;

/** A space ({@code /v3/spaces}) with the organization it belongs to. */
public record CfSpace(String id, String name, String organizationId) {
    public CfSpace {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(organizationId, "organizationId");
    }
}
