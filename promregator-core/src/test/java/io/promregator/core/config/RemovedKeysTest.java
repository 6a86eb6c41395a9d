package io.promregator.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promregator.core.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keys the original Promregator stopped reading load, are ignored and are named as removed, all alike. */
class RemovedKeysTest {

    @Test
    void everyRemovedKeyLoadsAndIsNamedAsRemoved() {
        PromregatorConfig config = ConfigLoader.load("""
                cf:
                  request:
                    timeout:
                      org: 1000
                      appSummary: 4000
                      app: 100
                      routeMapping: 100
                      sharedDomain: 100
                promregator:
                  resolver:
                    logging:
                      empty:
                        target: true
                  internal:
                    checkAPIVersion3: true
                    preCheckAPIVersion: false
                """, Map.of());

        assertThat(config.cf().request().timeout().org()).isEqualTo(1000);
        assertThat(config.removedKeys())
                .containsExactly(
                        "cf.request.timeout.appSummary: removed in Promregator 1.0 with the Cloud Controller v2 space"
                                + " summary it timed; ignored",
                        "cf.request.timeout.app: removed in Promregator 1.0; cf.request.timeout.appInSpace took its"
                                + " place; ignored",
                        "cf.request.timeout.routeMapping: obsolete since Promregator 0.5.0; ignored",
                        "cf.request.timeout.sharedDomain: obsolete since Promregator 0.5.0; ignored",
                        "promregator.resolver.logging.empty.target: no longer read by Promregator; /explainTargets and"
                                + " --explain-targets say which targets matched nothing; ignored",
                        "promregator.internal.checkAPIVersion3: no longer read by Promregator, which speaks the Cloud"
                                + " Controller API v3 only; ignored",
                        "promregator.internal.preCheckAPIVersion: unused since Promregator 1.0, which speaks the Cloud"
                                + " Controller API v3 only; ignored");
        assertThat(config.unimplementedKeys()).isEmpty();
    }

    @Test
    void removedKeysMatchAsSpringMatchesKeysInEveryWrittenForm() {
        PromregatorConfig config = ConfigLoader.load("""
                promregator.resolver.logging.empty.target: true
                promregator:
                  Internal:
                    check-api-version3: true
                cf.request.timeout:
                  app_summary: 4000
                """, Map.of());

        assertThat(config.removedKeys())
                .extracting(line -> line.substring(0, line.indexOf(':')))
                .containsExactly(
                        "promregator.resolver.logging.empty.target",
                        "promregator.internal.checkAPIVersion3",
                        "cf.request.timeout.appSummary");
    }

    @Test
    void anUnknownKeyBesideARemovedOneIsStillAnError() {
        assertThatThrownBy(() -> ConfigLoader.load("""
                        promregator:
                          internal:
                            checkAPIVersion3: true
                            checkAPIVersion4: true
                        """, Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("promregator.internal: unknown key");
        assertThatThrownBy(() -> ConfigLoader.load("promregator.resolver.cache: 1\n", Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("promregator.resolver: unknown key");
    }

    @Test
    void aConfigurationWithoutRemovedKeysNamesNone() {
        assertThat(ConfigLoader.load("cf.request.timeout.org: 1000\n", Map.of()).removedKeys())
                .isEmpty();
        assertThat(PromregatorConfig.defaults().removedKeys()).isEmpty();
    }
}
