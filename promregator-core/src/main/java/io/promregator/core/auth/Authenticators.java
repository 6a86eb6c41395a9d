package io.promregator.core.auth;

import io.promregator.core.ConfigurationException;
import io.promregator.core.Target;
import io.promregator.core.config.Authenticator;
import io.promregator.core.config.PromregatorSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The outbound authenticators: the global one and those targets name by id. Thread-safe (immutable).
 */
public final class Authenticators {
    /** No authentication for any target. */
    public static final Authenticators NONE = new Authenticators(TargetAuthenticator.NONE, Map.of());

    private final TargetAuthenticator global;
    private final Map<String, TargetAuthenticator> byId;

    public Authenticators(TargetAuthenticator global, Map<String, TargetAuthenticator> byId) {
        this.global = global;
        this.byId = Map.copyOf(byId);
    }

    /** The authenticator of a target: the one its id names, else the global one. */
    public TargetAuthenticator forTarget(Target target) {
        if (target.authenticatorId().isEmpty()) {
            return global;
        }
        return byId.getOrDefault(target.authenticatorId(), global);
    }

    /**
     * {@code promregator.authenticator} and {@code promregator.targetAuthenticators} as the original
     * reads them: types {@code basic}, {@code OAuth2XSUAABasic} (also the deprecated {@code OAuth2XSUAA}),
     * {@code OAuth2XSUAACertificate}, {@code none}, in any case. The certificates of token services (and of
     * targets) are checked against the JVM's trust store.
     *
     * @throws ConfigurationException for a type it does not know, a missing token service URL, or a client
     *     certificate or key that cannot be read, rather than scraping without credentials
     */
    public static Authenticators fromConfig(PromregatorSettings settings) {
        // One client for every token service, made only when one is configured: a client starts a thread.
        Supplier<HttpClient> client = new Supplier<>() {
            private HttpClient made;

            @Override
            public HttpClient get() {
                if (made == null) {
                    made = HttpClient.newBuilder()
                            .connectTimeout(Duration.ofSeconds(5))
                            .version(HttpClient.Version.HTTP_1_1)
                            .build();
                }
                return made;
            }
        };
        List<String> problems = new ArrayList<>();
        TargetAuthenticator global = create("promregator.authenticator", settings.authenticator(), client, problems);
        Map<String, TargetAuthenticator> byId = new HashMap<>();
        List<Authenticator> list = settings.targetAuthenticators();
        for (int i = 0; i < list.size(); i++) {
            byId.put(
                    list.get(i).id(),
                    create("promregator.targetAuthenticators[" + i + "]", list.get(i), client, problems));
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return new Authenticators(global, byId);
    }

    private static TargetAuthenticator create(
            String path, Authenticator config, Supplier<HttpClient> client, List<String> problems) {
        String type = config.type().toLowerCase(Locale.ROOT);
        switch (type) {
            case "", "none", "null":
                return TargetAuthenticator.NONE;
            case "basic":
                return new BasicAuthenticator(
                        config.basic().username(), config.basic().password());
            case "oauth2xsuaabasic", "oauth2xsuaa":
                Authenticator.XsuaaBasic xsuaa =
                        type.equals("oauth2xsuaa") ? config.oauth2xsuaa() : config.oauth2xsuaaBasic();
                if (xsuaa.tokenServiceUrl().isEmpty()) {
                    problems.add(path
                            + ".oauth2xsuaaBasic.tokenServiceURL: must be the token service's URL. Found: nothing");
                    return TargetAuthenticator.NONE;
                }
                return new ClientCredentialsAuthenticator(
                        URI.create(xsuaa.tokenServiceUrl()),
                        xsuaa.clientId(),
                        xsuaa.clientSecret(),
                        xsuaa.scopes(),
                        client.get(),
                        Clock.systemUTC());
            case "oauth2xsuaacertificate":
                return CertificateAuthenticators.create(
                        path + ".oauth2xsuaaCertificate", config.oauth2xsuaaCertificate(), problems);
            default:
                problems.add(path + ".type: must be basic, OAuth2XSUAABasic, OAuth2XSUAACertificate or none. Found: \""
                        + config.type() + "\"");
                return TargetAuthenticator.NONE;
        }
    }
}
