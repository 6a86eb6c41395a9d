package io.promregator.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.promregator.core.ConfigurationException;
import io.promregator.core.enrich.LabelConflict;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final Map<String, String> ORIGINAL_ENV =
            Map.of("CF_PASSWORD", "cf-secret", "METRICS_PASSWORD", "metrics-secret", "HOME", "/home/vcap");

    @Test
    void loadsAnOriginalStyleFileUnchanged() throws IOException {
        PromregatorConfig config = ConfigLoader.load(resource("original-promregator.yml"), ORIGINAL_ENV);

        Cf cf = config.cf();
        assertThat(cf.apiHost()).isEqualTo("api.cf.example.org");
        assertThat(cf.username()).isEqualTo("promregator-user");
        assertThat(cf.password()).isEqualTo("cf-secret");
        assertThat(cf.proxy()).isEqualTo(new Proxy("proxy.example.org", 3128));
        assertThat(cf.connectionPool().size()).isEqualTo(32);
        assertThat(cf.request().timeout().appInSpace()).isEqualTo(3000);
        assertThat(cf.request().timeout().org()).isEqualTo(2500);
        assertThat(cf.request().rateLimit()).isEqualTo(20.0);
        assertThat(cf.cache().type()).isEqualTo(CfCache.Type.CAFFEINE);
        assertThat(cf.cache().expiry().domain()).isEqualTo(300);
        assertThat(cf.cache().aggregator().checkinterval().route()).isEqualTo(125);
        assertThat(cf.watchdog().enabled()).isTrue();
        assertThat(cf.watchdog().restartCount()).isEqualTo(3);

        PromregatorSettings promregator = config.promregator();
        assertThat(promregator.targets()).hasSize(4);
        CfTarget regexTarget = promregator.targets().get(1);
        assertThat(regexTarget.orgRegex()).isEqualTo("prod-.*");
        assertThat(regexTarget.orgPattern())
                .get()
                .matches(p -> p.matcher("PROD-eu").matches());
        assertThat(regexTarget.preferredRouteRegex()).containsExactly(".*\\.apps\\.internal", ".*");
        assertThat(regexTarget.internalRoutePort()).isEqualTo(9090);
        assertThat(regexTarget.path()).isEqualTo("/metrics");
        assertThat(regexTarget.protocol()).isEqualTo("https");
        assertThat(promregator.targets().get(0).path()).isEqualTo("/actuator/prometheus");
        assertThat(promregator.targets().get(2).kubernetesAnnotations()).isTrue();
        assertThat(promregator.authenticator().oauth2xsuaaBasic().clientSecret())
                .isEqualTo("not-so-secret");
        assertThat(promregator.authenticator().oauth2xsuaaBasic().tokenServiceUrl())
                .isEqualTo("https://jwt.token.server.example.org/oauth/token");
        assertThat(promregator.targetAuthenticators().get(0).basic())
                .isEqualTo(new BasicCredentials("prometheus", "metrics-secret"));
        assertThat(promregator.endpoint().auth()).isEqualTo(EndpointAuth.BASIC);
        assertThat(promregator.discovery())
                .isEqualTo(
                        new DiscoveryEndpoint("promregator.apps.example.org", 443, "https", false, EndpointAuth.NONE));
        assertThat(promregator.cache().invalidate().auth()).isEqualTo(EndpointAuth.BASIC);
        assertThat(promregator.scraping())
                .isEqualTo(Scraping.builder()
                        .maxProcessingTime(4000)
                        .connectionTimeout(2000)
                        .socketReadTimeout(3000)
                        .threads(10)
                        .build());
        assertThat(promregator.metrics().requestLatency()).isTrue();
        assertThat(promregator.defaultInternalRoutePort()).isEqualTo(8081);
        assertThat(promregator.workaround().dnscache().timeout()).isEqualTo(60);

        assertThat(config.server().port()).isEqualTo(9090);
        assertThat(config.server().address()).isEqualTo("0.0.0.0");
        assertThat(config.server().tomcat().maxThreads()).isEqualTo(32);
        assertThat(config.logging().level())
                .containsExactly(Map.entry("org.cloudfoundry.promregator", "DEBUG"), Map.entry("root", "INFO"));
        assertThat(config.logging().effectiveLevels()).containsEntry("io.promregator", "DEBUG");
    }

    @Test
    void emptyFileIsAllDefaults() {
        assertThat(ConfigLoader.load("", Map.of())).isEqualTo(PromregatorConfig.defaults());
        assertThat(ConfigLoader.load("# nothing but a comment\n", Map.of())).isEqualTo(PromregatorConfig.defaults());
    }

    @Test
    void defaultsAreTheOriginals() {
        PromregatorConfig config = PromregatorConfig.defaults();

        assertThat(config.server().port()).isEqualTo(8080);
        assertThat(config.server().address()).isEqualTo("0.0.0.0");
        Scraping scraping = config.promregator().scraping();
        assertThat(scraping.threads()).isEqualTo(5);
        assertThat(scraping.maxProcessingTime()).isEqualTo(5000);
        assertThat(scraping.connectionTimeout()).isEqualTo(5000);
        assertThat(scraping.socketReadTimeout()).isEqualTo(5000);
        assertThat(scraping.labelEnrichment()).isTrue();
        assertThat(scraping.labelConflict()).isEqualTo(LabelConflict.EXPORTED);
        assertThat(scraping.maxResponseSize()).isEqualTo(16L * 1024 * 1024);
        assertThat(scraping.proxy().configured()).isFalse();
        assertThat(config.promregator().metrics().requestLatency()).isFalse();
        assertThat(config.promregator().staticTargets()).isEmpty();
        assertThat(config.promregator().authentication().basic().username()).isEqualTo("promregator");
        assertThat(config.promregator().discovery().ownMetricsEndpoint()).isTrue();
        assertThat(config.promregator().defaultInternalRoutePort()).isEqualTo(8080);
        assertThat(config.cf().request().timeout().org()).isEqualTo(2500);
        assertThat(config.cf().request().backoff()).isEqualTo(500);
        assertThat(config.cf().cache().timeout().application()).isEqualTo(300);
        assertThat(config.cf().cache().expiry().domain()).isEqualTo(300);
        assertThat(config.cf().watchdog().rate()).isEqualTo(60);
        assertThat(config.server().tomcat().threads().max()).isEqualTo(16);
        assertThat(config.unimplementedKeys()).isEmpty();
    }

    @Test
    void defaultsFillTheKeysAFileLeavesOut() {
        PromregatorConfig config = ConfigLoader.load("""
                promregator:
                  authentication:
                    basic:
                      password: pw
                  targets:
                    - orgName: a
                """, Map.of());

        assertThat(config.promregator().authentication().basic()).isEqualTo(new BasicCredentials("promregator", "pw"));
        assertThat(config.promregator().targets().get(0))
                .isEqualTo(CfTarget.builder().orgName("a").build())
                .extracting(CfTarget::path, CfTarget::protocol)
                .containsExactly("/metrics", "https");
    }

    @Test
    void bindsImplementedKeysAndStaticTargets() {
        PromregatorConfig config = ConfigLoader.load("""
                server:
                  address: 127.0.0.1
                promregator:
                  scraping:
                    labelEnrichment: false
                    labelConflict: override
                    maxResponseSize: 1048576
                    proxy:
                      host: proxy.local
                      port: 3128
                  staticTargets:
                    - url: http://localhost:9100/metrics
                      labels:
                        job: node
                        env: test
                      headers:
                        Authorization: Bearer abc
                    - url: https://example.org/metrics
                """, Map.of());

        Scraping scraping = config.promregator().scraping();
        assertThat(scraping.labelEnrichment()).isFalse();
        assertThat(scraping.labelConflict()).isEqualTo(LabelConflict.OVERRIDE);
        assertThat(scraping.maxResponseSize()).isEqualTo(1_048_576);
        assertThat(scraping.proxy().configured()).isTrue();
        assertThat(config.server().address()).isEqualTo("127.0.0.1");
        List<StaticTarget> targets = config.promregator().staticTargets();
        assertThat(targets.get(0).url()).isEqualTo(URI.create("http://localhost:9100/metrics"));
        assertThat(targets.get(0).labels()).containsExactly(Map.entry("job", "node"), Map.entry("env", "test"));
        assertThat(targets.get(0).headers()).containsEntry("Authorization", "Bearer abc");
        assertThat(targets.get(1)).isEqualTo(StaticTarget.of("https://example.org/metrics"));
        assertThat(config.unimplementedKeys()).isEmpty();
    }

    @Test
    void acceptsSpringRelaxedNamesAndValues() {
        PromregatorConfig config = ConfigLoader.load("""
                cf:
                  api-host: api.example.org
                  skip-ssl-validation: "true"
                promregator:
                  scraping:
                    max-processing-time: "3000"
                    THREADS: 7
                    label_enrichment: "no"
                  metrics:
                    requestLatency: on
                server:
                  port: '8081'
                """, Map.of());

        assertThat(config.cf().apiHost()).isEqualTo("api.example.org");
        assertThat(config.cf().skipSslValidation()).isTrue();
        assertThat(config.promregator().scraping().maxProcessingTime()).isEqualTo(3000);
        assertThat(config.promregator().scraping().threads()).isEqualTo(7);
        assertThat(config.promregator().scraping().labelEnrichment()).isFalse();
        assertThat(config.promregator().metrics().requestLatency()).isTrue();
        assertThat(config.server().port()).isEqualTo(8081);
    }

    @Test
    void acceptsDottedAndIndexedKeys() {
        PromregatorConfig config = ConfigLoader.load("""
                promregator.scraping.threads: 10
                promregator:
                  scraping.maxProcessingTime: 2000
                  targets:
                    - orgName: first
                promregator.targets[0].spaceName: s
                promregator.targets[1].orgName: second
                logging.level.io.promregator: debug
                """, Map.of());

        assertThat(config.promregator().scraping().threads()).isEqualTo(10);
        assertThat(config.promregator().scraping().maxProcessingTime()).isEqualTo(2000);
        assertThat(config.promregator().targets())
                .extracting(CfTarget::orgName, CfTarget::spaceName)
                .containsExactly(tuple("first", "s"), tuple("second", ""));
        assertThat(config.logging().level()).containsEntry("io.promregator", "DEBUG");
    }

    @Test
    void laterDocumentsOverrideEarlierOnes() {
        PromregatorConfig config = ConfigLoader.load("""
                server:
                  port: 1000
                  address: 127.0.0.1
                ---
                server:
                  port: 2000
                """, Map.of());

        assertThat(config.server()).isEqualTo(Server.of(2000, "127.0.0.1"));
    }

    @Test
    void honoursTheDeprecatedEndpointAliases() {
        PromregatorConfig config = ConfigLoader.load("""
                promregator:
                  endpoint:
                    maxProcessingTime: 3000
                    threads: 3
                  scraping:
                    threads: 4
                """, Map.of());

        assertThat(config.promregator().scraping().maxProcessingTime()).isEqualTo(3000);
        assertThat(config.promregator().scraping().threads()).isEqualTo(4);
    }

    @Test
    void loadsFromAFile(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("promregator.yml");
        Files.writeString(file, "server:\n  port: 7000\n");

        assertThat(ConfigLoader.load(file, Map.of()).server().port()).isEqualTo(7000);
    }

    @Test
    void reportsAMissingFile(@TempDir Path directory) {
        Path file = directory.resolve("missing.yml");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(file + ": must be a readable file. Found: java.nio.file.NoSuchFileException");
    }

    @Test
    void reportsBrokenYamlWithoutItsText() {
        assertThatThrownBy(() -> ConfigLoader.load("cf:\n  password: [abc\n", Map.of()))
                .isInstanceOfSatisfying(
                        ConfigurationException.class,
                        e -> assertThat(e.problems())
                                .singleElement()
                                .asString()
                                .startsWith("configuration: must be valid YAML. Found: ")
                                .contains("line 3")
                                .doesNotContain("abc"));
    }

    @Test
    void reportsDuplicateKeys() {
        assertThatThrownBy(() -> ConfigLoader.load("server:\n  port: 1\n  port: 2\n", Map.of()))
                .isInstanceOfSatisfying(
                        ConfigurationException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "configuration: must be valid YAML. Found: duplicate key \"port\" (line 3, column 9)"));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ConfigLoaderTest.class.getResourceAsStream("/config/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
