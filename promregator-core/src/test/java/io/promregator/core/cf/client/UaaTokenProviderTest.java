package io.promregator.core.cf.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.promregator.core.cf.CfError;
import io.promregator.core.cf.CloudControllerException;
import io.promregator.core.cf.client.CfTestServer.Recorded;
import io.promregator.core.cf.client.CfTestServer.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UaaTokenProviderTest {
    private static final String TOKEN_PATH = "/login/oauth/token";
    private static final String PASSWORD = "p@ss word&=%";
    private static final String JWT_ACCESS_PREFIX = "eyJhbGciOiJIUzI1NiJ9.eyJqdGkiOiJiYzNl";

    private final CfTestServer server = new CfTestServer();
    private final FakeTime time = new FakeTime();

    @AfterEach
    void close() {
        server.close();
    }

    private UaaTokenProvider provider(UaaCredentials credentials) {
        CloudControllerSettings settings = CloudControllerSettings.builder()
                .apiUrl(URI.create(server.base()))
                .credentials(credentials)
                .clock(time)
                .sleeper(time)
                .build();
        RetryingTransport transport = new RetryingTransport(HttpClient.newHttpClient(), settings);
        return new UaaTokenProvider(transport, URI.create(server.base() + TOKEN_PATH), credentials, time);
    }

    private UaaTokenProvider passwordProvider() {
        return provider(UaaCredentials.password("marissa", PASSWORD));
    }

    private List<Recorded> tokenRequests() {
        return server.requests(TOKEN_PATH);
    }

    @Test
    void sendsThePasswordGrantAsTheCfClient() {
        server.on("POST", TOKEN_PATH, Reply.ok("uaa_token_minimal.json"));

        assertThat(passwordProvider().accessToken()).isEqualTo("2YotnFZFEjr1zCsicMWpAA");

        Recorded request = tokenRequests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("Authorization")).isEqualTo("Basic Y2Y6");
        assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(request.header("Accept")).isEqualTo("application/json");
        assertThat(request.form())
                .containsExactly(
                        Map.entry("grant_type", "password"),
                        Map.entry("username", "marissa"),
                        Map.entry("password", PASSWORD));
        assertThat(request.body()).doesNotContain(PASSWORD);
    }

    @Test
    void authenticatesAnotherClientWithItsSecret() {
        server.on("POST", TOKEN_PATH, Reply.ok("uaa_token_minimal.json"));

        provider(UaaCredentials.password("promregator", "s3cret", "marissa", PASSWORD))
                .accessToken();

        // base64("promregator:s3cret")
        assertThat(tokenRequests().get(0).header("Authorization")).isEqualTo("Basic cHJvbXJlZ2F0b3I6czNjcmV0");
    }

    @Test
    void sendsTheClientCredentialsGrantAndRenewsWithIt() {
        server.on("POST", TOKEN_PATH, Reply.ok("uaa_token_client_credentials.json"));
        UaaTokenProvider provider = provider(UaaCredentials.clientCredentials("promregator", "s3cret"));

        assertThat(provider.accessToken()).isEqualTo("f87f93a2666d4e6eaa54e34df86d160c");
        time.advance(Duration.ofSeconds(43199 - 60));
        provider.accessToken();

        assertThat(tokenRequests())
                .hasSize(2)
                .allSatisfy(request ->
                        assertThat(request.form()).containsExactly(Map.entry("grant_type", "client_credentials")));
    }

    @ParameterizedTest
    @CsvSource({
        "uaa_token_minimal.json, 2YotnFZFEjr1zCsicMWpAA",
        "uaa_token_password_grant_jwt.json, " + JWT_ACCESS_PREFIX,
        "uaa_token_password_grant_opaque.json, cd37a35114084fafb83d21c6f2af0e84",
        "uaa_token_refresh_grant.json, eyJhbGciOiJIUzI1NiIsImtpZCI6Imx",
        "uaa_token_client_credentials.json, f87f93a2666d4e6eaa54e34df86d160c"
    })
    void readsEveryTokenResponse(String fixture, String accessTokenStart) {
        server.on("POST", TOKEN_PATH, Reply.ok(fixture));

        assertThat(passwordProvider().accessToken()).startsWith(accessTokenStart);
    }

    @Test
    void keepsTheTokenUntilItNearlyExpires() {
        server.on("POST", TOKEN_PATH, Reply.ok("uaa_token_minimal.json"));
        UaaTokenProvider provider = passwordProvider();

        provider.accessToken();
        // 3600 s lifetime: renewed when 10% (360 s) remain.
        time.advance(Duration.ofSeconds(3600 - 361));
        provider.accessToken();
        assertThat(tokenRequests()).hasSize(1);

        time.advance(Duration.ofSeconds(2));
        provider.accessToken();
        assertThat(tokenRequests()).hasSize(2);
        assertThat(tokenRequests().get(1).form()).containsEntry("grant_type", "password");
    }

    @Test
    void refreshesBeforeExpiryWithTheRefreshToken() {
        server.on(
                "POST",
                TOKEN_PATH,
                Reply.ok("uaa_token_password_grant_opaque.json"),
                Reply.ok("uaa_token_refresh_grant.json"));
        UaaTokenProvider provider = passwordProvider();

        provider.accessToken();
        time.advance(Duration.ofSeconds(43199 - 4000));
        String renewed = provider.accessToken();

        assertThat(renewed).isEqualTo("eyJhbGciOiJIUzI1NiIsImtpZCI6Imx");
        assertThat(tokenRequests().get(1).form())
                .containsExactly(
                        Map.entry("grant_type", "refresh_token"),
                        Map.entry("refresh_token", "cd37a35114084fafb83d21c6f2af0e84-r"));
        assertThat(tokenRequests().get(1).header("Authorization")).isEqualTo("Basic Y2Y6");
    }

    @Test
    void fallsBackToThePasswordGrantWhenRefreshingFails() {
        server.on(
                "POST",
                TOKEN_PATH,
                Reply.ok("uaa_token_password_grant_opaque.json"),
                Reply.json(401, "{\"error\":\"invalid_token\",\"error_description\":\"expired\"}"),
                Reply.ok("uaa_token_minimal.json"));
        UaaTokenProvider provider = passwordProvider();

        provider.accessToken();
        time.advance(Duration.ofSeconds(43199));

        assertThat(provider.accessToken()).isEqualTo("2YotnFZFEjr1zCsicMWpAA");
        assertThat(tokenRequests())
                .extracting(request -> request.form().get("grant_type"))
                .containsExactly("password", "refresh_token", "password");
    }

    @Test
    void keepsAValidTokenWhenRenewalFails() {
        server.on("POST", TOKEN_PATH, Reply.ok("uaa_token_minimal.json"), Reply.empty(400));
        UaaTokenProvider provider = passwordProvider();
        provider.accessToken();
        time.advance(Duration.ofSeconds(3500));

        assertThat(provider.accessToken()).isEqualTo("2YotnFZFEjr1zCsicMWpAA");
        // No new attempt right after a failed one while the token is still valid.
        assertThat(provider.accessToken()).isEqualTo("2YotnFZFEjr1zCsicMWpAA");
        assertThat(tokenRequests()).hasSize(2);
    }

    @Test
    void sharesOneFetchAmongConcurrentCallers() throws Exception {
        server.on("POST", TOKEN_PATH, Reply.ok("uaa_token_minimal.json").after(Duration.ofMillis(300)));
        UaaTokenProvider provider = passwordProvider();
        int callers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<String>> tokens = new ArrayList<>();
        try {
            for (int i = 0; i < callers; i++) {
                tokens.add(CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                start.await();
                            } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                            return provider.accessToken();
                        },
                        pool));
            }
            start.countDown();
            for (CompletableFuture<String> token : tokens) {
                assertThat(token.get(10, TimeUnit.SECONDS)).isEqualTo("2YotnFZFEjr1zCsicMWpAA");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(tokenRequests()).hasSize(1);
    }

    @Test
    void invalidatingGetsANewTokenWithTheRefreshToken() {
        server.on(
                "POST",
                TOKEN_PATH,
                Reply.ok("uaa_token_password_grant_opaque.json"),
                Reply.ok("uaa_token_refresh_grant.json"));
        UaaTokenProvider provider = passwordProvider();
        String first = provider.accessToken();

        provider.invalidate("some other token");
        assertThat(provider.accessToken()).isEqualTo(first);
        provider.invalidate(first);

        assertThat(provider.accessToken()).isEqualTo("eyJhbGciOiJIUzI1NiIsImtpZCI6Imx");
        assertThat(tokenRequests()).hasSize(2);
    }

    @Test
    void reportsUaaErrorsWithoutRetryingThem() {
        server.on("POST", TOKEN_PATH, Reply.fixture(401, "uaa_token_error_bad_credentials.json"));

        CloudControllerException e =
                catchThrowableOfType(() -> passwordProvider().accessToken(), CloudControllerException.class);

        assertThat(e.status()).isEqualTo(401);
        assertThat(e.errors()).containsExactly(new CfError(0, "invalid_client", "Bad credentials"));
        assertThat(e.getMessage())
                .startsWith("POST " + server.base() + TOKEN_PATH)
                .contains("Bad credentials")
                .doesNotContain(PASSWORD);
        assertThat(tokenRequests()).hasSize(1);
    }

    @Test
    void aRefusedLoginIsTriedAgainOnlyAfterABackOffThatDoublesUpToTenMinutes() {
        server.on(
                "POST",
                TOKEN_PATH,
                Reply.fixture(401, "uaa_token_error_bad_credentials.json"),
                Reply.fixture(401, "uaa_token_error_bad_credentials.json"),
                Reply.ok("uaa_token_minimal.json"));
        UaaTokenProvider provider = passwordProvider();

        catchThrowableOfType(provider::accessToken, CloudControllerException.class);
        CloudControllerException waiting = catchThrowableOfType(provider::accessToken, CloudControllerException.class);
        assertThat(tokenRequests()).hasSize(1);
        assertThat(waiting.status()).isEqualTo(401);
        assertThat(waiting.getMessage())
                .contains("Bad credentials", "login refused 1 time, next attempt not before")
                .doesNotContain(PASSWORD);
        assertThat(provider.refusal())
                .hasValueSatisfying(r -> assertThat(r.times()).isEqualTo(1));

        time.advance(Duration.ofSeconds(10));
        catchThrowableOfType(provider::accessToken, CloudControllerException.class); // the second refusal
        time.advance(Duration.ofSeconds(19));
        catchThrowableOfType(provider::accessToken, CloudControllerException.class); // still backing off
        assertThat(tokenRequests()).hasSize(2);
        time.advance(Duration.ofSeconds(1));

        assertThat(provider.accessToken()).isEqualTo("2YotnFZFEjr1zCsicMWpAA");
        assertThat(tokenRequests()).hasSize(3);
        assertThat(provider.refusal()).isEmpty();
        assertThat(UaaTokenProvider.backoff(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(UaaTokenProvider.backoff(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(UaaTokenProvider.backoff(7)).isEqualTo(Duration.ofMinutes(10));
        assertThat(UaaTokenProvider.backoff(1000)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void retriesServerErrorsOfUaa() {
        server.on("POST", TOKEN_PATH, Reply.empty(503), Reply.ok("uaa_token_minimal.json"));

        assertThat(passwordProvider().accessToken()).isEqualTo("2YotnFZFEjr1zCsicMWpAA");
        assertThat(tokenRequests()).hasSize(2);
        assertThat(time.sleeps()).hasSize(1);
    }

    @Test
    void rejectsAnAnswerWithoutAccessToken() {
        server.on("POST", TOKEN_PATH, Reply.json(200, "{\"token_type\":\"bearer\"}"));

        assertThat(catchThrowableOfType(() -> passwordProvider().accessToken(), CloudControllerException.class))
                .hasMessageContaining("without an access_token");
    }

    @Test
    void neverShowsSecretsInMessagesOrToStrings() {
        server.on(
                "POST",
                TOKEN_PATH,
                Reply.ok("uaa_token_password_grant_opaque.json"),
                Reply.fixture(401, "uaa_token_error_password_change_required.json"));
        UaaCredentials credentials = UaaCredentials.password("promregator", "client-s3cret", "marissa", PASSWORD);
        UaaTokenProvider provider = provider(credentials);
        String accessToken = provider.accessToken();
        provider.invalidate(accessToken);
        CloudControllerException failure = catchThrowableOfType(provider::accessToken, CloudControllerException.class);
        UaaTokenProvider.Token token = new UaaTokenProvider.Token(
                accessToken,
                java.util.Optional.of("cd37a35114084fafb83d21c6f2af0e84-r"),
                time.instant(),
                time.instant());

        List<String> texts = List.of(
                failure.getMessage(),
                failure.toString(),
                credentials.toString(),
                token.toString(),
                CloudControllerSettings.builder()
                        .apiHost("api.example.org")
                        .credentials(credentials)
                        .build()
                        .toString());

        assertThat(failure.getMessage()).contains("password change required");
        for (String text : texts) {
            assertThat(text)
                    .doesNotContain(PASSWORD)
                    .doesNotContain("client-s3cret")
                    .doesNotContain(accessToken)
                    .doesNotContain("cd37a35114084fafb83d21c6f2af0e84-r");
        }
    }
}
