package io.promregator.core.cf;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.Promregator;
import io.promregator.core.TestBuilder;
import io.promregator.core.config.ConfigLoader;
import io.promregator.core.config.PromregatorConfig;
import io.promregator.simulator.CfSimulator;
import io.promregator.simulator.Foundation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A wrong Cloud Foundry password: UAA must not see one login per request (account lockout), and
 * {@code /-/ready} and {@code /explainTargets} must say why nothing is discovered (issue 15, point 6).
 */
@Timeout(60)
class WrongCfPasswordTest {
    private final CfSimulator simulator = CfSimulator.builder()
            .user("promregator", "secret")
            .foundation(Foundation.demo())
            .start();
    private final HttpClient client = HttpClient.newHttpClient();
    private Promregator promregator;

    @AfterEach
    void stop() {
        if (promregator != null) {
            promregator.close();
        }
        simulator.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + promregator.port() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRefusedLoginIsNotRetriedAtEveryRequestAndIsReported() throws Exception {
        PromregatorConfig config = ConfigLoader.load("""
                cf:
                  api_host: %s
                  username: promregator
                  password: wrong
                  request:
                    backoff: 10
                promregator:
                  targets:
                    - orgName: demo-org
                server:
                  address: 127.0.0.1
                  port: 0
                """.formatted(simulator.apiUrl()), Map.of());
        promregator = TestBuilder.create().config(config).build().start();

        for (int i = 0; i < 30; i++) {
            assertThat(get("/metrics").statusCode()).isEqualTo(200);
            assertThat(get("/discovery").statusCode()).isEqualTo(200);
        }
        HttpResponse<String> ready = get("/-/ready");
        String explained = get("/explainTargets").body();

        // the start-up login, and at most one more should the 60 requests outlast the first 10 s back-off
        assertThat(simulator.tokenRequestCount()).isBetween(1L, 2L);
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("Cloud Foundry login refused", "Bad credentials", "next attempt not before");
        assertThat(explained)
                .contains("Bad credentials", "next attempt not before")
                .doesNotContain("wrong");
        assertThat(get("/-/healthy").statusCode()).isEqualTo(200);
    }
}
