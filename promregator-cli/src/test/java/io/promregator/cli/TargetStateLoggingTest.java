package io.promregator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.promregator.core.Promregator;
import io.promregator.core.TestBuilder;
import io.promregator.core.config.ConfigLoader;
import io.promregator.core.scrape.TargetStateLog;
import io.promregator.core.testing.TestEndpoints;
import io.promregator.simulator.CfSimulator;
import io.promregator.simulator.Foundation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A target's changes of state reach the log once each, with logback's built-in levels. */
class TargetStateLoggingTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private final Logger stateLogger = (Logger) LoggerFactory.getLogger(TargetStateLog.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    @BeforeEach
    void capture() {
        appender.start();
        stateLogger.addAppender(appender);
    }

    @AfterEach
    void release() {
        stateLogger.detachAppender(appender);
    }

    private List<String> lines() {
        return appender.list.stream()
                .map(e -> e.getLevel() + " " + e.getFormattedMessage())
                .toList();
    }

    private String get(Promregator promregator, String path) throws Exception {
        return client.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + promregator.port() + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    @Test
    void aSingleTargetRefusingWith401IsOneWarnOverSeveralScrapes() throws Exception {
        try (CfSimulator cf = CfSimulator.builder()
                        .user("demo", "demo-password")
                        .foundation(Foundation.demo())
                        .start();
                Promregator promregator = TestBuilder.create()
                        .config(ConfigLoader.load(
                                """
                                cf:
                                  api_host: %s
                                  username: demo
                                  password: demo-password
                                promregator:
                                  scraping:
                                    proxy: {host: 127.0.0.1, port: %d}
                                  targets:
                                    - orgName: platform-org
                                      applicationName: secured-exporter
                                      protocol: http
                                server:
                                  address: 127.0.0.1
                                  port: 0
                                """.formatted(cf.apiUrl(), cf.gorouterProxy().getPort()), Map.of()))
                        .build()
                        .start()) {
            String id = cf.live()
                    .current()
                    .application("platform-org", "tools", "secured-exporter")
                    .id();

            for (int i = 0; i < 4; i++) {
                assertThat(get(promregator, "/singleTargetMetrics/" + id + "/0"))
                        .contains("promregator_up{org_name=\"platform-org\"", "} 0\n");
            }

            assertThat(appender.list)
                    .singleElement()
                    .satisfies(event -> assertThat(event.getLevel()).isEqualTo(Level.WARN));
            assertThat(lines().get(0))
                    .startsWith("WARN Target platform-org/tools/secured-exporter/0 (http://")
                    .contains("is down (http_status):", "401");
        }
    }

    @Test
    void aStaticTargetComingBackIsOneInfoAndItsUrlKeepsItsSecrets() throws Exception {
        AtomicInteger scrapes = new AtomicInteger();
        String shown;
        try (TestEndpoints target = new TestEndpoints()) {
            target.serve("/metrics", exchange -> {
                byte[] body = "jobs_done 3\n".getBytes(StandardCharsets.UTF_8);
                int status = scrapes.incrementAndGet() <= 3 ? 401 : 200;
                exchange.sendResponseHeaders(status, status == 200 ? body.length : -1);
                if (status == 200) {
                    exchange.getResponseBody().write(body);
                }
                exchange.close();
            });
            String url =
                    target.url("/metrics?token=query-S3cret").toString().replace("http://", "http://user:url-S3cret@");
            shown = "http://xxxxx@127.0.0.1:" + target.port() + "/metrics?token=xxxxx";
            try (Promregator promregator = TestBuilder.create()
                    .config(ConfigLoader.load("""
                            promregator:
                              staticTargets:
                                - url: "%s"
                                  labels: {job: batch}
                            server:
                              address: 127.0.0.1
                              port: 0
                            """.formatted(url), Map.of()))
                    .build()
                    .start()) {
                for (int i = 0; i < 5; i++) {
                    get(promregator, "/metrics");
                }
            }
        }

        assertThat(lines()).hasSize(2).noneMatch(line -> line.contains("S3cret"));
        assertThat(lines().get(0))
                .startsWith("WARN Target " + shown + " is down (http_status): ")
                .contains("401");
        assertThat(lines().get(1)).startsWith("INFO Target " + shown + " is up again after ");
    }
}
