package io.promregator.core.cf.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.promregator.core.cf.CloudControllerException;
import io.promregator.core.cf.client.CfTestServer.Reply;
import io.promregator.core.config.Cf;
import io.promregator.core.config.PromregatorConfig;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS checking, skipSslValidation, plain http for simulators, and the proxy. */
class TransportSecurityTest {
    private static final char[] STORE_PASSWORD = "changeit".toCharArray();

    @TempDir
    Path dir;

    private final FakeTime time = new FakeTime();

    /** A TLS context with a fresh self-signed certificate for a host name other than 127.0.0.1. */
    private SSLContext selfSigned() throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        assumeTrue(Files.isExecutable(keytool), "keytool is needed to make a certificate");
        Path store = dir.resolve("server.p12");
        Process process = new ProcessBuilder(
                        keytool.toString(),
                        "-genkeypair",
                        "-alias",
                        "server",
                        "-keyalg",
                        "RSA",
                        "-keysize",
                        "2048",
                        "-dname",
                        "CN=cf.example.invalid",
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        store.toString(),
                        "-storepass",
                        "changeit",
                        "-keypass",
                        "changeit")
                .redirectErrorStream(true)
                .start();
        process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertThat(process.waitFor()).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, STORE_PASSWORD);
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, STORE_PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
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
