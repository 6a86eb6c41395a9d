package io.promregator.core.exposition;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Parses an exposition body in Prometheus text format 0.0.4 or OpenMetrics 1.0 text into the model, with
 * OpenMetrics family names whatever the format (see {@link MetricFamily}).
 *
 * <p>OpenMetrics is read strictly, as its specification and conformance tests require. Text 0.0.4 is read
 * as leniently as Prometheus reads it. Either way a body that is not an exposition (HTML, JSON, binary)
 * fails with an {@link ExpositionParseException} naming the line and column. Thread-safe: each call
 * works on its own state.
 */
public final class ExpositionParser {
    private ExpositionParser() {}

    /** Parses a body, read as UTF-8. */
    public static Exposition parse(byte[] body, ExpositionFormat format) throws ExpositionParseException {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(format, "format");
        if (format == ExpositionFormat.OPENMETRICS) {
            OpenMetricsParser parser = new OpenMetricsParser(body);
            try {
                return parser.parse();
            } catch (RuntimeException e) {
                throw unexpected(parser.cursor(), e);
            }
        }
        PrometheusTextParser parser = new PrometheusTextParser(body);
        try {
            return parser.parse();
        } catch (RuntimeException e) {
            throw unexpected(parser.cursor(), e);
        }
    }

    /** Parses a body given as text (its UTF-8 encoding is parsed). */
    public static Exposition parse(String body, ExpositionFormat format) throws ExpositionParseException {
        Objects.requireNonNull(body, "body");
        return parse(body.getBytes(StandardCharsets.UTF_8), format);
    }

    /** A failure the parser did not foresee is still a failure of this body, not of the caller. */
    private static ExpositionParseException unexpected(ByteCursor cursor, RuntimeException e) {
        ExpositionParseException error = cursor.error("unreadable exposition (" + e + ")");
        error.initCause(e);
        return error;
    }
}
