package io.promregator.core.cf;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.cf.discovery.CfDiscovery;
import io.promregator.core.config.ConfigLoader;
import io.promregator.simulator.CfSimulator;
import io.promregator.simulator.Foundation;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientCredentialsTest {
    @Test
    void aUaaClientWithoutUserDiscoversWithTheClientCredentialsGrant() {
        try (CfSimulator simulator = CfSimulator.builder()
                        .client("promregator-client", "client-secret")
                        .foundation(Foundation.demo())
                        .start();
                CfDiscovery discovery =
                        CfDiscovery.fromConfig(ConfigLoader.load("""
                        cf:
                          api_host: %s
                          clientId: promregator-client
                          client_secret: client-secret
                        promregator:
                          targets:
                            - orgName: demo-org
                              spaceName: staging
                        """.formatted(simulator.apiUrl()), Map.of()))) {

            assertThat(discovery.resolver().resolve()).hasSize(2);
            assertThat(simulator.tokenRequests())
                    .singleElement()
                    .satisfies(request -> assertThat(request.grantType()).isEqualTo("client_credentials"));
        }
    }
}
