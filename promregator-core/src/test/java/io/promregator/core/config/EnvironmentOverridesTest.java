package io.promregator.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promregator.core.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentOverridesTest {

    @Test
    void environmentSetsKeysInSpringsRelaxedForm() {
        PromregatorConfig config = ConfigLoader.load(
                "",
                Map.of(
                        "CF_PASSWORD", "s3cret",
                        "CF_API_HOST", "api.example.org",
                        "PROMREGATOR_SCRAPING_MAXPROCESSINGTIME", "3000",
                        "PROMREGATOR_SCRAPING_LABEL_CONFLICT", "keep",
                        "SERVER_PORT", "9000",
                        "SERVER_ADDRESS", "127.0.0.1"));

        assertThat(config.cf().password()).isEqualTo("s3cret");
        assertThat(config.cf().apiHost()).isEqualTo("api.example.org");
        assertThat(config.promregator().scraping().maxProcessingTime()).isEqualTo(3000);
        assertThat(config.promregator().scraping().labelConflict().name()).isEqualTo("KEEP");
        assertThat(config.server()).isEqualTo(Server.of(9000, "127.0.0.1"));
    }

    @Test
    void environmentWinsOverYaml() {
        PromregatorConfig config =
                ConfigLoader.load("""
                server:
                  port: 8081
                promregator:
                  scraping:
                    threads: 3
                """, Map.of("SERVER_PORT", "8082", "PROMREGATOR_SCRAPING_THREADS", "4"));

        assertThat(config.server().port()).isEqualTo(8082);
        assertThat(config.promregator().scraping().threads()).isEqualTo(4);
    }

    @Test
    void tellsTheSpringFormOfTwoKeysThatOtherwiseLookAlike() {
        PromregatorConfig config = ConfigLoader.load(
                "", Map.of("CF_PROXY_HOST", "new.proxy", "CF_PROXY_PORT", "1", "CF_PROXYHOST", "old.proxy"));

        assertThat(config.cf().proxy()).isEqualTo(new Proxy("new.proxy", 1));
        assertThat(config.cf().proxyHost()).isEqualTo("old.proxy");
    }

    @Test
    void ignoresUnrelatedVariables() {
        PromregatorConfig config = ConfigLoader.load(
                "",
                Map.of(
                        "PATH",
                        "/usr/bin",
                        "HOME",
                        "/root",
                        "CF_INSTANCE_GUID",
                        "x",
                        "VCAP_APPLICATION",
                        "{}",
                        "PROMREGATOR_TARGETS_0_ORGNAME",
                        "lists are not set from the environment"));

        assertThat(config).isEqualTo(PromregatorConfig.defaults());
    }

    @Test
    void setsLoggerLevelsFromTheEnvironment() {
        PromregatorConfig config = ConfigLoader.load(
                "", Map.of("LOGGING_LEVEL_ORG_CLOUDFOUNDRY_PROMREGATOR", "debug", "LOGGING_LEVEL_ROOT", "WARN"));

        assertThat(config.logging().level())
                .containsEntry("org.cloudfoundry.promregator", "DEBUG")
                .containsEntry("root", "WARN");
    }

    @Test
    void reportsAnInvalidValueNamingTheVariable() {
        assertThatThrownBy(
                        () -> ConfigLoader.load("", Map.of("SERVER_PORT", "eighty", "CF_SKIPSSLVALIDATION", "maybe")))
                .isInstanceOfSatisfying(
                        ConfigurationException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "cf.skipSslValidation: must be true or false. Found: \"maybe\""
                                                + " (from environment variable CF_SKIPSSLVALIDATION)",
                                        "server.port: must be an integer between 0 and 65535. Found: \"eighty\""
                                                + " (from environment variable SERVER_PORT)"));
    }

    @Test
    void portVariableGivesThePortWhenNothingElseDoes() {
        assertThat(ConfigLoader.load("", Map.of("PORT", "8888")).server().port())
                .isEqualTo(8888);
        assertThat(ConfigLoader.load("server.port: 7777", Map.of("PORT", "8888"))
                        .server()
                        .port())
                .isEqualTo(7777);
        assertThat(ConfigLoader.load("", Map.of("PORT", "8888", "SERVER_PORT", "9999"))
                        .server()
                        .port())
                .isEqualTo(9999);
        assertThat(ConfigLoader.load("", Map.of()).server().port()).isEqualTo(8080);
    }

    @Test
    void resolvesPlaceholdersFromTheEnvironment() {
        PromregatorConfig config = ConfigLoader.load(
                """
                cf:
                  api_host: ${CF_API:api.default.org}
                  username: ${USER_NAME}
                  password: pre-${SECRET}-post
                server:
                  port: ${PORT_NUMBER:8080}
                  address: ${BIND:${FALLBACK_BIND:127.0.0.1}}
                promregator:
                  staticTargets:
                    - url: http://${TARGET_HOST}:9100/metrics
                      headers:
                        Authorization: Bearer ${TOKEN}
                """,
                Map.of(
                        "USER_NAME",
                        "admin",
                        "SECRET",
                        "x",
                        "PORT_NUMBER",
                        "9001",
                        "TARGET_HOST",
                        "node1",
                        "TOKEN",
                        "t0ken"));

        assertThat(config.cf().apiHost()).isEqualTo("api.default.org");
        assertThat(config.cf().username()).isEqualTo("admin");
        assertThat(config.cf().password()).isEqualTo("pre-x-post");
        assertThat(config.server()).isEqualTo(Server.of(9001, "127.0.0.1"));
        assertThat(config.promregator().staticTargets().get(0).url()).hasHost("node1");
        assertThat(config.promregator().staticTargets().get(0).headers())
                .containsEntry("Authorization", "Bearer t0ken");
    }

    @Test
    void resolvesPlaceholdersNamingKeysInTheirEnvironmentForm() {
        PromregatorConfig config = ConfigLoader.load("cf.username: ${cf.user-name}", Map.of("CF_USER_NAME", "u"));

        assertThat(config.cf().username()).isEqualTo("u");
    }

    @Test
    void reportsPlaceholdersWithoutVariableOrDefault() {
        assertThatThrownBy(() -> ConfigLoader.load("cf.username: ${MISSING}", Map.of()))
                .isInstanceOfSatisfying(
                        ConfigurationException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "cf.username: must name a set environment variable in ${MISSING}, or give a default as in"
                                                + " ${MISSING:default}. Found: \"${MISSING}\""));
    }

    @Test
    void leavesTextWithoutClosingBraceAsItIs() {
        assertThat(ConfigLoader.load("cf.username: 'a${b'", Map.of()).cf().username())
                .isEqualTo("a${b");
    }
}
