package io.promregator.core.config;

import java.util.Objects;

/**
 * The one user that callers of protected endpoints log in as ({@code promregator.authentication.basic}).
 * Not implemented yet. The original prints a random password at startup when none is set.
 */
public record Authentication(BasicCredentials basic) {
    public Authentication {
        basic = Objects.requireNonNullElseGet(basic, () -> new BasicCredentials("promregator", ""));
    }

    /** User {@code promregator}, no password set. */
    public static Authentication defaults() {
        return new Authentication(null);
    }
}
