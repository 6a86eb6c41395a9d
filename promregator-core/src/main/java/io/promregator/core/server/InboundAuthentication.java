package io.promregator.core.server;

import io.promregator.core.ConfigurationException;
import io.promregator.core.bcrypt.BcryptHash;
import io.promregator.core.config.EndpointAuth;
import io.promregator.core.config.PromregatorSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which endpoints ask callers for the one Basic user ({@code promregator.authentication.basic}), by the
 * original's keys: {@code promregator.endpoint.auth} ({@code /metrics}, {@code /singleTargetMetrics}, {@code /targets}),
 * {@code promregator.discovery.auth} ({@code /discovery}, {@code /explainTargets}),
 * {@code promregator.metrics.auth} ({@code /promregatorMetrics}), {@code promregator.cache.invalidate.auth}.
 * Health endpoints are always open. The password may be given as a bcrypt hash, as in the Prometheus
 * exporters' web configuration.
 */
public record InboundAuthentication(
        String username,
        String password,
        boolean scraping,
        boolean discovery,
        boolean metrics,
        boolean cacheInvalidate) {

    public static final InboundAuthentication NONE = new InboundAuthentication("", "", false, false, false, false);

    /**
     * @param password the password, or its bcrypt hash when it starts with {@code $2a$}, {@code $2b$} or
     *     {@code $2y$}
     * @throws IllegalArgumentException when the password starts like a bcrypt hash but is not one
     */
    public InboundAuthentication {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (BcryptHash.looksLikeBcrypt(password)) {
            try {
                BcryptHash.parse(password);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "password: starts like a bcrypt hash but is malformed: " + e.getMessage(), e);
            }
        }
    }

    /**
     * @throws ConfigurationException when an endpoint asks for BASIC but no password is set (the original
     *     printed a random one to stderr instead)
     */
    public static InboundAuthentication fromConfig(PromregatorSettings settings) {
        InboundAuthentication auth = new InboundAuthentication(
                settings.authentication().basic().username(),
                settings.authentication().basic().password(),
                settings.endpoint().auth() == EndpointAuth.BASIC,
                settings.discovery().auth() == EndpointAuth.BASIC,
                settings.metrics().auth() == EndpointAuth.BASIC,
                settings.cache().invalidate().auth() == EndpointAuth.BASIC);
        List<String> problems = new ArrayList<>();
        if (auth.any() && auth.password().isEmpty()) {
            problems.add("promregator.authentication.basic.password: must be set when an endpoint's auth is BASIC. "
                    + "Found: nothing");
        }
        if (auth.any() && auth.username().isEmpty()) {
            problems.add("promregator.authentication.basic.username: must be set when an endpoint's auth is BASIC. "
                    + "Found: nothing");
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return auth;
    }

    boolean any() {
        return scraping || discovery || metrics || cacheInvalidate;
    }

    @Override
    public String toString() {
        return "InboundAuthentication[username=" + username + ", password=<hidden>, scraping=" + scraping
                + ", discovery=" + discovery + ", metrics=" + metrics + ", cacheInvalidate=" + cacheInvalidate + "]";
    }
}
