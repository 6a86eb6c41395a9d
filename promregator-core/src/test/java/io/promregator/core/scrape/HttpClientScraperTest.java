package io.promregator.core.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.ScrapeResult;
import io.promregator.core.ScrapeResult.Outcome;
import io.promregator.core.Target;
import io.promregator.core.auth.Authenticators;
import io.promregator.core.config.ScrapeLimits;
import io.promregator.core.exposition.Labels;
import io.promregator.core.exposition.MetricFamily;
import io.promregator.core.testing.TestEndpoints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpClientScraperTest {
    private static final String OM = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    private static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String BODY = """
            # HELP requests Requests served.
            # TYPE requests counter
            requests_total{code="200"} 7
            # EOF
            """;

    private final TestEndpoints endpoints = new TestEndpoints();
    private HttpClientScraper scraper =
            new HttpClientScraper(ScrapeSettings.defaults().withInstanceId("me"));

    @AfterEach
    void close() {
        scraper.close();
        endpoints.close();
    }

    private static Target target(URI url) {
        return new Target(url.toString(), url, Labels.of("app_name", "a"), Map.of("X-CF-APP-INSTANCE", "guid:0"));
    }

    private ScrapeResult scrape(URI url) {
        return scraper.scrape(target(url)).join();
    }

    @Test
    void parsesOpenMetricsChosenByContentType() {
        ScrapeResult result = scrape(endpoints.serve("/metrics", TestEndpoints.body(OM, BODY)));

        assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
        MetricFamily family = result.exposition().families().get(0);
        assertThat(family.name()).isEqualTo("requests");
        assertThat(family.samples().get(0).name()).isEqualTo("requests_total");
        assertThat(result.bodyBytes()).isEqualTo(BODY.length());
    }

    @Test
    void missingContentTypeMeansPrometheusText() {
        ScrapeResult result = scrape(endpoints.serve("/metrics", TestEndpoints.body(null, "up 1\n")));

        assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(result.exposition().families().get(0).samples().get(0).value())
                .isEqualTo(1.0);
    }

    @Test
    void sendsAcceptInstanceIdAndTargetHeaders() {
        scrape(endpoints.serve("/metrics", TestEndpoints.body(TEXT, "up 1\n")));

        var headers = endpoints.requests().get(0).headers();
        assertThat(headers.getFirst("Accept")).startsWith("application/openmetrics-text;version=1.0.0");
        assertThat(headers.getFirst("Accept")).contains("text/plain;version=0.0.4;q=0.5");
        assertThat(headers.getFirst("X-Promregator-Instance")).isEqualTo("me");
        assertThat(headers.getFirst("X-CF-APP-INSTANCE")).isEqualTo("guid:0");
        assertThat(headers.getFirst("Accept-Encoding")).isEqualTo("gzip");
    }

    @Test
    void non200StatusIsAFailureNamingTheStatus() {
        ScrapeResult result = scrape(endpoints.serve("/metrics", TestEndpoints.status(503, "maintenance")));

        assertThat(result.outcome()).isEqualTo(Outcome.HTTP_STATUS);
        assertThat(result.failure()).isEqualTo("HTTP 503");
        assertThat(result.exposition().families()).isEmpty();
    }

    @Test
    void gorouterUnknownRouteMeansTheInstanceIsNotRunning() {
        for (int status : new int[] {400, 404}) {
            ScrapeResult result = scrape(endpoints.serve("/gone" + status, exchange -> {
                exchange.getResponseHeaders().set("X-Cf-Routererror", "unknown_route");
                exchange.sendResponseHeaders(status, -1);
            }));

            assertThat(result.outcome()).isEqualTo(Outcome.INSTANCE_NOT_RUNNING);
            assertThat(result.failure()).isEqualTo("HTTP " + status + " (unknown_route)");
        }
    }

    @Test
    void otherGorouterErrorsStayHttpFailures() {
        ScrapeResult result = scrape(endpoints.serve("/metrics", exchange -> {
            exchange.getResponseHeaders().set("X-Cf-Routererror", "invalid_cf_app_instance_header");
            exchange.sendResponseHeaders(400, -1);
        }));

        assertThat(result.outcome()).isEqualTo(Outcome.HTTP_STATUS);
        assertThat(result.failure()).isEqualTo("HTTP 400 (invalid_cf_app_instance_header)");
    }

    @Test
    void garbageIsMalformedWithLineAndColumn() {
        ScrapeResult result =
                scrape(endpoints.serve("/metrics", TestEndpoints.body(TEXT, "up 1\n<html>oops</html>\n")));

        assertThat(result.outcome()).isEqualTo(Outcome.MALFORMED);
        assertThat(result.failure()).contains("line 2");
    }

    @Test
    void reservedOrRepeatedLabelNamesAreMalformedWithTheReason() {
        ScrapeResult reserved =
                scrape(endpoints.serve("/reserved", TestEndpoints.body(TEXT, "metric{__name__=\"bla\"} 3.14\n")));
        ScrapeResult repeated =
                scrape(endpoints.serve("/repeated", TestEndpoints.body(TEXT, "metric{a=\"1\",a=\"2\"} 3.14\n")));

        assertThat(reserved.outcome()).isEqualTo(Outcome.MALFORMED);
        assertThat(reserved.failure()).contains("line 1, column 8: reserved label name __name__");
        assertThat(repeated.outcome()).isEqualTo(Outcome.MALFORMED);
        assertThat(repeated.failure()).contains("duplicate label name a");
    }

    @Test
    void textFormatValueRightAfterTheLabelsIsASuccess() {
        ScrapeResult result = scrape(endpoints.serve("/metrics", TestEndpoints.body(TEXT, "a{foo=\"bar\"}6\n")));

        assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(result.exposition().families().get(0).samples().get(0).value())
                .isEqualTo(6.0);
    }

    @Test
    void timestampOutOfRangeIsMalformedWithTheReason() {
        ScrapeResult result =
                scrape(endpoints.serve("/metrics", TestEndpoints.body(OM, "a_total 1 12345678901234567890\n# EOF\n")));

        assertThat(result.outcome()).isEqualTo(Outcome.MALFORMED);
        assertThat(result.failure()).contains("timestamp '12345678901234567890' is out of range");
    }

    @Test
    void unsupportedContentTypeIsAFailure() {
        ScrapeResult result = scrape(endpoints.serve("/metrics", TestEndpoints.body("application/json", "{}")));

        assertThat(result.outcome()).isEqualTo(Outcome.UNSUPPORTED_CONTENT_TYPE);
        assertThat(result.failure()).contains("application/json");
    }

    @Test
    void decodesGzipBodies() {
        ScrapeResult result = scrape(endpoints.serve("/metrics", exchange -> {
            byte[] gzipped = gzip(BODY);
            exchange.getResponseHeaders().set("Content-Type", OM);
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            exchange.sendResponseHeaders(200, gzipped.length);
            exchange.getResponseBody().write(gzipped);
        }));

        assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(result.exposition().sampleCount()).isEqualTo(1);
    }

    @Test
    void bodyOverTheLimitIsRefusedWithOrWithoutContentLength() {
        scraper.close();
        scraper = new HttpClientScraper(ScrapeSettings.defaults().withMaxResponseBytes(1000));
        String big = "x 1\n".repeat(1000);
        URI declared = endpoints.serve("/declared", TestEndpoints.body(TEXT, big));
        URI chunked = endpoints.serve("/chunked", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(big.getBytes(StandardCharsets.UTF_8));
            } catch (IOException expected) {
                // the scraper hangs up once the limit is passed
            }
        });
        URI bomb = endpoints.serve("/bomb", exchange -> {
            byte[] gzipped = gzip(big);
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            exchange.sendResponseHeaders(200, gzipped.length);
            exchange.getResponseBody().write(gzipped);
        });

        assertThat(scrape(declared).outcome()).isEqualTo(Outcome.BODY_TOO_LARGE);
        assertThat(scrape(chunked).outcome()).isEqualTo(Outcome.BODY_TOO_LARGE);
        assertThat(scrape(bomb).outcome()).isEqualTo(Outcome.BODY_TOO_LARGE);
    }

    @Test
    void expositionPastTheLimitsFailsThatTargetWithTheReason() {
        scraper.close();
        scraper = new HttpClientScraper(ScrapeSettings.defaults(), Authenticators.NONE, new ScrapeLimits(3, 2, 10, 20));
        URI manySamples = endpoints.serve("/samples", TestEndpoints.body(TEXT, "a 1\nb 1\nc 1\nd 1\n"));
        URI manyLabels = endpoints.serve("/labels", TestEndpoints.body(TEXT, "a{x=\"1\",y=\"2\",z=\"3\"} 1\n"));
        URI longName = endpoints.serve("/name", TestEndpoints.body(TEXT, "a{very_long_label_name=\"1\"} 1\n"));
        URI longValue = endpoints.serve("/value", TestEndpoints.body(TEXT, "a{x=\"" + "v".repeat(21) + "\"} 1\n"));
        URI fine = endpoints.serve("/fine", TestEndpoints.body(TEXT, "a{x=\"1\",y=\"2\"} 1\nb 2\nc 3\n"));

        assertThat(scrape(manySamples).failure()).isEqualTo("4 samples, more than the limit of 3");
        assertThat(scrape(manyLabels).failure()).isEqualTo("a has 3 labels, more than the limit of 2");
        assertThat(scrape(longName).failure())
                .isEqualTo("a has a label name of 20 characters, more than the limit of 10");
        assertThat(scrape(longValue).outcome()).isEqualTo(Outcome.LIMIT_EXCEEDED);
        assertThat(scrape(fine).outcome()).isEqualTo(Outcome.SUCCESS);
    }

    @Test
    void refusedConnectionIsAConnectionFailure() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        ScrapeResult result = scrape(URI.create("http://127.0.0.1:" + closedPort + "/metrics"));

        assertThat(result.outcome()).isEqualTo(Outcome.CONNECTION);
        assertThat(result.failure()).startsWith("connection failed");
    }

    @Test
    void fetchPastMaxProcessingTimeIsCancelledAndItsConnectionClosed() throws Exception {
        scraper.close();
        scraper = new HttpClientScraper(ScrapeSettings.defaults()
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(300)));
        CountDownLatch connectionClosed = new CountDownLatch(1);
        URI slow = endpoints.serve("/slow", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", TEXT);
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            try {
                for (int i = 0; i < 200; i++) { // trickles for up to 20 s unless the client hangs up
                    out.write("x 1\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException hungUp) {
                connectionClosed.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        ScrapeResult result = scrape(slow);

        assertThat(result.outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(result.failure()).contains("maxProcessingTime 300 ms");
        assertThat(connectionClosed.await(15, TimeUnit.SECONDS))
                .as("server saw the connection closed")
                .isTrue();
    }

    @Test
    void neverRunsMoreFetchesAtOnceThanMaxInFlight() {
        scraper.close();
        scraper = new HttpClientScraper(ScrapeSettings.defaults().withMaxInFlight(2));
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        URI url = endpoints.serve("/metrics", exchange -> {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            TestEndpoints.body(TEXT, "up 1\n").respond(exchange);
        });
        List<CompletableFuture<ScrapeResult>> futures = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            futures.add(scraper.scrape(target(url)));
        }

        List<ScrapeResult> results =
                futures.stream().map(CompletableFuture::join).toList();

        assertThat(results).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(Outcome.SUCCESS));
        assertThat(maxRunning.get()).isEqualTo(2);
        assertThat(endpoints.requests()).hasSize(8);
    }

    @Test
    void keepsNoDeadlineOfAFetchThatEndedInTime() throws InterruptedException {
        scraper.close();
        Duration minute = Duration.ofMinutes(1);
        scraper = new HttpClientScraper(ScrapeSettings.defaults().withTimeouts(minute, minute, minute));
        URI url = endpoints.serve("/metrics", TestEndpoints.body(TEXT, "up 1\n"));
        for (int i = 0; i < 10; i++) {
            assertThat(scrape(url).outcome()).isEqualTo(Outcome.SUCCESS);
        }
        // the deadline is cancelled just after the result completes; wait (bounded) for that
        for (int attempt = 0; attempt < 500 && scraper.pendingDeadlines() > 0; attempt++) {
            Thread.sleep(10);
        }

        assertThat(scraper.pendingDeadlines()).isZero();
    }

    @Test
    void sendsEveryFetchThroughTheConfiguredProxy() {
        URI proxy = endpoints.serve("/", TestEndpoints.body(TEXT, "up 1\n"));
        scraper.close();
        scraper = new HttpClientScraper(
                ScrapeSettings.defaults().withProxy(new InetSocketAddress("127.0.0.1", proxy.getPort())));

        ScrapeResult result = scrape(URI.create("http://app.apps.example.invalid/metrics"));

        assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
        var request = endpoints.requests().get(0);
        assertThat(request.headers().getFirst("Host")).isEqualTo("app.apps.example.invalid");
        assertThat(request.uri().getPath()).isEqualTo("/metrics");
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
