package io.promregator.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.Promregator;
import io.promregator.core.TestBuilder;
import io.promregator.core.config.ConfigLoader;
import io.promregator.simulator.CfSimulator;
import io.promregator.simulator.Foundation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Targets behind Basic auth and a token service, scraped through the simulated foundation. */
class OutboundAuthenticationTest {
    private final CfSimulator simulator = CfSimulator.builder()
            .user("promregator", "secret")
            .foundation(Foundation.demo())
            .start();
    private Promregator promregator;

    @AfterEach
    void stop() {
        if (promregator != null) {
            promregator.close();
        }
        simulator.close();
    }

    private String metrics(String authenticators, String authenticatorId) throws Exception {
        promregator = TestBuilder.create()
                .config(ConfigLoader.load(
                        """
                        cf:
                          api_host: %s
                          username: promregator
                          password: secret
                        promregator:
                          scraping:
                            proxy: {host: 127.0.0.1, port: %d}
                        %s
                          targets:
                            - orgName: platform-org
                              spaceName: tools
                              applicationName: secured-exporter
                              protocol: http
                              authenticatorId: %s
                        server: {address: 127.0.0.1, port: 0}
                        """.formatted(
                                        simulator.apiUrl(),
                                        simulator.gorouterProxy().getPort(),
                                        authenticators,
                                        authenticatorId),
                        Map.of()))
                .build()
                .start();
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + promregator.port() + "/metrics"))
                                .header("Accept", "text/plain")
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    @Test
    void targetAuthenticatorWithBasicCredentialsReachesTheSecuredApp() throws Exception {
        String text = metrics("""
                  targetAuthenticators:
                    - id: exporter
                      type: basic
                      basic: {username: metrics, password: s3cret}
                """, "exporter");

        assertThat(text)
                .contains("promregator_up{org_name=\"platform-org\"", "app_name=\"secured-exporter\"")
                .doesNotContain("promregator_scrape_failure{");
    }

    @Test
    void withoutCredentialsTheSecuredAppIsDownWithItsStatus() throws Exception {
        String text = metrics("""
                  targetAuthenticators:
                    - id: exporter
                      type: none
                """, "exporter");

        assertThat(text).contains("promregator_scrape_failure{reason=\"http_status\"");
    }

    @Test
    void aTokenServiceThatCannotBeReachedFailsTheTargetWithAReason() throws Exception {
        String text = metrics("""
                  targetAuthenticators:
                    - id: exporter
                      type: OAuth2XSUAABasic
                      oauth2xsuaaBasic:
                        tokenServiceURL: http://127.0.0.1:1/oauth/token
                        client_id: c
                        client_secret: s
                """, "exporter");

        assertThat(text).contains("promregator_scrape_failure{reason=\"authentication\"");
        assertThat(simulator.gorouterRequests()).isEmpty();
    }
}
