package io.promregator.core.cf.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.promregator.core.cf.CloudControllerException;
import io.promregator.core.cf.client.CfTestServer.Recorded;
import io.promregator.core.cf.client.CfTestServer.Reply;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retries, backoff, 429s, token renewal and the rate limit, with a fake clock instead of waits. */
class CloudControllerFailureTest {
    private static final String SPACES = "/v3/spaces?organization_guids=o1&per_page=5000";
    private static final Reply SPACES_PAGE = Reply.ok("v3_spaces_list.json");
    private static final String TEXT_PLAIN = "text/plain; charset=utf-8";

    private final CfTestServer server = new CfTestServer();
    private final FakeTime time = new FakeTime();
    private HttpCloudController controller;

    @AfterEach
    void close() {
        if (controller != null) {
            controller.close();
        }
        server.close();
    }

    private HttpCloudController controller(CloudControllerSettings.Builder builder) {
        controller = new HttpCloudController(builder.credentials(UaaCredentials.password("marissa", "koala"))
                .clock(time)
                .sleeper(time)
                .build());
        return controller;
    }

    private HttpCloudController controller() {
        return controller(CloudControllerSettings.builder().apiUrl(URI.create(server.base())));
    }

    private List<Recorded> spaceRequests() {
        return server.requests("/v3/spaces");
    }

    private CloudControllerException spacesFailure() {
        return catchThrowableOfType(() -> controller().spaces(List.of("o1")), CloudControllerException.class);
    }

    @Test
    void retriesServerErrorsWithGrowingBackoff() {
        server.withFoundation().get(SPACES, Reply.empty(503), Reply.empty(503), SPACES_PAGE);

        assertThat(controller().spaces(List.of("o1"))).hasSize(2);

        assertThat(spaceRequests()).hasSize(3);
        assertThat(time.sleeps()).hasSize(2);
        assertThat(time.sleeps().get(0)).isBetween(Duration.ofMillis(500), Duration.ofMillis(750));
        assertThat(time.sleeps().get(1)).isBetween(Duration.ofMillis(1000), Duration.ofMillis(1500));
    }

    @Test
    void givesUpAfterThreeAttempts() {
        server.withFoundation().get(SPACES, Reply.empty(502));

        CloudControllerException e = spacesFailure();

        assertThat(e.status()).isEqualTo(502);
        assertThat(e.getMessage()).contains("answered HTTP 502");
        assertThat(spaceRequests()).hasSize(3);
    }

    @Test
    void neverRetriesForbidden() {
        server.withFoundation().get(SPACES, Reply.json(403, """
                        {"errors": [{"detail": "You are not authorized to perform the requested action",
                                     "title": "CF-NotAuthorized", "code": 10003}]}"""), SPACES_PAGE);

        CloudControllerException e = spacesFailure();

        assertThat(e.status()).isEqualTo(403);
        assertThat(e.hasError("CF-NotAuthorized")).isTrue();
        assertThat(spaceRequests()).hasSize(1);
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void honoursRetryAfterOfA429() {
        server.withFoundation()
                .get(
                        SPACES,
                        Reply.fixture(429, "v3_error_rate_limit_exceeded.DERIVED.json")
                                .withHeader("Content-Type", TEXT_PLAIN)
                                .withHeader("Retry-After", "7"),
                        SPACES_PAGE);

        assertThat(controller().spaces(List.of("o1"))).hasSize(2);

        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void backsOffOnA429WithoutHeadersOrBody() {
        server.withFoundation().get(SPACES, Reply.empty(429), SPACES_PAGE);

        assertThat(controller().spaces(List.of("o1"))).hasSize(2);

        assertThat(time.sleeps())
                .singleElement()
                .satisfies(sleep -> assertThat(sleep).isBetween(Duration.ofMillis(500), Duration.ofMillis(750)));
    }

    @Test
    void readsTheErrorsOfA429SentAsTextPlain() {
        server.withFoundation()
                .get(
                        SPACES,
                        Reply.fixture(429, "v3_error_rate_limit_exceeded.DERIVED.json")
                                .withHeader("Content-Type", TEXT_PLAIN)
                                .withHeader("Retry-After", "1"));

        CloudControllerException e = spacesFailure();

        assertThat(e.status()).isEqualTo(429);
        assertThat(e.hasError("CF-RateLimitExceeded")).isTrue();
        assertThat(spaceRequests()).hasSize(3);
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void failsAtOnceWhenRetryAfterIsTooLong() {
        server.withFoundation()
                .get(
                        SPACES,
                        Reply.fixture(429, "v3_error_rate_limit_exceeded.DERIVED.json")
                                .withHeader("Retry-After", "1800"),
                        SPACES_PAGE);

        CloudControllerException e = spacesFailure();

        assertThat(e.getMessage()).contains("Retry-After: 1800");
        assertThat(spaceRequests()).hasSize(1);
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void retriesATimeout() {
        server.withFoundation().get(SPACES, SPACES_PAGE.after(Duration.ofMillis(1000)), SPACES_PAGE);

        controller(CloudControllerSettings.builder()
                .apiUrl(URI.create(server.base()))
                .timeout(RequestType.SPACES, Duration.ofMillis(100)));

        assertThat(controller.spaces(List.of("o1"))).hasSize(2);
        assertThat(controller.requestCount(RequestType.SPACES)).isEqualTo(2);
    }

    @Test
    void boundsTheWholeExchangeByTheTimeout() {
        server.withFoundation().get(SPACES, SPACES_PAGE.stallingBody(Duration.ofMillis(1000)), SPACES_PAGE);

        controller(CloudControllerSettings.builder()
                .apiUrl(URI.create(server.base()))
                .timeout(RequestType.SPACES, Duration.ofMillis(100)));

        assertThat(controller.spaces(List.of("o1"))).hasSize(2);
        assertThat(controller.requestCount(RequestType.SPACES)).isEqualTo(2);
    }

    @Test
    void reportsTimeoutsOfEveryAttempt() {
        server.withFoundation().get(SPACES, SPACES_PAGE.after(Duration.ofMillis(500)));
        controller(CloudControllerSettings.builder()
                .apiUrl(URI.create(server.base()))
                .timeout(RequestType.SPACES, Duration.ofMillis(50)));

        CloudControllerException e =
                catchThrowableOfType(() -> controller.spaces(List.of("o1")), CloudControllerException.class);

        assertThat(e.status()).isZero();
        assertThat(e.getMessage()).contains("timed out after 50 ms, in each of 3 attempts");
        assertThat(controller.requestCount(RequestType.SPACES)).isEqualTo(3);
    }

    @Test
    void retriesConnectionFailures() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            closedPort = socket.getLocalPort();
        }
        controller(CloudControllerSettings.builder().apiUrl(URI.create("http://127.0.0.1:" + closedPort)));

        CloudControllerException e = catchThrowableOfType(controller::connect, CloudControllerException.class);

        assertThat(e.status()).isZero();
        assertThat(e.getMessage())
                .isEqualTo("GET http://127.0.0.1:" + closedPort + "/: connection refused by 127.0.0.1:" + closedPort
                        + ", in each of 3 attempts");
        assertThat(controller.requestCount(RequestType.ROOT)).isEqualTo(3);
        assertThat(time.sleeps()).hasSize(2);
    }

    @Test
    void renewsARejectedTokenAndRetriesOnce() {
        server.get("/", Reply.ok("v3_root.json"))
                .on(
                        "POST",
                        "/login/oauth/token",
                        Reply.ok("uaa_token_password_grant_opaque.json"),
                        Reply.ok("uaa_token_refresh_grant.json"))
                .get(SPACES, Reply.fixture(401, "v3_error_invalid_auth_token.DERIVED.json"), SPACES_PAGE);

        assertThat(controller().spaces(List.of("o1"))).hasSize(2);

        assertThat(spaceRequests())
                .extracting(r -> r.header("Authorization"))
                .containsExactly("bearer cd37a35114084fafb83d21c6f2af0e84", "bearer eyJhbGciOiJIUzI1NiIsImtpZCI6Imx");
        assertThat(server.requests("/login/oauth/token"))
                .extracting(r -> r.form().get("grant_type"))
                .containsExactly("password", "refresh_token");
    }

    @Test
    void givesUpWhenTheRenewedTokenIsRejectedToo() {
        server.withFoundation().get(SPACES, Reply.fixture(401, "v3_error_invalid_auth_token.DERIVED.json"));

        CloudControllerException e = spacesFailure();

        assertThat(e.status()).isEqualTo(401);
        assertThat(e.hasError("CF-InvalidAuthToken")).isTrue();
        assertThat(spaceRequests()).hasSize(2);
        assertThat(e.getMessage()).doesNotContain("eyJhbGciOiJIUzI1NiJ9").doesNotContain("koala");
    }

    @Test
    void renewsTheTokenOnlyForInvalidAuthToken() {
        server.withFoundation().get(SPACES, Reply.fixture(401, "v3_error_not_authenticated.DERIVED.json"));

        assertThat(spacesFailure().hasError("CF-NotAuthenticated")).isTrue();
        assertThat(spaceRequests()).hasSize(1);
        assertThat(server.requests("/login/oauth/token")).hasSize(1);
    }

    @Test
    void spacesRequestsByTheRateLimit() {
        server.withFoundation().get(SPACES, SPACES_PAGE);
        controller(CloudControllerSettings.builder()
                .apiUrl(URI.create(server.base()))
                .rateLimit(2));

        for (int i = 0; i < 5; i++) {
            controller.spaces(List.of("o1"));
        }

        // A burst of two (the root document and the first list), then one request every 500 ms; tokens are not limited.
        assertThat(time.sleeps())
                .containsExactly(
                        Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMillis(500));
        assertThat(controller.requestCount(RequestType.SPACES)).isEqualTo(5);
    }

    @Test
    void describesFailuresWithoutTheQueryBeyondItsStart() {
        server.withFoundation().onAnyQuery("GET", "/v3/apps", Reply.empty(400));
        List<String> spaces = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> "%08d-0000-4000-8000-000000000000".formatted(i))
                .toList();

        CloudControllerException e =
                catchThrowableOfType(() -> controller().applications(spaces), CloudControllerException.class);

        assertThat(e.getMessage())
                .startsWith("GET " + server.base() + "/v3/apps?space_guids=00000000-0000-4000-8000-000000000000,")
                .contains("...: answered HTTP 400");
        assertThat(Map.of("status", e.status())).containsEntry("status", 400);
    }
}
