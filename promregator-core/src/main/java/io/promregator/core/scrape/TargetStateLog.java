package io.promregator.core.scrape;

import io.promregator.core.ScrapeResult;
import io.promregator.core.Target;
import io.promregator.core.exposition.Labels;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a target's changes of state, once per change: WARN when it goes down (after being up, or at its
 * first scrape), with the reason and message; INFO when it is up again. A target that stays down, or fails
 * for another reason while down, logs nothing more. At most {@link #LINES_PER_WINDOW} lines per
 * {@link #WINDOW}, for all targets together, so that an outage of the whole foundation does not flood the
 * log; the changes past that are summed up in one WARN line at the first change or scrape after the
 * window. Targets are named {@code org/space/app/index} and by URL, without user information and with the
 * query shown as {@code ?...}. A target not scraped for {@code forgetAfter} is forgotten. Thread-safe.
 */
public final class TargetStateLog {
    public static final int LINES_PER_WINDOW = 10;
    public static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int MAX_MESSAGE = 300;

    private final Logger logger;
    private final Clock clock;
    private final long forgetAfterMillis;
    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private volatile long windowStart; // written under lock
    private int logged; // guarded by lock
    private int suppressed; // guarded by lock
    private volatile boolean summaryPending;
    private volatile long lastSweep;

    private record State(boolean up, long since, long lastSeen) {}

    private record Change(boolean up, long downMillis) {}

    /** @param forgetAfter how long a target not scraped is remembered */
    public TargetStateLog(Clock clock, Duration forgetAfter) {
        this(clock, forgetAfter, LoggerFactory.getLogger(TargetStateLog.class));
    }

    TargetStateLog(Clock clock, Duration forgetAfter, Logger logger) {
        this.logger = Objects.requireNonNull(logger, "logger");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.forgetAfterMillis = forgetAfter.toMillis();
        long now = clock.millis();
        windowStart = now;
        lastSweep = now;
    }

    /** On the system clock, forgetting a target after 10 minutes without a scrape. */
    public TargetStateLog() {
        this(Clock.systemUTC(), Duration.ofMinutes(10));
    }

    /** Records one finished scrape and logs it if it changed the target's state. */
    public void record(ScrapeResult result) {
        long now = clock.millis();
        Change[] change = new Change[1];
        states.compute(result.target().id(), (id, before) -> {
            boolean up = result.isUp();
            if (before == null) {
                if (!up) {
                    change[0] = new Change(false, 0);
                }
                return new State(up, now, now);
            }
            if (before.up() == up) {
                return new State(up, before.since(), now);
            }
            change[0] = new Change(up, now - before.since());
            return new State(up, now, now);
        });
        if (change[0] != null || (summaryPending && now - windowStart >= WINDOW.toMillis())) {
            log(result, change[0], now);
        }
        if (now - lastSweep >= WINDOW.toMillis()) {
            lastSweep = now;
            states.values().removeIf(state -> now - state.lastSeen() >= forgetAfterMillis);
        }
    }

    /** The targets whose state is remembered. */
    int size() {
        return states.size();
    }

    private void log(ScrapeResult result, Change change, long now) {
        synchronized (lock) {
            if (now - windowStart >= WINDOW.toMillis()) {
                if (suppressed > 0) {
                    logger.warn(
                            "... and {} more target state changes in the last {} s were not logged;"
                                    + " promregator_up shows every target's state",
                            suppressed,
                            (now - windowStart) / 1000);
                }
                windowStart = now;
                logged = 0;
                suppressed = 0;
                summaryPending = false;
            }
            if (change == null) {
                return;
            }
            if (logged >= LINES_PER_WINDOW) {
                suppressed++;
                summaryPending = true;
                return;
            }
            logged++;
        }
        if (change.up()) {
            logger.info("Target {} is up again after {} s down", describe(result.target()), change.downMillis() / 1000);
        } else {
            logger.warn(
                    "Target {} is down ({}): {}",
                    describe(result.target()),
                    result.outcome().name().toLowerCase(Locale.ROOT),
                    printable(result.failure()));
        }
    }

    /** One line: control characters as {@code ?}, cut after {@value #MAX_MESSAGE} characters. */
    private static String printable(String message) {
        StringBuilder line = new StringBuilder();
        message.codePoints().limit(MAX_MESSAGE).forEach(c -> line.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return message.codePointCount(0, message.length()) > MAX_MESSAGE ? line + "..." : line.toString();
    }

    /**
     * {@code org/space/app/index (URL)} for a Cloud Foundry instance, the URL alone otherwise; the URL
     * {@linkplain Target#redacted(java.net.URI) redacted}.
     */
    static String describe(Target target) {
        String url = SameOriginRedirects.shown(target.url());
        Labels labels = target.labels();
        if (!target.id().equals(labels.get("cf_instance_id")) || labels.get("app_name") == null) {
            return url;
        }
        return String.join(
                        "/",
                        orEmpty(labels.get("org_name")),
                        orEmpty(labels.get("space_name")),
                        labels.get("app_name"),
                        orEmpty(labels.get("cf_instance_number")))
                + " (" + url + ")";
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
