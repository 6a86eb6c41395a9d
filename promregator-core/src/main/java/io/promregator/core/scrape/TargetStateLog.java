package io.promregator.core.scrape;

import io.promregator.core.ScrapeResult;
import io.promregator.core.ScrapeResult.Outcome;
import io.promregator.core.Target;
import io.promregator.core.exposition.Labels;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Logs a target's changes of state, once per change: WARN when it goes down (after being up, or at its
 * first scrape), with the reason and message; INFO when it is up again. A target that stays down, or fails
 * for another reason while down, logs nothing more. At most {@link #LINES_PER_WINDOW} lines per
 * {@link #WINDOW}, for all targets together, so that an outage of the whole foundation does not flood the
 * log; the changes past that are summed up in one WARN line at the first change or scrape after the
 * window. Targets are named {@code org/space/app/index} and by URL, without user information and with the
 * query values redacted ({@link Target#redacted(URI)}); every line about one target has its {@link #shownId id} in the MDC as {@value #MDC_TARGET}.
 * At DEBUG, every failed scrape is logged, with its reason. A target not scraped for {@code forgetAfter} is forgotten. It also keeps
 * what each target's last scrape gave ({@link #lastScrape}), for the targets page. Thread-safe.
 */
public final class TargetStateLog {
    public static final int LINES_PER_WINDOW = 10;
    public static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int MAX_MESSAGE = 300;
    /** The MDC key of the id of the target a line is about (JSON log lines carry it). */
    public static final String MDC_TARGET = "target";

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

    private record State(boolean up, long since, long lastSeen, LastScrape last) {}

    /**
     * What the last scrape of one target recorded.
     *
     * @param at when it ended
     * @param samples the samples the target answered with; 0 when it failed
     * @param bytes the size of the (decompressed) body read
     * @param since when the target last changed to its current state (up or not)
     * @param lastFailure the last failed scrape, also when a later one succeeded; empty when none failed
     */
    public record LastScrape(
            Instant at,
            Duration duration,
            Outcome outcome,
            int samples,
            long bytes,
            Instant since,
            Optional<Failure> lastFailure) {
        public LastScrape {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(since, "since");
            Objects.requireNonNull(lastFailure, "lastFailure");
        }
    }

    /**
     * One failed scrape.
     *
     * @param message the failure's one-line reason, printable, cut after 300 characters
     */
    public record Failure(Instant at, Outcome outcome, String message) {
        public Failure {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(message, "message");
        }
    }

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
            Optional<Failure> failure = up
                    ? (before == null ? Optional.empty() : before.last().lastFailure())
                    : Optional.of(
                            new Failure(Instant.ofEpochMilli(now), result.outcome(), printable(result.failure())));
            long since;
            if (before == null) {
                if (!up) {
                    change[0] = new Change(false, 0);
                }
                since = now;
            } else if (before.up() == up) {
                since = before.since();
            } else {
                change[0] = new Change(up, now - before.since());
                since = now;
            }
            LastScrape last = new LastScrape(
                    Instant.ofEpochMilli(now),
                    result.duration(),
                    result.outcome(),
                    result.exposition().sampleCount(),
                    result.bodyBytes(),
                    Instant.ofEpochMilli(since),
                    failure);
            return new State(up, since, now, last);
        });
        try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_TARGET, shownId(result.target()))) {
            if (!result.isUp() && logger.isDebugEnabled()) {
                logger.debug(
                        "Scrape of {} failed ({}) after {} ms: {}",
                        describe(result.target()),
                        result.outcome().name().toLowerCase(Locale.ROOT),
                        result.duration().toMillis(),
                        printable(result.failure()));
            }
            if (change[0] != null || (summaryPending && now - windowStart >= WINDOW.toMillis())) {
                log(result, change[0], now);
            }
        }
        if (now - lastSweep >= WINDOW.toMillis()) {
            lastSweep = now;
            states.values().removeIf(state -> now - state.lastSeen() >= forgetAfterMillis);
        }
    }

    /**
     * What the last scrape of the target with this id recorded; empty when it was never scraped, or not
     * within {@code forgetAfter}.
     */
    public Optional<LastScrape> lastScrape(String targetId) {
        State state = states.get(targetId);
        return state == null || clock.millis() - state.lastSeen() >= forgetAfterMillis
                ? Optional.empty()
                : Optional.of(state.last());
    }

    /** The targets whose state is remembered. */
    int size() {
        return states.size();
    }

    private void log(ScrapeResult result, Change change, long now) {
        synchronized (lock) {
            if (now - windowStart >= WINDOW.toMillis()) {
                if (suppressed > 0) {
                    String target = MDC.get(MDC_TARGET);
                    MDC.remove(MDC_TARGET); // the summary is about no one target
                    logger.warn(
                            "... and {} more target state changes in the last {} s were not logged;"
                                    + " promregator_up shows every target's state",
                            suppressed,
                            (now - windowStart) / 1000);
                    MDC.put(MDC_TARGET, target);
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

    /**
     * A target's id as safe to show: a static target's id is its URL, which may hold a secret, and is then
     * {@link #shown(URI) shown} as its URL is.
     */
    public static String shownId(Target target) {
        return target.id().equals(target.url().toString()) ? shown(target.url()) : target.id();
    }

    /** A target's URL as safe to show: {@linkplain Target#redacted(URI) redacted}, and shortened if very long. */
    public static String shown(URI url) {
        return SameOriginRedirects.shown(url);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
