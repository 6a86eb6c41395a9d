package io.promregator.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promregator.core.ConfigurationException;
import io.promregator.core.enrich.LabelConflict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromregatorConfigTest {

    @Test
    void builderSetsWhatAnEmbeddingApplicationNeeds() {
        PromregatorConfig config = PromregatorConfig.builder()
                .serverAddress("127.0.0.1")
                .serverPort(0)
                .scraping(Scraping.builder()
                        .threads(10)
                        .maxProcessingTime(2000)
                        .labelConflict(LabelConflict.KEEP)
                        .build())
                .staticTarget(StaticTarget.of("http://localhost:9100/metrics", Map.of("job", "node")))
                .staticTarget(StaticTarget.of("http://localhost:9200/metrics", Map.of("job", "other")))
                .requestLatency(true)
                .build();

        assertThat(config.server()).isEqualTo(Server.of(0, "127.0.0.1"));
        assertThat(config.promregator().scraping().threads()).isEqualTo(10);
        assertThat(config.promregator().scraping().maxProcessingTime()).isEqualTo(2000);
        assertThat(config.promregator().scraping().connectionTimeout())
                .as("the default, lowered to maxProcessingTime")
                .isEqualTo(2000);
        assertThat(config.promregator().staticTargets())
                .extracting(t -> t.labels().get("job"))
                .containsExactly("node", "other");
        assertThat(config.promregator().metrics().requestLatency()).isTrue();
        assertThat(config.unimplementedKeys()).isEmpty();
    }

    @Test
    void toBuilderKeepsEverythingElse() {
        PromregatorConfig loaded = ConfigLoader.load("cf.api_host: api.example.org\nserver.port: 1234", Map.of());

        PromregatorConfig changed = loaded.toBuilder().serverPort(0).build();

        assertThat(changed.server().port()).isZero();
        assertThat(changed.cf()).isEqualTo(loaded.cf());
    }

    @Test
    void constructorValidatesWithFullPaths() {
        assertThatThrownBy(() -> PromregatorConfig.builder()
                        .serverPort(-1)
                        .scraping(Scraping.builder().threads(0).build())
                        .staticTarget(StaticTarget.of("ftp://example.org/metrics"))
                        .build())
                .isInstanceOfSatisfying(
                        ConfigurationException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "promregator.staticTargets[0].url: must be an absolute http or https URL."
                                                + " Found: \"ftp://example.org/metrics\"",
                                        "promregator.scraping.threads: must be an integer of at least 1. Found: 0",
                                        "server.port: must be an integer between 0 and 65535. Found: -1"));
    }

    @Test
    void staticTargetNeedsAUrl() {
        assertThatThrownBy(() -> new StaticTarget(null, Map.of(), Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(
                        "promregator.staticTargets[].url: must be an absolute http or https URL. Found: nothing");
    }

    @Test
    void listsTheSetKeysThatAreNotImplemented() {
        PromregatorConfig config = ConfigLoader.load("""
                cf:
                  api_host: api.example.org
                  request:
                    timeout:
                      org: 3000
                  watchdog:
                    enabled: true
                promregator:
                  targets:
                    - orgName: myOrg
                      applicationRegex: ".*"
                    - {}
                  scraping:
                    threads: 8
                  metrics:
                    requestLatency: true
                    internal: true
                  staticTargets:
                    - url: http://localhost/metrics
                server:
                  port: 9000
                  tomcat.threads.max: 200
                  compression.mimeTypes: text/plain
                logging.level.root: INFO
                logging.config: logback.xml
                spring.main.banner-mode: "off"
                """, Map.of("CF_PASSWORD", "secret"));

        assertThat(config.unimplementedKeys())
                .containsExactly(
                        "cf.watchdog.enabled",
                        "server.compression.mimeTypes",
                        "logging.config",
                        "spring.main.banner-mode");
    }

    @Test
    void implementedKeysAreListedInOnePlace() {
        assertThat(ImplementedKeys.isImplemented("server.port")).isTrue();
        assertThat(ImplementedKeys.isImplemented("promregator.scraping.proxy.host"))
                .isTrue();
        assertThat(ImplementedKeys.isImplemented("promregator.staticTargets[3].labels.job"))
                .isTrue();
        assertThat(ImplementedKeys.isImplemented("logging.level.io.promregator"))
                .isTrue();
        assertThat(ImplementedKeys.isImplemented("cf.api_host")).isTrue();
        assertThat(ImplementedKeys.isImplemented("promregator.targets[0].orgName"))
                .isTrue();
        assertThat(ImplementedKeys.isImplemented("promregator.targets[0].authenticatorId"))
                .isTrue();
        assertThat(ImplementedKeys.isImplemented("promregator.authenticator.oauth2xsuaaCertificate.client_id"))
                .isTrue();
        assertThat(ImplementedKeys.isImplemented("server.ssl.client-auth")).isFalse();
        assertThat(ImplementedKeys.isImplemented("cf.watchdog.enabled")).isFalse();
        assertThat(ImplementedKeys.isImplemented("promregator.metrics.internal"))
                .isTrue();
        assertThat(ImplementedKeys.isImplemented("promregator.discoverer.timeout"))
                .isTrue();
        assertThat(ImplementedKeys.isImplemented("promregator.discovery.hostname"))
                .isTrue();
    }

    @Test
    void toStringHidesSecrets() {
        PromregatorConfig config = ConfigLoader.load("""
                cf:
                  password: cf-pass
                promregator:
                  authenticator:
                    basic: {username: u, password: basic-pass}
                    oauth2xsuaaBasic: {client_secret: xsuaa-secret}
                    oauth2xsuaaCertificate: {client_key: the-key}
                  staticTargets:
                    - url: http://localhost/metrics
                      headers: {Authorization: Bearer the-token}
                """, Map.of());

        assertThat(config.toString())
                .doesNotContain("cf-pass", "basic-pass", "xsuaa-secret", "the-key", "the-token")
                .contains("password=<hidden>", "Authorization=<hidden>");
    }

    @Test
    void loggingTakesFalseForOffAndMapsTheOriginalsPackage() {
        Logging logging = ConfigLoader.load("""
                logging:
                  level:
                    root: OFF
                    org.cloudfoundry.promregator: info
                """, Map.of()).logging();

        assertThat(logging.level()).containsEntry("root", "OFF");
        assertThat(logging.effectiveLevels()).containsEntry("io.promregator", "INFO");
        assertThat(new Logging(Map.of("org.cloudfoundry.promregator", "INFO", "io.promregator", "TRACE"), "")
                        .effectiveLevels())
                .containsEntry("io.promregator", "TRACE");
    }

    @Test
    void logLinesAreTextUnlessJsonIsAskedForInYamlOrTheEnvironment() {
        assertThat(ConfigLoader.load("logging: {}", Map.of()).logging().json()).isFalse();
        assertThat(ConfigLoader.load("logging: {format: JSON}", Map.of())
                        .logging()
                        .json())
                .isTrue();
        assertThat(ConfigLoader.load("", Map.of("LOGGING_FORMAT", "json"))
                        .logging()
                        .json())
                .isTrue();
    }

    @Test
    void collectionsAreCopiedAndUnmodifiable() {
        List<StaticTarget> targets = new ArrayList<>(List.of(StaticTarget.of("http://a/metrics")));
        PromregatorSettings settings =
                PromregatorSettings.builder().staticTargets(targets).build();
        targets.clear();

        assertThat(settings.staticTargets()).hasSize(1);
        assertThatThrownBy(() -> settings.staticTargets().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
