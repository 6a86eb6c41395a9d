package io.promregator.core.target;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.Promregator;
import io.promregator.core.TestBuilder;
import io.promregator.core.config.ConfigLoader;
import io.promregator.core.testing.TestEndpoints;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A static target whose URL holds credentials and a token: they reach the target, and never the labels of
 * {@code /promregatorMetrics} (issue 15, point 7).
 */
class StaticTargetSecretsTest {
    private static final String PASSWORD = "pa55-Wq81";
    private static final String TOKEN = "t0ken-Zr42";

    @Test
    void theOwnMetricsShowTheUrlWithoutItsSecrets() throws Exception {
        try (TestEndpoints target = new TestEndpoints()) {
            target.serve("/metrics", TestEndpoints.body("text/plain", "work_done 1\n"));
            target.serve("/failing", exchange -> {
                exchange.sendResponseHeaders(500, -1);
                exchange.close();
            });
            String base = "http://scraper:" + PASSWORD + "@127.0.0.1:" + target.port();
            String config = """
                    promregator:
                      staticTargets:
                        - url: %s/metrics?token=%s&module=node
                          labels: {job: working}
                        - url: %s/failing?token=%s
                          labels: {job: failing}
                    server:
                      address: 127.0.0.1
                      port: 0
                    """.formatted(base, TOKEN, base, TOKEN);
            try (Promregator promregator = TestBuilder.create()
                    .config(ConfigLoader.load(config, Map.of()))
                    .build()
                    .start()) {
                HttpClient client = HttpClient.newHttpClient();
                String metrics = get(client, promregator.port(), "/metrics");
                String own = get(client, promregator.port(), "/promregatorMetrics");

                assertThat(metrics).contains("work_done{job=\"working\"} 1");
                assertThat(target.requests())
                        .anyMatch(r -> r.uri().getRawQuery().equals("token=" + TOKEN + "&module=node"));
                assertThat(own)
                        .contains("cf_instance_id=\"http://xxxxx@127.0.0.1:" + target.port()
                                + "/metrics?token=xxxxx&module=xxxxx\"")
                        .contains("cf_instance_id=\"http://xxxxx@127.0.0.1:" + target.port() + "/failing?token=xxxxx\"")
                        .doesNotContain(PASSWORD, TOKEN);
                assertThat(metrics).doesNotContain(PASSWORD, TOKEN);
            }
        }
    }

    private static String get(HttpClient client, int port, String path) throws Exception {
        return client.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
