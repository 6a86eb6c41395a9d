package io.promregator.core.exposition;

/**
 * The type of a metric family, as the OpenMetrics 1.0 {@code # TYPE} line names it.
 *
 * <p>Prometheus text format 0.0.4 calls {@link #UNKNOWN} "untyped" and has no {@link #GAUGE_HISTOGRAM},
 * {@link #INFO} or {@link #STATESET}.
 */
public enum MetricType {
    COUNTER("counter"),
    GAUGE("gauge"),
    HISTOGRAM("histogram"),
    GAUGE_HISTOGRAM("gaugehistogram"),
    SUMMARY("summary"),
    INFO("info"),
    STATESET("stateset"),
    UNKNOWN("unknown");

    private final String openMetricsName;

    MetricType(String openMetricsName) {
        this.openMetricsName = openMetricsName;
    }

    /** The name on an OpenMetrics {@code # TYPE} line. */
    public String openMetricsName() {
        return openMetricsName;
    }
}
