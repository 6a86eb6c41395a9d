package io.promregator.core.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.ScrapeResult;
import io.promregator.core.ScrapeResult.Outcome;
import io.promregator.core.Target;
import io.promregator.core.exposition.Exposition;
import io.promregator.core.exposition.Labels;
import io.promregator.core.testing.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

class TargetStateLogTest {
    private final MutableClock clock = new MutableClock();
    private final RecordingLogger lines = new RecordingLogger(false);
    private final TargetStateLog log = new TargetStateLog(clock, Duration.ofMinutes(10), lines);

    private static Target instance(String app, int index) {
        String guid = app + "-guid";
        return new Target(
                guid + ":" + index,
                URI.create("http://" + app + ".apps.example.com/metrics"),
                Target.cfLabels("shop-org", "production", app, guid, index),
                Map.of());
    }

    private static ScrapeResult down(Target target, Outcome outcome, String message) {
        return ScrapeResult.failure(target, outcome, message, Duration.ofMillis(20), 0);
    }

    private static ScrapeResult up(Target target) {
        return ScrapeResult.success(target, Exposition.EMPTY, Duration.ofMillis(20), 10);
    }

    @Test
    void aTargetGoingDownIsOneWarnAndComingBackOneInfo() {
        Target cart = instance("cart", 1);

        log.record(up(cart));
        log.record(down(cart, Outcome.HTTP_STATUS, "HTTP 401"));
        log.record(down(cart, Outcome.HTTP_STATUS, "HTTP 401"));
        clock.advance(Duration.ofSeconds(90));
        log.record(up(cart));
        log.record(up(cart));

        assertThat(lines.lines)
                .containsExactly(
                        "WARN Target shop-org/production/cart/1 (http://cart.apps.example.com/metrics) is down"
                                + " (http_status): HTTP 401",
                        "INFO Target shop-org/production/cart/1 (http://cart.apps.example.com/metrics) is up again"
                                + " after 90 s down");
    }

    @Test
    void aFirstScrapeThatFailsIsAChangeAndOneThatSucceedsIsNot() {
        log.record(up(instance("cart", 0)));
        log.record(down(instance("cart", 1), Outcome.TIMEOUT, "no response within 5000 ms"));

        assertThat(lines.lines).singleElement().asString().startsWith("WARN Target shop-org/production/cart/1 ");
    }

    @Test
    void anotherReasonWhileDownIsNoNewLine() {
        Target cart = instance("cart", 1);

        log.record(down(cart, Outcome.INSTANCE_NOT_RUNNING, "instance not running"));
        log.record(down(cart, Outcome.CONNECTION, "connection failed"));
        log.record(down(cart, Outcome.TIMEOUT, "no response within 5000 ms"));

        assertThat(lines.lines).singleElement().asString().contains("(instance_not_running)");
    }

    @Test
    void aStaticTargetIsNamedByItsUrlWithoutUserInformationOrQuery() {
        URI url = URI.create("http://scraper:pa55@10.0.0.7:9100/metrics?token=t0ken");
        Target node = new Target(url.toString(), url, Labels.of("job", "node"), Map.of());

        log.record(down(node, Outcome.CONNECTION, "connection failed:\nrefused"));

        assertThat(lines.lines)
                .containsExactly("WARN Target http://xxxxx@10.0.0.7:9100/metrics?token=xxxxx is down (connection):"
                        + " connection failed:?refused");
    }

    @Test
    void pastTheLimitChangesAreSummedUpInOneLineAfterTheWindow() {
        int targets = TargetStateLog.LINES_PER_WINDOW + 25;
        for (int i = 0; i < targets; i++) {
            log.record(down(instance("app" + i, 0), Outcome.CONNECTION, "connection failed"));
        }
        assertThat(lines.lines).hasSize(TargetStateLog.LINES_PER_WINDOW);

        clock.advance(Duration.ofSeconds(30));
        log.record(up(instance("app0", 0)));
        assertThat(lines.lines).as("still in the window").hasSize(TargetStateLog.LINES_PER_WINDOW);

        clock.advance(TargetStateLog.WINDOW);
        log.record(down(instance("app1", 0), Outcome.CONNECTION, "connection failed"));
        assertThat(lines.lines.subList(TargetStateLog.LINES_PER_WINDOW, lines.lines.size()))
                .as("a scrape that changes nothing still writes the summary")
                .containsExactly("WARN ... and 26 more target state changes in the last 90 s were not logged;"
                        + " promregator_up shows every target's state");

        log.record(up(instance("app2", 0)));
        assertThat(lines.lines).last().asString().startsWith("INFO Target shop-org/production/app2/0 ");
    }

    @Test
    void aTargetNotScrapedForTheTimeoutIsForgottenAndDownAgainIsANewLine() {
        Target cart = instance("cart", 1);
        log.record(down(cart, Outcome.HTTP_STATUS, "HTTP 500"));

        clock.advance(Duration.ofMinutes(11));
        log.record(up(instance("other", 0)));
        assertThat(log.size()).isEqualTo(1);
        log.record(down(cart, Outcome.HTTP_STATUS, "HTTP 500"));

        assertThat(lines.lines).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("WARN Target shop-org"));
    }

    @Test
    void atDebugEveryFailedScrapeIsOneLineWithItsTargetAndReason() {
        RecordingLogger debug = new RecordingLogger(true);
        TargetStateLog log = new TargetStateLog(clock, Duration.ofMinutes(10), debug);
        Target cart = instance("cart", 1);

        log.record(down(cart, Outcome.TIMEOUT, "no response within 5000 ms"));
        log.record(down(cart, Outcome.TIMEOUT, "no response\nwithin 5000 ms"));
        log.record(up(cart));

        assertThat(debug.lines)
                .containsExactly(
                        "DEBUG Scrape of shop-org/production/cart/1 (http://cart.apps.example.com/metrics) failed"
                                + " (timeout) after 20 ms: no response within 5000 ms",
                        "WARN Target shop-org/production/cart/1 (http://cart.apps.example.com/metrics) is down"
                                + " (timeout): no response within 5000 ms",
                        "DEBUG Scrape of shop-org/production/cart/1 (http://cart.apps.example.com/metrics) failed"
                                + " (timeout) after 20 ms: no response?within 5000 ms",
                        "INFO Target shop-org/production/cart/1 (http://cart.apps.example.com/metrics) is up again"
                                + " after 0 s down");
    }

    @Test
    void keepsWhatTheLastScrapeRecordedAndTheLastFailureAfterRecovery() {
        Target cart = instance("cart", 1);
        assertThat(log.lastScrape(cart.id())).isEmpty();

        log.record(down(cart, Outcome.HTTP_STATUS, "HTTP 500"));
        clock.advance(Duration.ofSeconds(30));
        log.record(ScrapeResult.success(cart, Exposition.EMPTY, Duration.ofMillis(7), 1234));

        TargetStateLog.LastScrape last = log.lastScrape(cart.id()).orElseThrow();
        assertThat(last.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(last.duration()).isEqualTo(Duration.ofMillis(7));
        assertThat(last.bytes()).isEqualTo(1234);
        assertThat(last.at()).isEqualTo(last.since());
        assertThat(last.lastFailure().orElseThrow().message()).isEqualTo("HTTP 500");
        assertThat(last.lastFailure().orElseThrow().outcome()).isEqualTo(Outcome.HTTP_STATUS);
        clock.advance(Duration.ofMinutes(10));
        assertThat(log.lastScrape(cart.id())).as("forgotten after forgetAfter").isEmpty();
    }

    /** Keeps {@code LEVEL message} of every line, from INFO on or from DEBUG on. */
    private static final class RecordingLogger extends LegacyAbstractLogger {
        final List<String> lines = new CopyOnWriteArrayList<>();
        private final boolean debug;

        RecordingLogger(boolean debug) {
            this.debug = debug;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(
                Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
            lines.add(level + " " + MessageFormatter.basicArrayFormat(pattern, arguments));
        }

        @Override
        public boolean isTraceEnabled() {
            return debug;
        }

        @Override
        public boolean isDebugEnabled() {
            return debug;
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }
    }
}
