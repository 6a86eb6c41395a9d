package io.promregator.core.cf.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CloudControllerSettingsTest {
    private static CloudControllerSettings.Builder minimal() {
        return CloudControllerSettings.builder()
                .apiHost("api.example.org")
                .credentials(UaaCredentials.password("marissa", "koala"));
    }

    @ParameterizedTest
    @CsvSource({
        "api.example.org, https://api.example.org",
        "api.example.org:8443, https://api.example.org:8443",
        "https://api.example.org/, https://api.example.org",
        "http://127.0.0.1:9000, http://127.0.0.1:9000",
        "HTTP://localhost:9000/, HTTP://localhost:9000"
    })
    void readsTheApiHostAsTheOriginalDidOrAsAUrl(String apiHost, String url) {
        assertThat(CloudControllerSettings.apiUrl(apiHost)).isEqualTo(URI.create(url));
    }

    @ParameterizedTest
    @CsvSource({"''", "ftp://api.example.org", "'api example org'"})
    void rejectsWhatIsNoApiHost(String apiHost) {
        assertThatThrownBy(() -> CloudControllerSettings.apiUrl(apiHost)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void defaultsToTheOriginalsValues() {
        CloudControllerSettings settings = minimal().build();

        assertThat(settings.skipSslValidation()).isFalse();
        assertThat(settings.proxy()).isEmpty();
        assertThat(settings.loginUrl()).isEmpty();
        assertThat(settings.attempts()).isEqualTo(3);
        assertThat(settings.backoff()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.rateLimit()).isZero();
        assertThat(settings.guidsPerRequest()).isEqualTo(100);
        assertThat(settings.timeout(RequestType.ORGANIZATIONS)).isEqualTo(Duration.ofMillis(2500));
        assertThat(settings.timeout(RequestType.INSTANCES)).isEqualTo(Duration.ofMillis(2500));
        assertThat(settings.timeout(RequestType.TOKEN)).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.credentials().clientId()).isEqualTo("cf");
        assertThat(settings.credentials().clientSecret()).isEmpty();
    }

    @Test
    void keepsItsValuesThroughToBuilder() {
        CloudControllerSettings settings = minimal()
                .proxy("proxy.example.org", 3128)
                .timeout(RequestType.ROUTES, Duration.ofSeconds(9))
                .rateLimit(1.5)
                .build();

        assertThat(settings.toBuilder().build()).isEqualTo(settings);
        assertThat(settings.proxy()).hasValue(InetSocketAddress.createUnresolved("proxy.example.org", 3128));
    }

    @Test
    void rejectsImpossibleValues() {
        assertThatThrownBy(() -> minimal().attempts(0).build()).hasMessageContaining("attempts");
        assertThatThrownBy(() -> minimal().rateLimit(-1).build()).hasMessageContaining("rateLimit");
        assertThatThrownBy(() -> minimal().rateLimit(Double.NaN).build()).hasMessageContaining("rateLimit");
        assertThatThrownBy(() ->
                        minimal().timeout(RequestType.SPACES, Duration.ZERO).build())
                .hasMessageContaining("SPACES");
        assertThatThrownBy(() -> minimal().credentials(null).build()).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> UaaCredentials.password("marissa", ""))
                .hasMessageContaining("needs a username and a password");
    }

    @Test
    void hidesSecretsInToString() {
        UaaCredentials credentials = UaaCredentials.clientCredentials("promregator", "client-s3cret");

        assertThat(minimal().credentials(credentials).build().toString())
                .contains("clientId=promregator")
                .doesNotContain("client-s3cret");
        assertThat(UaaCredentials.password("marissa", "koala").toString()).doesNotContain("koala");
    }
}
