package io.promregator.core.cf;

import java.util.Objects;

/** An organization as the Cloud Controller lists it ({@code /v3/organizations}). */
public record CfOrganization(String id, String name) {
    public CfOrganization {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
