package io.promregator.core.cf.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.promregator.core.cf.CloudControllerException;
import io.promregator.core.cf.client.CfTestServer.Reply;
import io.promregator.core.config.Cf;
import io.promregator.core.config.PromregatorConfig;
import io.promregator.core.testing.TestCertificates;
import java.net.URI;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** TLS checking, skipSslValidation, plain http for simulators, and the proxy. */
class TransportSecurityTest {
    private final FakeTime time = new FakeTime();

    /** A TLS context with a self-signed certificate for a host name other than 127.0.0.1. */
    private static SSLContext selfSigned() {
        return TestCertificates.elsewhere().identity().serverContext();
    }

    private HttpCloudController controller(CloudControllerSettings.Builder builder) {
        return new HttpCloudController(builder.credentials(UaaCredentials.password("marissa", "koala"))
                .clock(time)
                .sleeper(time)
                .build());
    }

    @Test
    void checksCertificatesByDefault() throws Exception {
        try (CfTestServer server = new CfTestServer(selfSigned());
                HttpCloudController controller =
                        controller(CloudControllerSettings.builder().apiUrl(URI.create(server.base())))) {
            server.withFoundation();

            CloudControllerException e = catchThrowableOfType(controller::connect, CloudControllerException.class);

            assertThat(controller.settings().skipSslValidation()).isFalse();
            assertThat(e.status()).isZero();
            assertThat(e).hasCauseInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void acceptsAnyCertificateAndHostWhenSkippingValidation() throws Exception {
        try (CfTestServer server = new CfTestServer(selfSigned());
                HttpCloudController controller = controller(CloudControllerSettings.builder()
                        .apiUrl(URI.create(server.base()))
                        .skipSslValidation(true))) {
            server.withFoundation()
                    .get("/v3/spaces?organization_guids=o1&per_page=5000", Reply.ok("v3_spaces_list.json"));

            assertThat(controller.spaces(List.of("o1"))).hasSize(2);
            assertThat(server.base()).startsWith("https://");
        }
    }

    @Test
    void acceptsAPlainHttpApiUrlFromTheConfiguration() {
        try (CfTestServer server = new CfTestServer()) {
            server.withFoundation();
            PromregatorConfig config = PromregatorConfig.builder()
                    .cf(Cf.builder()
                            .apiHost(server.base())
                            .username("marissa")
                            .password("koala")
                            .build())
                    .build();

            try (HttpCloudController controller = HttpCloudController.fromConfig(config)) {
                controller.connect();

                assertThat(controller.settings().apiUrl()).isEqualTo(URI.create(server.base()));
                assertThat(server.requests("/login/oauth/token")).hasSize(1);
            }
        }
    }

    @Test
    void sendsEverythingThroughTheProxy() {
        try (CfTestServer proxy = new CfTestServer();
                HttpCloudController controller = controller(CloudControllerSettings.builder()
                        .apiUrl(URI.create("http://cf.example.invalid:8080"))
                        .proxy("127.0.0.1", proxy.port()))) {
            proxy.withFoundation();

            controller.connect();

            assertThat(proxy.requests()).hasSize(2);
            assertThat(proxy.requests().get(0).uri()).isEqualTo(URI.create("http://cf.example.invalid:8080/"));
            assertThat(proxy.requests().get(1).path()).isEqualTo("/login/oauth/token");
        }
    }
}
