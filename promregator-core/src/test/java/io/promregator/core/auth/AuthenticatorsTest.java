package io.promregator.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.promregator.core.ConfigurationException;
import io.promregator.core.Target;
import io.promregator.core.config.Authenticator;
import io.promregator.core.config.ConfigLoader;
import io.promregator.core.config.PromregatorSettings;
import io.promregator.core.exposition.Labels;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthenticatorsTest {
    private static Authenticators load(String yaml) {
        return Authenticators.fromConfig(ConfigLoader.load(yaml, Map.of()).promregator());
    }

    private static Target target(String authenticatorId) {
        URI url = URI.create("http://app.example/metrics");
        return new Target("t", url, Labels.EMPTY, Map.of(), authenticatorId);
    }

    @Test
    void targetsUseTheirNamedAuthenticatorElseTheGlobalOne() {
        Authenticators authenticators = load("""
                promregator:
                  authenticator:
                    type: basic
                    basic: {username: global, password: pw}
                  targetAuthenticators:
                    - id: special
                      type: BASIC
                      basic: {username: special, password: pw}
                    - id: open
                      type: none
                """);

        assertThat(authenticators.forTarget(target("")).authorization().join()).contains("Basic Z2xvYmFsOnB3");
        assertThat(authenticators.forTarget(target("special")).authorization().join())
                .contains("Basic c3BlY2lhbDpwdw==");
        assertThat(authenticators.forTarget(target("open")).authorization().join())
                .isEmpty();
    }

    @Test
    void noAuthenticatorMeansNoHeader() {
        assertThat(load("").forTarget(target("")).authorization().join()).isEmpty();
    }

    @Test
    void missingPartsFailAtStartInsteadOfScrapingWithoutCredentials() {
        ConfigurationException e = catchThrowableOfType(() -> load("""
                promregator:
                  authenticator:
                    type: OAuth2XSUAACertificate
                  targetAuthenticators:
                    - id: x
                      type: OAuth2XSUAABasic
                """), ConfigurationException.class);

        assertThat(e.problems())
                .containsExactly(
                        "promregator.authenticator.oauth2xsuaaCertificate.tokenServiceCertURL: must be the URL of the "
                                + "token service for client certificates. Found: nothing",
                        "promregator.authenticator.oauth2xsuaaCertificate.client_id: must be the OAuth2 client id. "
                                + "Found: nothing",
                        "promregator.authenticator.oauth2xsuaaCertificate.client_certificates: must be PEM text with "
                                + "one or more CERTIFICATE blocks (X.509). Found: nothing",
                        "promregator.authenticator.oauth2xsuaaCertificate.client_key: must be PEM text with one "
                                + "unencrypted private key: PRIVATE KEY (PKCS#8, RSA or EC) or RSA PRIVATE KEY "
                                + "(PKCS#1). Found: nothing",
                        "promregator.targetAuthenticators[0].oauth2xsuaaBasic.tokenServiceURL: must be the token "
                                + "service's URL. Found: nothing");
    }

    @Test
    void unknownTypesFailAtStart() {
        PromregatorSettings settings = PromregatorSettings.builder()
                .authenticator(new Authenticator(null, "kerberos", null, null, null, null))
                .build();

        ConfigurationException e =
                catchThrowableOfType(() -> Authenticators.fromConfig(settings), ConfigurationException.class);

        assertThat(e.problems())
                .containsExactly("promregator.authenticator.type: must be basic, OAuth2XSUAABasic, "
                        + "OAuth2XSUAACertificate or none. Found: \"kerberos\"");
    }
}
