package io.promregator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.promregator.core.config.ConfigLoader;
import io.promregator.core.config.PromregatorConfig;
import io.promregator.core.server.ServerSettings;
import io.promregator.core.testing.TestCertificates;
import io.promregator.core.testing.TestCertificates.TestCertificate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code server.ssl.*}: HTTPS from PEM files or a key store, and every problem named at its key. */
class ServerSslConfigTest {
    private static final TestCertificate SERVER = TestCertificates.server();
    private static final String KEY_EXPECTED =
            "one unencrypted private key: PRIVATE KEY (PKCS#8, RSA or EC) or RSA " + "PRIVATE KEY (PKCS#1)";

    @TempDir
    Path dir;

    private Path certificate() {
        return SERVER.writeCertificate(dir.resolve("cert.pem"));
    }

    private Path key() {
        return SERVER.writeKey(dir.resolve("key.pem"));
    }

    private static PromregatorConfig load(String yaml, Map<String, String> environment) {
        return ConfigLoader.load(yaml, environment);
    }

    private static List<String> problems(String yaml) {
        return catchThrowableOfType(() -> load(yaml, Map.of()), ConfigurationException.class)
                .problems();
    }

    @Test
    void servesHttpsFromPemFiles() throws Exception {
        PromregatorConfig config = load("""
                server:
                  address: 127.0.0.1
                  port: 0
                  ssl:
                    certificate: %s
                    certificate-private-key: file:%s
                """.formatted(certificate(), key()), Map.of());

        try (Promregator promregator =
                Promregator.builder().config(config).build().start()) {
            HttpResponse<String> response = HttpClient.newBuilder()
                    .sslContext(SERVER.trustingContext())
                    .build()
                    .send(
                            HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + promregator.port() + "/-/healthy"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
        }
        assertThat(config.unimplementedKeys()).isEmpty();
        assertThat(config.server().ssl().toString()).doesNotContain("key.pem");
    }

    @Test
    void takesRelaxedNamesEnvironmentVariablesAndPemTextItself() {
        PromregatorConfig config = load(
                "server.ssl.certificatePrivateKey: |\n" + SERVER.keyPem().indent(2),
                Map.of("SERVER_SSL_CERTIFICATE", certificate().toString()));

        assertThat(config.server().ssl().certificate()).isEqualTo(certificate().toString());
        assertThat(Wiring.server(config, ServerSettings.defaults()).tls()).isPresent();
    }

    @Test
    void servesPlainHttpWhenDisabledOrWithoutCertificate() {
        PromregatorConfig disabled = load("""
                server.ssl:
                  enabled: false
                  certificate: /nowhere/cert.pem
                """, Map.of());

        assertThat(Wiring.server(disabled, ServerSettings.defaults()).tls()).isEmpty();
        assertThat(Wiring.server(PromregatorConfig.defaults(), ServerSettings.defaults())
                        .tls())
                .isEmpty();
    }

    @Test
    void servesHttpsFromAPkcs12KeyStore() {
        PromregatorConfig config = load("""
                server.ssl:
                  key-store: %s
                  key-store-password: %s
                  key-store-type: pkcs12
                  key-alias: server
                """.formatted(SERVER.keyStore(), TestCertificates.STORE_PASSWORD), Map.of());

        assertThat(Wiring.server(config, ServerSettings.defaults()).tls()).isPresent();
        assertThat(config.unimplementedKeys()).isEmpty();
    }

    @Test
    void namesAMissingFileAndAMissingPartner() {
        Path missing = dir.resolve("missing.pem");

        assertThat(problems("server.ssl: {certificate: %s, certificate-private-key: %s}".formatted(missing, key())))
                .containsExactly("server.ssl.certificate: must be the location of a readable PEM file with one or "
                        + "more CERTIFICATE blocks (X.509). Found: \"" + missing + "\", which does not exist");
        assertThat(problems("server.ssl.certificate-private-key: " + key()))
                .containsExactly("server.ssl.certificate: must be set when server.ssl.certificate-private-key is set, "
                        + "as HTTPS needs both. Found: nothing");
    }

    @Test
    void namesWhatAFileHoldsInsteadOfWhatItShould() throws Exception {
        Path encrypted = Files.writeString(
                dir.resolve("encrypted.pem"), TestCertificates.pem("ENCRYPTED PRIVATE KEY", new byte[] {1}));
        Path other = TestCertificates.client().writeKey(dir.resolve("other.pem"));

        assertThat(problems("server.ssl: {certificate: %s, certificate-private-key: %s}".formatted(key(), key())))
                .containsExactly("server.ssl.certificate: must be a readable PEM file with one or more CERTIFICATE "
                        + "blocks (X.509). Found: \"" + key() + "\" with only PRIVATE KEY");
        assertThat(problems("server.ssl: {certificate: %s, certificate-private-key: %s}"
                        .formatted(certificate(), encrypted)))
                .containsExactly("server.ssl.certificate-private-key: must be a readable PEM file with " + KEY_EXPECTED
                        + ". Found: \"" + encrypted + "\" with an ENCRYPTED PRIVATE KEY (decrypt it first, e.g. "
                        + "openssl pkey -in key.pem)");
        assertThat(problems(
                        "server.ssl: {certificate: %s, certificate-private-key: %s}".formatted(certificate(), other)))
                .containsExactly("server.ssl.certificate-private-key: must be a readable PEM file with the private "
                        + "key of the first certificate in server.ssl.certificate. Found: \"" + other + "\" with a "
                        + "RSA key that does not belong to the certificate for CN=server.promregator.test");
    }

    @Test
    void namesKeyStoreProblems() {
        assertThat(problems("server.ssl: {key-store: %s, key-store-password: wrong}".formatted(SERVER.keyStore())))
                .singleElement()
                .asString()
                .startsWith("server.ssl.key-store: must be a PKCS12 key store, readable with the given password, "
                        + "with a private key entry. Found: \"" + SERVER.keyStore() + "\" with content that does "
                        + "not open as one")
                .doesNotContain("wrong");
        assertThat(problems("server.ssl: {key-store: %s, certificate: %s}".formatted(SERVER.keyStore(), certificate())))
                .containsExactly("server.ssl.key-store: must be empty when server.ssl.certificate or "
                        + "server.ssl.certificate-private-key is set (give either PEM files or a key store). Found: \""
                        + SERVER.keyStore() + "\"");
        assertThat(problems("server.ssl.key-store-type: BKS"))
                .containsExactly("server.ssl.key-store-type: must be PKCS12 or JKS. Found: \"BKS\"");
    }

    @Test
    void acceptsSpringBootsOtherSslKeysWithoutEffectAndRejectsUnknownOnes() {
        PromregatorConfig config = load("server.ssl: {client-auth: need, enabled-protocols: TLSv1.3}", Map.of());

        assertThat(config.unimplementedKeys())
                .containsExactly("server.ssl.client-auth", "server.ssl.enabled-protocols");
        assertThat(problems("server.ssl.certificat: x"))
                .containsExactly("server.ssl.certificat: unknown key. Did you mean \"certificate\"?");
    }
}
