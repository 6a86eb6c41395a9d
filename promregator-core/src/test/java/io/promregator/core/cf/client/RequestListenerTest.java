package io.promregator.core.cf.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.promregator.core.cf.CloudControllerException;
import io.promregator.core.cf.client.CfTestServer.Reply;
import io.promregator.core.cf.client.RequestListener.Outcome;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client tells its {@link RequestListener} about every attempt: type, outcome, duration. */
class RequestListenerTest {
    private static final String SPACES = "/v3/spaces?organization_guids=o1&per_page=5000";
    private static final Reply SPACES_PAGE = Reply.ok("v3_spaces_list.json");

    private record Heard(RequestType type, Duration duration, Outcome outcome) {
        String summary() {
            return type + " " + outcome;
        }
    }

    private final CfTestServer server = new CfTestServer();
    private final FakeTime time = new FakeTime();
    private final List<Heard> heard = new CopyOnWriteArrayList<>();
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
                .requestListener((type, duration, outcome) -> heard.add(new Heard(type, duration, outcome)))
                .build());
        return controller;
    }

    private List<String> summaries() {
        return heard.stream().map(Heard::summary).toList();
    }

    @Test
    void hearsEveryAttemptWithItsOutcome() {
        server.withFoundation().get(SPACES, Reply.empty(503), SPACES_PAGE);
        controller(CloudControllerSettings.builder().apiUrl(URI.create(server.base())));

        controller.spaces(List.of("o1"));

        assertThat(summaries())
                .containsExactly("ROOT SUCCESS", "TOKEN SUCCESS", "SPACES ERROR_STATUS", "SPACES SUCCESS");
        assertThat(heard).allSatisfy(h -> assertThat(h.duration()).isPositive());
    }

    @Test
    void hearsATimeout() {
        server.withFoundation().get(SPACES, SPACES_PAGE.after(Duration.ofMillis(1000)), SPACES_PAGE);
        controller(CloudControllerSettings.builder()
                .apiUrl(URI.create(server.base()))
                .timeout(RequestType.SPACES, Duration.ofMillis(100)));

        controller.spaces(List.of("o1"));

        assertThat(summaries()).containsSubsequence("SPACES TIMEOUT", "SPACES SUCCESS");
        assertThat(heard.stream()
                        .filter(h -> h.outcome() == Outcome.TIMEOUT)
                        .findFirst()
                        .orElseThrow()
                        .duration())
                .isGreaterThanOrEqualTo(Duration.ofMillis(100));
    }

    @Test
    void hearsConnectionFailures() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            closedPort = socket.getLocalPort();
        }
        controller(CloudControllerSettings.builder().apiUrl(URI.create("http://127.0.0.1:" + closedPort)));

        catchThrowableOfType(controller::connect, CloudControllerException.class);

        assertThat(summaries()).containsExactly("ROOT IO_ERROR", "ROOT IO_ERROR", "ROOT IO_ERROR");
    }

    @Test
    void aFailingListenerDoesNotFailTheRequest() {
        server.withFoundation().get(SPACES, SPACES_PAGE);
        controller = new HttpCloudController(CloudControllerSettings.builder()
                .apiUrl(URI.create(server.base()))
                .credentials(UaaCredentials.password("marissa", "koala"))
                .clock(time)
                .sleeper(time)
                .requestListener((type, duration, outcome) -> {
                    throw new IllegalStateException("listener bug");
                })
                .build());

        assertThat(controller.spaces(List.of("o1"))).hasSize(2);
    }

    @Test
    void listensToNothingByDefault() {
        assertThat(CloudControllerSettings.builder()
                        .apiUrl(URI.create(server.base()))
                        .credentials(UaaCredentials.password("marissa", "koala"))
                        .build()
                        .requestListener())
                .isSameAs(RequestListener.NONE);
    }
}
