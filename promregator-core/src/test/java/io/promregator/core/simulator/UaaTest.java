package io.promregator.core.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.promregator.core.testing.MutableClock;
import io.promregator.simulator.CfSimulator;
import io.promregator.simulator.SimHttp;
import io.promregator.simulator.TestFoundations;
import io.promregator.simulator.TokenRequest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UaaTest {
    private final MutableClock clock = new MutableClock();
    private CfSimulator sim;
    private SimHttp http;

    @BeforeEach
    void start() {
        sim = CfSimulator.builder()
                .user(TestFoundations.USER, TestFoundations.PASSWORD)
                .client(TestFoundations.CLIENT, TestFoundations.CLIENT_SECRET)
                .tokenLifetime(Duration.ofMinutes(20))
                .clock(clock)
                .foundation(TestFoundations.small())
                .start();
        http = new SimHttp(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void grantsPasswordTokensToTheCfClient() {
        HttpResponse<String> response = http.postToken(
                SimHttp.CF_CLIENT_BASIC,
                Map.of("grant_type", "password", "username", "promregator", "password", "secret"));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode token = SimHttp.json(response);
        assertThat(token.get("token_type").asText()).isEqualTo("bearer");
        assertThat(token.get("expires_in").asLong()).isEqualTo(1200);
        assertThat(token.get("refresh_token").asText()).isNotEmpty();
        assertThat(token.get("scope").asText()).contains("cloud_controller.read");
        assertThat(token.get("jti").asText()).isNotEmpty();
        String[] parts = token.get("access_token").asText().split("\\.");
        assertThat(parts).hasSize(3);
        JsonNode claims = SimHttp.json(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        assertThat(claims.get("user_name").asText()).isEqualTo("promregator");
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(1200);
        assertThat(claims.get("iss").asText()).isEqualTo(sim.uaaUrl() + "/oauth/token");
    }

    @Test
    void acceptsClientCredentialsInTheFormAndOnTheLoginPath() {
        HttpResponse<String> response = http.postToken(
                null,
                Map.of("grant_type", "password", "username", "promregator", "password", "secret", "client_id", "cf"));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode root = http.getJson("/", null);
        String login = root.get("links").get("login").get("href").asText();
        HttpResponse<String> viaLogin = http.send(HttpRequest.newBuilder(URI.create(login + "/oauth/token"))
                .header("Authorization", SimHttp.CF_CLIENT_BASIC)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&username=promregator&password=secret"))
                .build());
        assertThat(viaLogin.statusCode()).isEqualTo(200);
    }

    @Test
    void grantsClientCredentialsWithoutRefreshToken() {
        String basic = "Basic "
                + Base64.getEncoder()
                        .encodeToString("promregator-client:client-secret".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.postToken(basic, Map.of("grant_type", "client_credentials"));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode token = SimHttp.json(response);
        assertThat(token.has("refresh_token")).isFalse();
        HttpResponse<String> inForm = http.postToken(
                null,
                Map.of(
                        "grant_type",
                        "client_credentials",
                        "client_id",
                        "promregator-client",
                        "client_secret",
                        "client-secret"));
        assertThat(inForm.statusCode()).isEqualTo(200);
        String accessToken = token.get("access_token").asText();
        assertThat(http.get("/v3/organizations", accessToken).statusCode()).isEqualTo(200);
        assertThat(sim.tokenRequests())
                .extracting(TokenRequest::grantType, TokenRequest::clientId)
                .containsOnly(tuple("client_credentials", "promregator-client"));
    }

    @Test
    void refusesWrongPasswordsAndClients() {
        HttpResponse<String> wrongPassword = http.postToken(
                SimHttp.CF_CLIENT_BASIC, Map.of("grant_type", "password", "username", "promregator", "password", "x"));
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(SimHttp.json(wrongPassword).get("error").asText()).isEqualTo("unauthorized");
        assertThat(SimHttp.json(wrongPassword).get("error_description").asText())
                .isEqualTo("Bad credentials");
        String wrongSecret = "Basic "
                + Base64.getEncoder().encodeToString("promregator-client:nope".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> wrongClient = http.postToken(wrongSecret, Map.of("grant_type", "client_credentials"));
        assertThat(wrongClient.statusCode()).isEqualTo(401);
        assertThat(SimHttp.json(wrongClient).get("error").asText()).isEqualTo("invalid_client");
        assertThat(wrongClient.headers().firstValue("WWW-Authenticate")).isPresent();
        HttpResponse<String> cfCredentials =
                http.postToken(SimHttp.CF_CLIENT_BASIC, Map.of("grant_type", "client_credentials"));
        assertThat(cfCredentials.statusCode()).isEqualTo(401);
        assertThat(http.postToken(SimHttp.CF_CLIENT_BASIC, Map.of("grant_type", "implicit"))
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void expiresAccessTokensAfterTheirLifetime() {
        String token = http.token("promregator", "secret");
        assertThat(http.get("/v3/organizations", token).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(20));
        HttpResponse<String> expired = http.get("/v3/organizations", token);
        assertThat(expired.statusCode()).isEqualTo(401);
        JsonNode error = SimHttp.json(expired).get("errors").get(0);
        assertThat(error.get("title").asText()).isEqualTo("CF-InvalidAuthToken");
        assertThat(error.get("code").asInt()).isEqualTo(1000);
    }

    @Test
    void issuesShorterTokensOnceTheLifetimeKnobChanges() {
        sim.knobs().tokenLifetime(Duration.ofSeconds(30));
        HttpResponse<String> response = http.postToken(
                SimHttp.CF_CLIENT_BASIC,
                Map.of("grant_type", "password", "username", "promregator", "password", "secret"));
        JsonNode token = SimHttp.json(response);
        assertThat(token.get("expires_in").asLong()).isEqualTo(30);
        clock.advance(Duration.ofSeconds(29));
        assertThat(http.get("/v3/spaces", token.get("access_token").asText()).statusCode())
                .isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        assertThat(http.get("/v3/spaces", token.get("access_token").asText()).statusCode())
                .isEqualTo(401);
    }

    @Test
    void refreshesWithTheRefreshToken() {
        JsonNode first = SimHttp.json(http.postToken(
                SimHttp.CF_CLIENT_BASIC,
                Map.of("grant_type", "password", "username", "promregator", "password", "secret")));
        sim.knobs().expireAccessTokens();
        assertThat(http.get("/v3/apps", first.get("access_token").asText()).statusCode())
                .isEqualTo(401);
        HttpResponse<String> refreshed = http.postToken(
                SimHttp.CF_CLIENT_BASIC,
                Map.of(
                        "grant_type",
                        "refresh_token",
                        "refresh_token",
                        first.get("refresh_token").asText()));
        assertThat(refreshed.statusCode()).isEqualTo(200);
        String token = SimHttp.json(refreshed).get("access_token").asText();
        assertThat(http.get("/v3/apps", token).statusCode()).isEqualTo(200);
        sim.knobs().revokeAllTokens();
        HttpResponse<String> revoked = http.postToken(
                SimHttp.CF_CLIENT_BASIC,
                Map.of(
                        "grant_type",
                        "refresh_token",
                        "refresh_token",
                        first.get("refresh_token").asText()));
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(SimHttp.json(revoked).get("error").asText()).isEqualTo("invalid_token");
    }

    @Test
    void distinguishesMissingFromInvalidTokens() {
        HttpResponse<String> missing = http.get("/v3/apps", null);
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(SimHttp.json(missing).get("errors").get(0).get("title").asText())
                .isEqualTo("CF-NotAuthenticated");
        assertThat(SimHttp.json(missing).get("errors").get(0).get("code").asInt())
                .isEqualTo(10002);
        HttpResponse<String> unknown = http.get("/v3/apps", "made.up.token");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(SimHttp.json(unknown).get("errors").get(0).get("title").asText())
                .isEqualTo("CF-InvalidAuthToken");
        assertThat(http.get("/", null).statusCode()).isEqualTo(200);
    }
}
