package io.promregator.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promregator.core.ConfigurationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigValidationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            server.port: eighty                            | server.port: must be an integer between 0 and 65535. Found: "eighty"
            server.port: 70000                             | server.port: must be an integer between 0 and 65535. Found: 70000
            server.address: 'http://0.0.0.0'               | server.address: must be an IP address or host name. Found: "http://0.0.0.0"
            promregator.scraping.threads: 0                | promregator.scraping.threads: must be an integer of at least 1. Found: 0
            promregator.scraping.threads: many             | promregator.scraping.threads: must be an integer of at least 1. Found: "many"
            promregator.scraping.maxProcessingTime: 0      | promregator.scraping.maxProcessingTime: must be a positive integer (milliseconds). Found: 0
            promregator.scraping.connectionTimeout: -5     | promregator.scraping.connectionTimeout: must be a positive integer (milliseconds). Found: -5
            promregator.scraping.socketReadTimeout: 1.5    | promregator.scraping.socketReadTimeout: must be a positive integer (milliseconds). Found: 1.5
            promregator.scraping.maxResponseSize: 0        | promregator.scraping.maxResponseSize: must be a positive integer (bytes). Found: 0
            promregator.scraping.labelConflict: sometimes  | promregator.scraping.labelConflict: must be one of exported, override, keep. Found: "sometimes"
            promregator.scraping.labelEnrichment: maybe    | promregator.scraping.labelEnrichment: must be true or false. Found: "maybe"
            promregator.scraping.proxy: {host: 'http://p', port: 3128} | promregator.scraping.proxy.host: must be a host name or IP address, without scheme or port. Found: "http://p"
            promregator.scraping.proxy.host: p             | promregator.scraping.proxy.port: must be between 1 and 65535 when promregator.scraping.proxy.host is set. Found: 0
            promregator.metrics.requestLatency: 2          | promregator.metrics.requestLatency: must be true or false. Found: 2
            promregator.metrics.labelNamePrefix: 1x        | promregator.metrics.labelNamePrefix: must be a label name prefix matching [a-zA-Z_][a-zA-Z0-9_]* and not starting with __. Found: "1x"
            promregator.metrics.labelNamePrefix: __x       | promregator.metrics.labelNamePrefix: must be a label name prefix matching [a-zA-Z_][a-zA-Z0-9_]* and not starting with __. Found: "__x"
            promregator.discovery.scheme: ftp              | promregator.discovery.scheme: must be http or https. Found: "ftp"
            promregator.endpoint.auth: DIGEST              | promregator.endpoint.auth: must be one of none, basic. Found: "DIGEST"
            promregator.authenticator.type: kerberos       | promregator.authenticator.type: must be one of basic, OAuth2XSUAABasic, OAuth2XSUAACertificate, OAuth2XSUAA, none. Found: "kerberos"
            promregator.authenticator.id: x                | promregator.authenticator.id: must be empty, as only entries of promregator.targetAuthenticators have ids. Found: "x"
            promregator.gc.rate: 0                         | promregator.gc.rate: must be a positive integer (seconds). Found: 0
            promregator.workaround.dnscache.timeout: -2    | promregator.workaround.dnscache.timeout: must be an integer of at least -1. Found: -2
            promregator.targets[0].orgRegex: 'ab(['        | promregator.targets[0].orgRegex: must be a valid regular expression. Found: "ab(["
            promregator.targets[0].spaceRegex: '*'         | promregator.targets[0].spaceRegex: must be a valid regular expression. Found: "*"
            promregator.targets[0].applicationRegex: '[a'  | promregator.targets[0].applicationRegex: must be a valid regular expression. Found: "[a"
            promregator.targets[0].protocol: ftp           | promregator.targets[0].protocol: must be http or https. Found: "ftp"
            promregator.targets[0].internalRoutePort: -1   | promregator.targets[0].internalRoutePort: must be an integer between 0 and 65535. Found: -1
            promregator.targets[0].authenticatorId: nope   | promregator.targets[0].authenticatorId: must be the id of an entry of promregator.targetAuthenticators. Found: "nope"
            promregator.staticTargets[0].url: 'ftp://x/m'  | promregator.staticTargets[0].url: must be an absolute http or https URL. Found: "ftp://x/m"
            promregator.staticTargets[0].url: '/metrics'   | promregator.staticTargets[0].url: must be an absolute http or https URL. Found: "/metrics"
            promregator.staticTargets[0].labels.job: x     | promregator.staticTargets[0].url: must be an absolute http or https URL. Found: nothing
            cf.api_host: 'https://api.example.org/v3'      | cf.api_host: must be a host name with an optional port, or an http or https URL. Found: "https://api.example.org/v3"
            cf.api_host: 'api.example.org:99999'           | cf.api_host: must be a host name with an optional port, or an http or https URL. Found: "api.example.org:99999"
            cf.skipSslValidation: sometimes                | cf.skipSslValidation: must be true or false. Found: "sometimes"
            cf.request.rateLimit: -1                       | cf.request.rateLimit: must be a number of at least 0. Found: -1.0
            cf.request.timeout.org: 0                      | cf.request.timeout.org: must be a positive integer (milliseconds). Found: 0
            cf.cache.timeout.route: 0                      | cf.cache.timeout.route: must be a positive integer (seconds). Found: 0
            cf.cache.type: FAST                            | cf.cache.type: must be one of caffeine, classic. Found: "FAST"
            cf.cache.aggregator.blocksize.route: 0         | cf.cache.aggregator.blocksize.route: must be an integer of at least 1. Found: 0
            cf.proxy.port: 65536                           | cf.proxy.port: must be an integer between 0 and 65535. Found: 65536
            logging.level.io.promregator: LOUD             | logging.level.io.promregator: must be one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL, OFF. Found: "LOUD"
            logging.format: xml                            | logging.format: must be text or json. Found: "xml"
            """)
    void reportsAnInvalidValueWithPathExpectationAndValue(String yaml, String problem) {
        assertThat(problems(yaml)).containsExactly(problem);
    }

    @Test
    void acceptsTheFormsOfApiHost() {
        for (String host : List.of(
                "api.example.org",
                "api.example.org:443",
                "https://api.example.org",
                "http://localhost:8080",
                "https://api.example.org:8443/",
                "10.0.0.1")) {
            assertThat(ConfigLoader.load("cf.api_host: '" + host + "'", Map.of())
                            .cf()
                            .apiHost())
                    .isEqualTo(host);
        }
    }

    @Test
    void rejectsBadPreferredRouteRegexByIndex() {
        assertThat(problems("""
                promregator:
                  targets:
                    - preferredRouteRegex:
                        - ".*"
                        - "(unclosed"
                """))
                .containsExactly(
                        "promregator.targets[0].preferredRouteRegex[1]: must be a valid regular expression. Found: \"(unclosed\"");
    }

    @Test
    void rejectsBadLabelNamesAndHeaders() {
        assertThat(problems("""
                promregator:
                  staticTargets:
                    - url: http://localhost/metrics
                      labels:
                        app-name: x
                        __name__: y
                        good_name: z
                      headers:
                        Host: example.org
                        "Bad Header": v
                """))
                .containsExactly(
                        "promregator.staticTargets[0].labels.app-name: must be a label name matching [a-zA-Z_][a-zA-Z0-9_]*"
                                + " and not starting with __. Found: \"app-name\"",
                        "promregator.staticTargets[0].labels.__name__: must be a label name matching [a-zA-Z_][a-zA-Z0-9_]*"
                                + " and not starting with __. Found: \"__name__\"",
                        "promregator.staticTargets[0].headers.Host: must be an HTTP header name other than Connection,"
                                + " Content-Length, Expect, Host and Upgrade. Found: \"Host\"",
                        "promregator.staticTargets[0].headers.Bad Header: must be an HTTP header name other than Connection,"
                                + " Content-Length, Expect, Host and Upgrade. Found: \"Bad Header\"");
    }

    @Test
    void rejectsStaticTargetsWithTheSameLabelsOrUrlByTheirKeyPath() {
        assertThat(problems("""
                promregator:
                  staticTargets:
                    - url: http://localhost:9100/metrics
                      labels: {job: node, env: prod}
                    - url: http://localhost:9200/metrics
                      labels: {env: prod, job: node}
                    - url: http://localhost:9100/metrics
                    - url: http://localhost:9300/metrics
                """))
                .containsExactly(
                        "promregator.staticTargets[1].labels: must differ from the labels of promregator.staticTargets[0],"
                                + " so that their series can be told apart. Found: {env=\"prod\", job=\"node\"}",
                        "promregator.staticTargets[2].url: must differ from the url of promregator.staticTargets[0]."
                                + " Found: \"http://localhost:9100/metrics\"",
                        "promregator.staticTargets[3].labels: must differ from the labels of promregator.staticTargets[2],"
                                + " so that their series can be told apart. Found: no labels");
    }

    @Test
    void rejectsAuthenticatorsWithoutOrWithRepeatedIds() {
        assertThat(problems("""
                promregator:
                  targetAuthenticators:
                    - id: a
                      type: basic
                    - type: none
                    - id: a
                """))
                .containsExactly(
                        "promregator.targetAuthenticators[1].id: must be set, as targets refer to authenticators by id."
                                + " Found: \"\"",
                        "promregator.targetAuthenticators[2].id: must differ from the id of promregator.targetAuthenticators[0]."
                                + " Found: \"a\"");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThat(problems("""
                server:
                  port: eighty
                promregator:
                  scraping:
                    threads: 0
                    maxProcesingTime: 10
                  targets:
                    - orgName: fine
                    - orgRegex: "ab(["
                """))
                .containsExactlyInAnyOrder(
                        "server.port: must be an integer between 0 and 65535. Found: \"eighty\"",
                        "promregator.scraping.threads: must be an integer of at least 1. Found: 0",
                        "promregator.scraping.maxProcesingTime: unknown key. Did you mean \"maxProcessingTime\"?",
                        "promregator.targets[1].orgRegex: must be a valid regular expression. Found: \"ab([\"");
    }

    @Test
    void rejectsUnknownKeyWithTheNearestKnownOne() {
        assertThat(problems("promregator:\n  scraping:\n    maxProcesingTime: 4000\n"))
                .containsExactly(
                        "promregator.scraping.maxProcesingTime: unknown key. Did you mean \"maxProcessingTime\"?");
        assertThat(problems("promregator.targets[0].orgNmae: x"))
                .containsExactly("promregator.targets[0].orgNmae: unknown key. Did you mean \"orgName\"?");
        assertThat(problems("cf.api_hots: x")).containsExactly("cf.api_hots: unknown key. Did you mean \"api_host\"?");
    }

    @Test
    void rejectsUnknownKeyWithTheKeyOfThatNameElsewhere() {
        assertThat(problems("scraping:\n  threads: 4\n"))
                .containsExactly("scraping: unknown key. Did you mean \"promregator.scraping\"?");
        assertThat(problems("promregator.requestLatency: true"))
                .containsExactly(
                        "promregator.requestLatency: unknown key. Did you mean \"promregator.metrics.requestLatency\"?");
    }

    @Test
    void rejectsUnknownKeyWithoutLikelyMeaningByListingTheKnownOnes() {
        assertThat(problems("server:\n  zzz: 1\n"))
                .containsExactly("server.zzz: unknown key. Known keys here: port, address, tomcat, compression, ssl");
    }

    @Test
    void rejectsKeysBelowAValue() {
        assertThat(problems("server.port.number: 1"))
                .containsExactly("server.port.number: unknown key. \"server.port\" has no keys below it");
    }

    @Test
    void rejectsWrongShapes() {
        assertThat(problems("cf: hello")).containsExactly("cf: must be a mapping of keys. Found: \"hello\"");
        assertThat(problems("- a\n- b")).containsExactly("configuration: must be a mapping of keys. Found: a list");
        assertThat(problems("promregator:\n  targets:\n    orgName: x\n"))
                .containsExactly("promregator.targets: must be a list. Found: a mapping");
        assertThat(problems("promregator.targets[1].orgName: x"))
                .containsExactly("promregator.targets[0]: must be set, as list indexes count up from 0 without gaps."
                        + " Found: nothing");
    }

    @Test
    void neverShowsSecrets() {
        assertThat(problems("""
                cf:
                  password: [a, b]
                promregator:
                  authenticator:
                    oauth2xsuaaBasic:
                      client_secret: {x: y}
                    oauth2xsuaaCertificate:
                      client_key: ${NOT_SET}
                  staticTargets:
                    - url: http://localhost/
                      headers:
                        X-Token: "abc\\ndef"
                """))
                .containsExactly(
                        "cf.password: must be a single value. Found: <hidden>",
                        "promregator.authenticator.oauth2xsuaaBasic.client_secret: must be a single value. Found: <hidden>",
                        "promregator.authenticator.oauth2xsuaaCertificate.client_key: must name a set environment variable in"
                                + " ${NOT_SET}, or give a default as in ${NOT_SET:default}. Found: <hidden>",
                        "promregator.staticTargets[0].headers.X-Token: must not contain line breaks. Found: <hidden>");
    }

    @Test
    void rejectsAMalformedBcryptHashAsPasswordWithoutShowingIt() {
        assertThat(problems("promregator.authentication.basic.password: '$2a$10$short'"))
                .containsExactly("promregator.authentication.basic.password: must be a plain password, or a bcrypt"
                        + " hash if it starts with $2a$, $2b$ or $2y$: that prefix, a two-digit cost from 04 to 31, $,"
                        + " then 53 characters of ./A-Za-z0-9 (60 characters in all). Found: <hidden>");
    }

    @Test
    void acceptsABcryptHashOrAPlainPasswordAsInboundPassword() {
        assertThat(ConfigLoader.load(
                                "promregator.authentication.basic.password:"
                                        + " '$2b$04$f69KbJVvBkiWvb4N.ai6g.MhEFMJlythp5yoa9xexyLS7Wn/dQDQ6'",
                                Map.of())
                        .promregator()
                        .authentication()
                        .basic()
                        .password())
                .hasSize(60);
        assertThat(ConfigLoader.load("promregator.authentication.basic.password: '$2x$not bcrypt'", Map.of())
                        .promregator()
                        .authentication()
                        .basic()
                        .password())
                .isEqualTo("$2x$not bcrypt");
    }

    @Test
    void exceptionMessageListsAllProblems() {
        assertThatThrownBy(() -> ConfigLoader.load("server.port: x\npromregator.scraping.threads: 0", Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("""
                        Invalid configuration (2 problems):
                          server.port: must be an integer between 0 and 65535. Found: "x"
                          promregator.scraping.threads: must be an integer of at least 1. Found: 0""");
    }

    static List<String> problems(String yaml) {
        try {
            ConfigLoader.load(yaml, Map.of());
        } catch (ConfigurationException e) {
            return e.problems();
        }
        throw new AssertionError("no problem found in:\n" + yaml);
    }
}
