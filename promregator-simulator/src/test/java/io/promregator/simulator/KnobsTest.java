package io.promregator.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KnobsTest {
    private CfSimulator sim;
    private SimHttp http;
    private String token;

    @BeforeEach
    void start() {
        sim = TestFoundations.start(TestFoundations.small());
        http = new SimHttp(sim);
        token = http.token(TestFoundations.USER, TestFoundations.PASSWORD);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void rateLimitsTheNextRequestsWithRetryAfterAndJsonAsText() {
        sim.knobs().rateLimitNext(2, 7);
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> limited = http.get("/v3/apps", token);
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).hasValue("7");
            assertThat(limited.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
            assertThat(limited.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
            JsonNode error = SimHttp.json(limited).get("errors").get(0);
            assertThat(error.get("title").asText()).isEqualTo("CF-RateLimitExceeded");
            assertThat(error.get("code").asInt()).isEqualTo(10013);
        }
        assertThat(http.get("/v3/apps", token).statusCode()).isEqualTo(200);
        assertThat(sim.knobs().rateLimitedRemaining()).isZero();
    }

    @Test
    void doesNotRateLimitTheRoot() {
        sim.knobs().rateLimitNext(1, 1);
        assertThat(http.get("/", null).statusCode()).isEqualTo(200);
        assertThat(http.get("/v3/spaces", token).statusCode()).isEqualTo(429);
    }

    @Test
    void answersServiceUnavailableDuringAnOutage() {
        sim.knobs().outage(true);
        HttpResponse<String> response = http.get("/v3/organizations", token);
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(SimHttp.json(response).get("errors").get(0).get("title").asText())
                .isEqualTo("CF-ServiceUnavailable");
        sim.knobs().outage(false);
        assertThat(http.get("/v3/organizations", token).statusCode()).isEqualTo(200);
    }

    @Test
    void closesConnectionsDuringAConnectionOutage() {
        sim.knobs().outage(Knobs.Outage.CONNECTION_CLOSED);
        assertThatThrownBy(() -> http.get("/v3/organizations", token)).isInstanceOf(UncheckedIOException.class);
        assertThat(sim.requests())
                .last()
                .extracting(CloudControllerRequest::status)
                .isEqualTo(0);
    }

    @Test
    void answersStatsUnavailableWhenAsked() {
        sim.knobs().statsUnavailable(true);
        String process = sim.live().current().application("internal-worker").processId();
        HttpResponse<String> response = http.get("/v3/processes/" + process + "/stats", token);
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("CF-InstancesUnavailable");
    }

    @Test
    void stillAnswersWithAddedLatency() {
        sim.knobs().latency(Duration.ofMillis(5));
        assertThat(http.get("/v3/domains", token).statusCode()).isEqualTo(200);
        assertThat(sim.knobs().latency()).isEqualTo(Duration.ofMillis(5));
    }

    @Test
    void logsAndCountsRequestsUntilReset() {
        sim.resetCounters();
        http.get("/v3/apps?names=shop&per_page=10", token);
        http.get("/v3/spaces", null);
        assertThat(sim.ccRequestCount()).isEqualTo(2);
        assertThat(sim.requests())
                .containsExactly(
                        new CloudControllerRequest("GET", "/v3/apps", "names=shop&per_page=10", 200),
                        new CloudControllerRequest("GET", "/v3/spaces", "", 401));
        http.token(TestFoundations.USER, TestFoundations.PASSWORD);
        assertThat(sim.tokenRequestCount()).isEqualTo(1);
        assertThat(sim.ccRequestCount()).isEqualTo(2);
        sim.resetCounters();
        assertThat(sim.ccRequestCount()).isZero();
        assertThat(sim.tokenRequestCount()).isZero();
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void showsScalingStoppingAndCrashesWhileRunning() {
        Application shop = sim.live().current().application("shop-org", "production", "shop");
        String stats = "/v3/processes/" + shop.processId() + "/stats";
        sim.live().scale(shop.id(), 5);
        assertThat(states(http.getJson(stats, token)))
                .containsExactly("RUNNING", "RUNNING", "CRASHED", "RUNNING", "RUNNING");
        assertThat(http.getJson("/v3/processes/" + shop.processId(), token)
                        .get("instances")
                        .asInt())
                .isEqualTo(5);
        sim.live().instanceState(shop.id(), 0, InstanceState.STARTING);
        assertThat(states(http.getJson(stats, token)).get(0)).isEqualTo("STARTING");
        sim.live().stop(shop.id());
        assertThat(http.getJson("/v3/apps/" + shop.id(), token).get("state").asText())
                .isEqualTo("STOPPED");
        assertThat(states(http.getJson(stats, token))).containsOnly("DOWN");
        sim.live().start(shop.id()).scale(shop.id(), 1);
        assertThat(states(http.getJson(stats, token))).containsExactly("STARTING");
    }

    @Test
    void refusesAmbiguousAppNames() {
        assertThatThrownBy(() -> sim.live().scale("shop", 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than one");
    }

    private static List<String> states(JsonNode stats) {
        List<String> states = new ArrayList<>();
        stats.get("resources").forEach(i -> states.add(i.get("state").asText()));
        return states;
    }
}
