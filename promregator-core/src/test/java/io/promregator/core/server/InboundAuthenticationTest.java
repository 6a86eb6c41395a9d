package io.promregator.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.promregator.core.ConfigurationException;
import io.promregator.core.Promregator;
import io.promregator.core.TestBuilder;
import io.promregator.core.config.ConfigLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InboundAuthenticationTest {
    private static final String CONFIG = """
            promregator:
              authentication:
                basic: {username: prometheus, password: "pa:ss wörd"}
              endpoint: {auth: BASIC}
              metrics: {auth: BASIC}
              cache: {invalidate: {auth: BASIC}}
            server: {address: 127.0.0.1, port: 0}
            """;
    private Promregator promregator;

    @AfterEach
    void stop() {
        if (promregator != null) {
            promregator.close();
        }
    }

    private int status(String path, String authorization) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + promregator.port() + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response =
                HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 401) {
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                    .contains("Basic realm=\"Promregator\", charset=\"UTF-8\"");
        }
        return response.statusCode();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private Double failures(String endpoint) {
        return TestBuilder.ownMetrics(promregator)
                .registry()
                .getSampleValue(
                        "promregator_inbound_authentication_failures_total",
                        new String[] {"endpoint"},
                        new String[] {endpoint});
    }

    @Test
    void protectedEndpointsAskForTheUserAndCountRefusals() throws Exception {
        promregator = TestBuilder.create()
                .config(ConfigLoader.load(CONFIG, Map.of()))
                .build()
                .start();
        String right = basic("prometheus", "pa:ss wörd");

        assertThat(status("/metrics", null)).isEqualTo(401);
        assertThat(status("/metrics", basic("prometheus", "wrong"))).isEqualTo(401);
        assertThat(status("/singleTargetMetrics/5a1f0c2e-0000-4000-8000-000000000001/0", null))
                .isEqualTo(401);
        assertThat(status("/cache/invalidate?org=true", null)).isEqualTo(401);
        assertThat(status("/metrics", right)).isEqualTo(200);
        assertThat(status("/cache/invalidate?org=true", right)).isEqualTo(204);
        assertThat(status("/discovery", null)).as("discovery.auth stays NONE").isEqualTo(200);
        assertThat(status("/-/ready", null)).isEqualTo(200);
        assertThat(status("/promregatorMetrics", null)).isEqualTo(401);
        assertThat(failures("/metrics")).isEqualTo(2.0);
    }

    @Test
    void aPasswordGivenAsBcryptHashLetsTheRightPasswordInAndCountsWrongOnes() throws Exception {
        // "pa:ss wörd" at cost 4, made by libxcrypt 4.4.33 (see BcryptHashTest for the command).
        String config =
                CONFIG.replace("\"pa:ss wörd\"", "'$2y$04$yoxou3keoQUdpRHYuVXwhO7yaDDFctzwiopQtfIYJUEmFQEiO0rne'");
        promregator = TestBuilder.create()
                .config(ConfigLoader.load(config, Map.of()))
                .build()
                .start();
        String right = basic("prometheus", "pa:ss wörd");

        assertThat(status("/metrics", right)).isEqualTo(200);
        assertThat(status("/metrics", right))
                .as("again, now from the remembered header")
                .isEqualTo(200);
        assertThat(status("/cache/invalidate?org=true", right)).isEqualTo(204);
        assertThat(status("/metrics", basic("prometheus", "wrong"))).isEqualTo(401);
        assertThat(status("/metrics", basic("admin", "pa:ss wörd"))).isEqualTo(401);
        assertThat(status("/metrics", null)).isEqualTo(401);
        assertThat(status(
                        "/metrics",
                        basic("prometheus", "$2y$04$yoxou3keoQUdpRHYuVXwhO7yaDDFctzwiopQtfIYJUEmFQEiO0rne")))
                .as("the hash itself is no password")
                .isEqualTo(401);
        assertThat(status("/metrics", right)).isEqualTo(200);
        assertThat(failures("/metrics")).isEqualTo(4.0);
    }

    @Test
    void aMalformedBcryptHashFailsAtStartWithoutShowingIt() {
        String config =
                CONFIG.replace("\"pa:ss wörd\"", "'$2b$03$yoxou3keoQUdpRHYuVXwhO7yaDDFctzwiopQtfIYJUEmFQEiO0rne'");
        ConfigurationException e = catchThrowableOfType(
                () -> TestBuilder.create().config(ConfigLoader.load(config, Map.of())), ConfigurationException.class);

        assertThat(e.problems())
                .containsExactly("promregator.authentication.basic.password: must be a plain password, or a bcrypt"
                        + " hash if it starts with $2a$, $2b$ or $2y$: that prefix, a two-digit cost from 04 to 31, $,"
                        + " then 53 characters of ./A-Za-z0-9 (60 characters in all). Found: <hidden>");
        assertThat(e.getMessage()).doesNotContain("yoxou3");
    }

    @Test
    void aMalformedBcryptHashIsRefusedWhenBuiltInCode() {
        assertThatThrownBy(() -> new InboundAuthentication("u", "$2b$10$tooShort", true, false, false, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("password: starts like a bcrypt hash but is malformed: a bcrypt hash has 60 characters,"
                        + " found 15");
    }

    @Test
    void basicWithoutPasswordFailsAtStart() {
        ConfigurationException e = catchThrowableOfType(
                () -> TestBuilder.create()
                        .config(ConfigLoader.load("promregator:\n  discovery: {auth: BASIC}\n", Map.of())),
                ConfigurationException.class);

        assertThat(e.problems())
                .containsExactly("promregator.authentication.basic.password: must be set when an endpoint's auth "
                        + "is BASIC. Found: nothing");
    }
}
