package io.promregator.simulator;

import java.util.Locale;
import java.util.Objects;

/**
 * A shared domain ({@code /v3/domains}).
 *
 * @param internal whether routes on it are internal ({@code apps.internal}): container to container only
 */
public record Domain(String id, String name, boolean internal) {
    public Domain {
        Guids.require(id, "domain id");
        name = Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT);
        if (name.isEmpty() || name.startsWith(".") || name.endsWith(".")) {
            throw new IllegalArgumentException("domain name: must be a DNS name. Found: " + name);
        }
    }

    /** A domain whose GUID derives from its name. */
    public static Domain named(String name, boolean internal) {
        return new Domain(Guids.of("domain", name.toLowerCase(Locale.ROOT)), name, internal);
    }
}
