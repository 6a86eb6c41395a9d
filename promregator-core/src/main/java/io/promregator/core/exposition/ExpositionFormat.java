package io.promregator.core.exposition;

import java.util.Locale;
import java.util.Optional;

/** The two text formats Prometheus scrapes, with the Content-Type each is served under. */
public enum ExpositionFormat {
    PROMETHEUS_TEXT("text/plain; version=0.0.4; charset=utf-8"),
    OPENMETRICS("application/openmetrics-text; version=1.0.0; charset=utf-8");

    private final String contentType;

    ExpositionFormat(String contentType) {
        this.contentType = contentType;
    }

    /** The Content-Type header value for a response in this format. */
    public String contentType() {
        return contentType;
    }

    /**
     * The format a response's Content-Type announces. No Content-Type means text 0.0.4, as Prometheus
     * assumes; any {@code text/plain} is 0.0.4 and any {@code application/openmetrics-text} version is
     * OpenMetrics. Anything else (JSON, HTML, protobuf) is empty: not an exposition we read.
     */
    public static Optional<ExpositionFormat> fromContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return Optional.of(PROMETHEUS_TEXT);
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .trim()
                .toLowerCase(Locale.ROOT);
        return switch (mediaType) {
            case "text/plain" -> Optional.of(PROMETHEUS_TEXT);
            case "application/openmetrics-text" -> Optional.of(OPENMETRICS);
            default -> Optional.empty();
        };
    }
}
