package io.promregator.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import io.promregator.core.ConfigurationException;
import io.promregator.core.ScrapeResult;
import io.promregator.core.ScrapeResult.Outcome;
import io.promregator.core.Target;
import io.promregator.core.config.ConfigLoader;
import io.promregator.core.exposition.Labels;
import io.promregator.core.scrape.HttpClientScraper;
import io.promregator.core.scrape.ScrapeSettings;
import io.promregator.core.testing.TestCertificates;
import io.promregator.core.testing.TestCertificates.TestCertificate;
import io.promregator.core.testing.TestEndpoints;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code OAuth2XSUAACertificate} over loopback TLS: a token service and a target that both demand a client
 * certificate, and the target also the bearer token issued for it.
 */
class ClientCertificateAuthenticationTest {
    private static final TestCertificate SERVER = TestCertificates.server();
    private static final TestCertificate CLIENT = TestCertificates.client();
    private static final TestCertificate STRANGER = TestCertificates.stranger();
    private static final String CLIENT_ID = "sb-promregator!t42";

    private final TestEndpoints tokenService = TestEndpoints.https(SERVER.serverContextTrusting(CLIENT), true);
    private final TestEndpoints target = TestEndpoints.https(SERVER.serverContextTrusting(CLIENT), true);
    private final List<String> tokenBodies = new CopyOnWriteArrayList<>();
    private final List<String> clientsSeen = new CopyOnWriteArrayList<>();
    private final AtomicInteger issued = new AtomicInteger();
    private final URI tokenUrl = tokenService.serve("/oauth/token", this::issueToken);
    private final URI metricsUrl = target.serve("/metrics", this::serveMetrics);
    private HttpClientScraper scraper;

    @AfterEach
    void close() {
        if (scraper != null) {
            scraper.close();
        }
        tokenService.close();
        target.close();
    }

    private void issueToken(HttpExchange exchange) throws IOException {
        clientsSeen.add("token service: " + peer(exchange));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        tokenBodies.add(body);
        boolean valid = body.startsWith("grant_type=client_credentials&client_id=sb-promregator%21t42")
                && !exchange.getRequestHeaders().containsKey("Authorization");
        respond(
                exchange,
                valid ? 200 : 401,
                valid
                        ? "{\"access_token\":\"token-" + issued.incrementAndGet() + "\",\"expires_in\":600}"
                        : "{\"error\":\"invalid_client\"}");
    }

    private void serveMetrics(HttpExchange exchange) throws IOException {
        clientsSeen.add("target: " + peer(exchange));
        boolean authorized = ("Bearer token-" + issued.get())
                .equals(exchange.getRequestHeaders().getFirst("Authorization"));
        respond(exchange, authorized ? 200 : 401, authorized ? "up 1\n" : "unauthorized\n");
    }

    private static String peer(HttpExchange exchange) {
        try {
            X509Certificate certificate =
                    (X509Certificate) ((HttpsExchange) exchange).getSSLSession().getPeerCertificates()[0];
            return certificate.getSubjectX500Principal().getName();
        } catch (SSLPeerUnverifiedException e) {
            return "no certificate";
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private ScrapeResult scrape(TestCertificate presented) {
        ClientCredentialsAuthenticator authenticator = ClientCredentialsAuthenticator.withClientCertificate(
                tokenUrl,
                CLIENT_ID,
                "metrics.read",
                presented.identity().clientContext(SERVER.trustStore()),
                Clock.systemUTC());
        if (scraper == null) {
            scraper = new HttpClientScraper(ScrapeSettings.defaults(), new Authenticators(authenticator, Map.of()));
        }
        return scraper.scrape(new Target("t", metricsUrl, Labels.EMPTY, Map.of()))
                .join();
    }

    @Test
    void fetchesTheTokenOverMutualTlsAndScrapesWithCertificateAndToken() {
        ScrapeResult first = scrape(CLIENT);
        ScrapeResult second = scraper.scrape(new Target("t", metricsUrl, Labels.EMPTY, Map.of()))
                .join();

        assertThat(first.outcome()).as(first.failure()).isEqualTo(Outcome.SUCCESS);
        assertThat(first.exposition().families().get(0).name()).isEqualTo("up");
        assertThat(second.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(issued).hasValue(1);
        assertThat(tokenBodies)
                .containsExactly("grant_type=client_credentials&client_id=sb-promregator%21t42&scope=metrics.read");
        assertThat(clientsSeen)
                .containsExactly(
                        "token service: CN=client.promregator.test",
                        "target: CN=client.promregator.test",
                        "target: CN=client.promregator.test");
    }

    @Test
    void aCertificateTheTokenServiceDoesNotTrustFailsTheTargetWithoutRequestingIt() {
        ScrapeResult result = scrape(STRANGER);

        assertThat(result.outcome()).isEqualTo(Outcome.AUTHENTICATION);
        assertThat(result.failure()).startsWith("no credentials: token service " + tokenUrl + " cannot be reached: ");
        assertThat(tokenService.requests()).isEmpty();
        assertThat(target.requests()).isEmpty();
    }

    @Test
    void aTargetThatDoesNotTrustTheCertificateIsNeverAskedWithoutIt() {
        TestEndpoints lenientTokens = TestEndpoints.https(SERVER.serverContextTrusting(CLIENT, STRANGER), true);
        try (lenientTokens) {
            URI tokens = lenientTokens.serve("/oauth/token", this::issueToken);
            ClientCredentialsAuthenticator authenticator = ClientCredentialsAuthenticator.withClientCertificate(
                    tokens, CLIENT_ID, "", STRANGER.identity().clientContext(SERVER.trustStore()), Clock.systemUTC());
            scraper = new HttpClientScraper(ScrapeSettings.defaults(), new Authenticators(authenticator, Map.of()));

            ScrapeResult result = scraper.scrape(new Target("t", metricsUrl, Labels.EMPTY, Map.of()))
                    .join();

            assertThat(issued).hasValue(1);
            assertThat(result.outcome()).isEqualTo(Outcome.CONNECTION);
            // TLS 1.3 clients finish their handshake before the server checks their certificate; the refusal
            // then shows as a connection closed without an answer rather than as a handshake failure.
            assertThat(result.failure()).startsWith("connection failed: ");
            assertThat(target.requests()).isEmpty();
        }
    }

    @Test
    void readsCertificateAndKeyFromTheConfiguration() {
        Authenticators authenticators = Authenticators.fromConfig(ConfigLoader.load(
                        """
                        promregator:
                          authenticator:
                            type: OAuth2XSUAACertificate
                            oauth2xsuaaCertificate:
                              tokenServiceCertURL: %s
                              client_id: %s
                              client_certificates: |
                        %s
                              client_key: |
                        %s
                        """.formatted(
                                        tokenUrl,
                                        CLIENT_ID,
                                        CLIENT.certificatePem().indent(8),
                                        CLIENT.rsaKeyPem().indent(8)),
                        Map.of())
                .promregator());

        TargetAuthenticator authenticator =
                authenticators.forTarget(new Target("t", metricsUrl, Labels.EMPTY, Map.of()));

        assertThat(authenticator.tls()).isPresent();
        assertThat(authenticator.toString()).contains("client certificate").doesNotContain("PRIVATE");
    }

    @Test
    void aBrokenKeyFailsAtStartNamingItsKey() {
        String yaml = """
                promregator:
                  targetAuthenticators:
                    - id: ok
                      type: none
                    - id: broken
                      type: OAuth2XSUAACertificate
                      oauth2xsuaaCertificate:
                        tokenServiceCertURL: https://uaa.example/oauth/token
                        client_id: c
                        client_certificates: |
                %s
                        client_key: |
                %s
                """;
        String encrypted = TestCertificates.pem("ENCRYPTED PRIVATE KEY", new byte[] {1, 2, 3});

        ConfigurationException broken = catchThrowableOfType(
                () -> Authenticators.fromConfig(ConfigLoader.load(
                                yaml.formatted(CLIENT.certificatePem().indent(10), encrypted.indent(10)), Map.of())
                        .promregator()),
                ConfigurationException.class);
        ConfigurationException foreign = catchThrowableOfType(
                () -> Authenticators.fromConfig(ConfigLoader.load(
                                yaml.formatted(
                                        CLIENT.certificatePem().indent(10),
                                        STRANGER.keyPem().indent(10)),
                                Map.of())
                        .promregator()),
                ConfigurationException.class);

        assertThat(broken.problems())
                .containsExactly(
                        "promregator.targetAuthenticators[1].oauth2xsuaaCertificate.client_key: must be PEM "
                                + "text with one unencrypted private key: PRIVATE KEY (PKCS#8, RSA or EC) or RSA PRIVATE KEY "
                                + "(PKCS#1). Found: an ENCRYPTED PRIVATE KEY (decrypt it first, e.g. openssl pkey -in key.pem)");
        assertThat(foreign.problems())
                .containsExactly("promregator.targetAuthenticators[1].oauth2xsuaaCertificate.client_key: must be the "
                        + "private key of the first certificate in client_certificates. Found: a RSA key that does "
                        + "not belong to the certificate for CN=client.promregator.test");
    }
}
