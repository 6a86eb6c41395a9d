package io.promregator.simulator;

/** The exposition format a simulated app instance answers in, with the Content-Type it sends. */
public enum MetricsFormat {
    /** Prometheus text format 0.0.4. */
    PROMETHEUS_TEXT("text/plain; version=0.0.4; charset=utf-8"),
    /** OpenMetrics 1.0.0, to scrapers whose Accept names it (text 0.0.4 otherwise). */
    OPENMETRICS("application/openmetrics-text; version=1.0.0; charset=utf-8");

    private final String contentType;

    MetricsFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }
}
