package io.promregator.core.cf.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.promregator.core.ConfigurationException;
import io.promregator.core.config.Cf;
import io.promregator.core.config.CfCache;
import io.promregator.core.config.CfPool;
import io.promregator.core.config.CfRequest;
import io.promregator.core.config.CfWatchdog;
import io.promregator.core.config.PromregatorConfig;
import io.promregator.core.config.Proxy;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CfConfigMappingTest {
    private static PromregatorConfig config(Cf cf) {
        return PromregatorConfig.builder().cf(cf).build();
    }

    private static Cf.Builder cf() {
        return Cf.builder().apiHost("api.example.org").username("marissa").password("koala");
    }

    @Test
    void mapsTheOriginalsKeys() {
        CfRequest request = new CfRequest(new CfRequest.Timeout(1000, 2000, 3000, 4500, 4000, 5000), 250, 7.5);

        CloudControllerSettings settings = CfConfigMapping.settings(config(cf().skipSslValidation(true)
                .proxy(new Proxy("proxy.example.org", 3128))
                .request(request)
                .threadPool(new CfPool(6))
                .build()));

        assertThat(settings.apiUrl()).isEqualTo(URI.create("https://api.example.org"));
        assertThat(settings.credentials()).isEqualTo(UaaCredentials.password("marissa", "koala"));
        assertThat(settings.skipSslValidation()).isTrue();
        assertThat(settings.proxy()).hasValue(InetSocketAddress.createUnresolved("proxy.example.org", 3128));
        assertThat(settings.timeout(RequestType.ORGANIZATIONS)).isEqualTo(Duration.ofMillis(1000));
        assertThat(settings.timeout(RequestType.SPACES)).isEqualTo(Duration.ofMillis(2000));
        assertThat(settings.timeout(RequestType.APPLICATIONS)).isEqualTo(Duration.ofMillis(3000));
        // One request reads routes and their domains: the larger of the two timeouts.
        assertThat(settings.timeout(RequestType.ROUTES)).isEqualTo(Duration.ofMillis(4500));
        assertThat(settings.timeout(RequestType.PROCESSES)).isEqualTo(Duration.ofMillis(5000));
        assertThat(settings.timeout(RequestType.INSTANCES)).isEqualTo(Duration.ofMillis(5000));
        assertThat(settings.backoff()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.rateLimit()).isEqualTo(7.5);
        assertThat(settings.threads()).isEqualTo(6);
    }

    @Test
    void keepsTheDefaultsOfAnEmptyRequestSection() {
        CloudControllerSettings settings = CfConfigMapping.settings(config(cf().build()));

        assertThat(settings.timeout(RequestType.ROUTES)).isEqualTo(Duration.ofMillis(2500));
        assertThat(settings.backoff()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.rateLimit()).isZero();
        assertThat(settings.proxy()).isEmpty();
        assertThat(settings.skipSslValidation()).isFalse();
    }

    @Test
    void fallsBackToTheDeprecatedProxyKeys() {
        Cf cf = new Cf(
                "api.example.org",
                "marissa",
                "koala",
                "cf",
                "",
                false,
                Proxy.defaults(),
                "old-proxy.example.org",
                8080,
                CfPool.defaults(),
                CfPool.defaults(),
                CfRequest.defaults(),
                CfCache.defaults(),
                CfWatchdog.defaults());

        assertThat(CfConfigMapping.settings(config(cf)).proxy())
                .hasValue(InetSocketAddress.createUnresolved("old-proxy.example.org", 8080));
    }

    @Test
    void namesEveryMissingKey() {
        ConfigurationException e = catchThrowableOfType(
                () -> CfConfigMapping.settings(config(Cf.defaults())), ConfigurationException.class);

        assertThat(e.problems())
                .containsExactly(
                        "cf.api_host: must be set to discover Cloud Foundry targets. Found: nothing",
                        "cf.username: must be set to log in to Cloud Foundry (or set cf.clientId and "
                                + "cf.clientSecret of a UAA client). Found: nothing",
                        "cf.password: must be set to log in to Cloud Foundry. Found: nothing");
    }

    @Test
    void clientWithoutUsernameUsesTheClientCredentialsGrant() {
        CloudControllerSettings settings = CfConfigMapping.settings(config(Cf.builder()
                .apiHost("api.example.org")
                .clientId("promregator-client")
                .clientSecret("client-secret")
                .build()));

        assertThat(settings.credentials())
                .isEqualTo(UaaCredentials.clientCredentials("promregator-client", "client-secret"));
    }

    @Test
    void clientCredentialsNeedASecret() {
        ConfigurationException e = catchThrowableOfType(
                () -> CfConfigMapping.settings(config(Cf.builder()
                        .apiHost("api.example.org")
                        .clientId("promregator-client")
                        .build())),
                ConfigurationException.class);

        assertThat(e.problems())
                .containsExactly("cf.clientSecret: must be set for the client-credentials grant of client "
                        + "\"promregator-client\". Found: nothing");
    }
}
