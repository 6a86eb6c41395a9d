package io.promregator.core.cf;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.Target;
import io.promregator.core.cf.discovery.CfDiscovery;
import io.promregator.core.config.ConfigLoader;
import io.promregator.core.config.PromregatorConfig;
import io.promregator.simulator.CfSimulator;
import io.promregator.simulator.CloudControllerRequest;
import io.promregator.simulator.Foundation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The request budget: a whole foundation of 1,000 apps is discovered in a handful of Cloud Controller requests. */
class LargeFoundationDiscoveryTest {
    static PromregatorConfig config(CfSimulator simulator, String targets) {
        return ConfigLoader.load("""
                cf:
                  api_host: %s
                  username: promregator
                  password: secret
                promregator:
                  targets:
                %s
                """.formatted(simulator.apiUrl(), targets.indent(4)), Map.of());
    }

    @Test
    void thousandAppsInFiftySpacesOfFiveOrgsTakeAtMostTenRequests() {
        try (CfSimulator simulator = CfSimulator.builder()
                        .user("promregator", "secret")
                        .foundation(Foundation.large(5, 10, 20, 3))
                        .start();
                CfDiscovery discovery =
                        CfDiscovery.fromConfig(config(simulator, "- orgRegex: org-.*\n  protocol: http"))) {

            List<Target> targets = discovery.resolver().resolve();
            List<CloudControllerRequest> requests = simulator.requests();

            assertThat(targets).hasSize(3000);
            assertThat(requests).hasSizeLessThanOrEqualTo(10);
            assertThat(requests)
                    .extracting(CloudControllerRequest::path)
                    .containsExactly("/", "/v3/organizations", "/v3/spaces", "/v3/apps", "/v3/processes", "/v3/routes");
            assertThat(simulator.tokenRequestCount()).isEqualTo(1);
        }
    }

    @Test
    void namedTargetsAskForTheirOrgsByName() {
        try (CfSimulator simulator = CfSimulator.builder()
                        .user("promregator", "secret")
                        .foundation(Foundation.large(5, 10, 20, 3))
                        .start();
                CfDiscovery discovery = CfDiscovery.fromConfig(config(simulator, """
                        - orgName: org-1
                          spaceName: space-2
                          applicationName: app-1-2-3
                        - orgName: org-3
                        """))) {

            assertThat(discovery.resolver().resolve()).hasSize(3 + 200 * 3);
            assertThat(simulator.requests())
                    .filteredOn(r -> r.path().equals("/v3/organizations"))
                    .singleElement()
                    .satisfies(r -> assertThat(r.query()).contains("names=org-1,org-3"));
        }
    }
}
