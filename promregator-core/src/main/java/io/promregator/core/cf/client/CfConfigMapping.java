package io.promregator.core.cf.client;

import io.promregator.core.ConfigurationException;
import io.promregator.core.config.Cf;
import io.promregator.core.config.CfRequest;
import io.promregator.core.config.PromregatorConfig;
import io.promregator.core.config.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the {@code cf.*} configuration into {@link CloudControllerSettings}, with the original's
 * meaning of each key.
 */
public final class CfConfigMapping {
    private CfConfigMapping() {}

    /**
     * The settings for {@code cf.*}: {@code api_host}, {@code username}/{@code password} (password grant,
     * client {@code cf}), {@code skipSslValidation}, {@code proxy.host}/{@code port} (else the deprecated
     * {@code proxyHost}/{@code proxyPort}), {@code request.timeout.*} (routes take the larger of
     * {@code route} and {@code domain}, as one request now reads both; 0 means the default), {@code
     * request.backoff}, {@code request.rateLimit} and {@code threadPool.size}.
     *
     * @throws ConfigurationException when the API host or the credentials are missing
     */
    public static CloudControllerSettings settings(PromregatorConfig config) {
        Cf cf = config.cf();
        List<String> problems = new ArrayList<>();
        if (cf.apiHost().isBlank()) {
            problems.add("cf.api_host: must be set to discover Cloud Foundry targets. Found: nothing");
        }
        boolean clientCredentials = cf.username().isEmpty() && !cf.clientId().equals(Cf.DEFAULT_CLIENT_ID);
        if (clientCredentials) {
            if (cf.clientSecret().isEmpty()) {
                problems.add("cf.clientSecret: must be set for the client-credentials grant of client \""
                        + cf.clientId() + "\". Found: nothing");
            }
        } else {
            if (cf.username().isEmpty()) {
                problems.add("cf.username: must be set to log in to Cloud Foundry (or set cf.clientId and "
                        + "cf.clientSecret of a UAA client). Found: nothing");
            }
            if (cf.password().isEmpty()) {
                problems.add("cf.password: must be set to log in to Cloud Foundry. Found: nothing");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        CfRequest.Timeout timeout = cf.request().timeout();
        CloudControllerSettings.Builder builder = CloudControllerSettings.builder()
                .apiHost(cf.apiHost())
                .credentials(
                        clientCredentials
                                ? UaaCredentials.clientCredentials(cf.clientId(), cf.clientSecret())
                                : UaaCredentials.password(
                                        cf.clientId(), cf.clientSecret(), cf.username(), cf.password()))
                .skipSslValidation(cf.skipSslValidation())
                .timeout(RequestType.ORGANIZATIONS, millis(timeout.org()))
                .timeout(RequestType.SPACES, millis(timeout.space()))
                .timeout(RequestType.APPLICATIONS, millis(timeout.appInSpace()))
                .timeout(RequestType.ROUTES, millis(Math.max(timeout.route(), timeout.domain())))
                .timeout(RequestType.PROCESSES, millis(timeout.process()))
                .timeout(RequestType.INSTANCES, millis(timeout.process()))
                .backoff(Duration.ofMillis(Math.max(0, cf.request().backoff())))
                .rateLimit(cf.request().rateLimit());
        Proxy proxy = cf.proxy().configured() ? cf.proxy() : new Proxy(cf.proxyHost(), cf.proxyPort());
        if (proxy.configured()) {
            builder.proxy(proxy.host(), proxy.port());
        }
        if (cf.threadPool().size() > 0) {
            builder.threads(cf.threadPool().size());
        }
        return builder.build();
    }

    /** A timeout in milliseconds; null (the default) for 0 or less. */
    private static Duration millis(int value) {
        return value > 0 ? Duration.ofMillis(value) : null;
    }
}
