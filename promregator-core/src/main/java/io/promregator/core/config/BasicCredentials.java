package io.promregator.core.config;

import java.util.Objects;

/** A user name and password for HTTP Basic authentication; empty strings when unset. */
public record BasicCredentials(String username, String password) {
    public BasicCredentials {
        username = Objects.requireNonNullElse(username, "");
        password = Objects.requireNonNullElse(password, "");
    }

    public static BasicCredentials defaults() {
        return new BasicCredentials("", "");
    }

    @Override
    public String toString() {
        return "BasicCredentials[username=" + username + ", password=" + Problems.HIDDEN + "]";
    }
}
