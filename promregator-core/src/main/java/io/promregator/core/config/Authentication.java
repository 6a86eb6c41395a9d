package io.promregator.core.config;

import java.util.Objects;

/**
 * The one user that callers of protected endpoints log in as ({@code promregator.authentication.basic}).
 * When an endpoint asks for BASIC and no password is set, the start fails (the original printed a random
 * password to stderr instead). A password starting with {@code $2a$}, {@code $2b$} or {@code $2y$} is a
 * bcrypt hash of the password callers send.
 */
public record Authentication(
        @Key(child = "password", value = Check.INBOUND_PASSWORD)
        BasicCredentials basic) {
    public Authentication {
        basic = Objects.requireNonNullElseGet(basic, () -> new BasicCredentials("promregator", ""));
    }

    /** User {@code promregator}, no password set. */
    public static Authentication defaults() {
        return new Authentication(null);
    }
}
