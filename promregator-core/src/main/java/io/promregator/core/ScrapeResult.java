package io.promregator.core;

import io.promregator.core.exposition.Exposition;
import java.time.Duration;
import java.util.Objects;

/**
 * What one scrape of one target gave: its parsed exposition, or why there is none.
 *
 * @param exposition the parsed metrics; empty unless {@link #isUp()}
 * @param failure a one-line reason when not up, empty otherwise
 * @param bodyBytes the size of the (decompressed) body read, 0 when none was read
 */
public record ScrapeResult(
        Target target, Outcome outcome, Exposition exposition, String failure, Duration duration, long bodyBytes) {

    /** How a scrape ended. Everything but {@link #SUCCESS} counts as a failure. */
    public enum Outcome {
        SUCCESS,
        /** The target answered with a status other than 200. */
        HTTP_STATUS,
        /**
         * The target redirected somewhere the scrape does not follow: to another origin (scheme, host or
         * port), in a loop, or more than five times.
         */
        REDIRECT,
        /**
         * The gorouter knows no such instance (400 or 404 with {@code X-Cf-Routererror: unknown_route}):
         * it is not running (crashed, starting, stopped) or was scaled away.
         */
        INSTANCE_NOT_RUNNING,
        /** No answer within {@code maxProcessingTime} (or the connect timeout): the fetch was cancelled. */
        TIMEOUT,
        /** No credentials could be had for the target (its token service failed). */
        AUTHENTICATION,
        /** Connection refused, reset, DNS or TLS failure. */
        CONNECTION,
        /** The body was larger than the configured limit. */
        BODY_TOO_LARGE,
        /** The exposition has more samples, labels or longer labels than {@code promregator.scraping.limits}. */
        LIMIT_EXCEEDED,
        /** The Content-Type is not an exposition format. */
        UNSUPPORTED_CONTENT_TYPE,
        /** The body does not parse. */
        MALFORMED
    }

    public ScrapeResult {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(exposition, "exposition");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(duration, "duration");
    }

    public static ScrapeResult success(Target target, Exposition exposition, Duration duration, long bodyBytes) {
        return new ScrapeResult(target, Outcome.SUCCESS, exposition, "", duration, bodyBytes);
    }

    public static ScrapeResult failure(
            Target target, Outcome outcome, String failure, Duration duration, long bodyBytes) {
        if (outcome == Outcome.SUCCESS) {
            throw new IllegalArgumentException("a failure needs a failing outcome");
        }
        return new ScrapeResult(target, outcome, Exposition.EMPTY, failure, duration, bodyBytes);
    }

    public boolean isUp() {
        return outcome == Outcome.SUCCESS;
    }
}
