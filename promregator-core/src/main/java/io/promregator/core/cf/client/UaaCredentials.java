package io.promregator.core.cf.client;

import java.util.Objects;

/**
 * Who the client is towards UAA: a user (password grant) or a client of its own (client_credentials
 * grant). {@link #toString()} never shows the password or the client secret.
 *
 * @param grant the OAuth2 grant used to get a token
 * @param clientId the OAuth2 client; {@code cf} (the cf CLI's client) by default
 * @param clientSecret the client's secret; empty for {@code cf}
 * @param username the user for the password grant; empty for client_credentials
 * @param password the user's password; empty for client_credentials
 */
public record UaaCredentials(Grant grant, String clientId, String clientSecret, String username, String password) {
    /** The client the cf CLI uses, with its empty secret. */
    public static final String CF_CLIENT_ID = "cf";

    /** The OAuth2 grant types this client can use. */
    public enum Grant {
        PASSWORD("password"),
        CLIENT_CREDENTIALS("client_credentials");

        private final String wireName;

        Grant(String wireName) {
            this.wireName = wireName;
        }

        /** The value of {@code grant_type}. */
        public String wireName() {
            return wireName;
        }
    }

    public UaaCredentials {
        Objects.requireNonNull(grant, "grant");
        clientId = Objects.requireNonNullElse(clientId, "");
        clientSecret = Objects.requireNonNullElse(clientSecret, "");
        username = Objects.requireNonNullElse(username, "");
        password = Objects.requireNonNullElse(password, "");
        if (clientId.isEmpty()) {
            throw new IllegalArgumentException("UAA client id must not be empty");
        }
        if (grant == Grant.PASSWORD && (username.isEmpty() || password.isEmpty())) {
            throw new IllegalArgumentException("the password grant needs a username and a password");
        }
    }

    /** The password grant for this user with the cf CLI's client ({@code cf}, empty secret). */
    public static UaaCredentials password(String username, String password) {
        return new UaaCredentials(Grant.PASSWORD, CF_CLIENT_ID, "", username, password);
    }

    /** The password grant for this user with another client. */
    public static UaaCredentials password(String clientId, String clientSecret, String username, String password) {
        return new UaaCredentials(Grant.PASSWORD, clientId, clientSecret, username, password);
    }

    /** The client_credentials grant; the client needs {@code cloud_controller.*} authorities. */
    public static UaaCredentials clientCredentials(String clientId, String clientSecret) {
        return new UaaCredentials(Grant.CLIENT_CREDENTIALS, clientId, clientSecret, "", "");
    }

    @Override
    public String toString() {
        return "UaaCredentials[grant=" + grant + ", clientId=" + clientId + ", clientSecret=<hidden>, username="
                + username + ", password=<hidden>]";
    }
}
