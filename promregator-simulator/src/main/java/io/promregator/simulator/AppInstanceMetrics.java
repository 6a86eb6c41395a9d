package io.promregator.simulator;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What one simulated app instance exposes on its metrics path: a request counter that grows with time, a
 * latency histogram (with an exemplar in OpenMetrics), a memory gauge and an uptime gauge. Values differ
 * per app and instance and depend only on how long the simulator has run.
 */
public final class AppInstanceMetrics {
    private static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0};
    private static final double[] SHARES = {0.04, 0.15, 0.38, 0.62, 0.83, 0.94, 0.985, 0.998};

    private final Application app;
    private final int index;
    private final boolean openMetrics;
    private final String appLabel;
    private final int seed;
    private final double seconds;

    /**
     * @param openMetrics whether to write OpenMetrics 1.0 (else text 0.0.4)
     * @param seconds how long the simulator has run
     */
    public AppInstanceMetrics(Application app, int index, boolean openMetrics, double seconds) {
        this.app = app;
        this.index = index;
        this.openMetrics = openMetrics;
        this.appLabel = app.appNameLabel().isEmpty() ? "" : "app_name=\"" + app.appNameLabel() + "\",";
        this.seed = (app.id().hashCode() & 0x7fff) + index * 7;
        this.seconds = seconds;
    }

    /** The format an instance answers in: OpenMetrics only for OpenMetrics apps asked for it. */
    static boolean answersOpenMetrics(Application app, String accept) {
        return app.metricsFormat() == MetricsFormat.OPENMETRICS
                && accept != null
                && accept.contains("application/openmetrics-text");
    }

    /** Whether an {@code Authorization} header satisfies the app's metrics authentication. */
    static boolean authorized(Application app, String authorization) {
        if (!app.requiresMetricsAuth()) {
            return true;
        }
        String expected = Base64.getEncoder()
                .encodeToString((app.metricsUsername() + ":" + app.metricsPassword()).getBytes(StandardCharsets.UTF_8));
        return authorization != null && authorization.equals("Basic " + expected);
    }

    public String contentType() {
        return openMetrics ? MetricsFormat.OPENMETRICS.contentType() : MetricsFormat.PROMETHEUS_TEXT.contentType();
    }

    public String body() {
        double rate = 2.0 + seed % 5 * 0.5 + index;
        long ok = (long) (100 + seed % 300 + rate * seconds);
        long created = (long) (20 + seed % 40 + rate * 0.3 * seconds);
        long failed = (long) (1 + seed % 3 + rate * 0.01 * seconds);
        StringBuilder out = new StringBuilder(2048);
        family(out, "http_server_requests", "counter", "", "Requests the app served.");
        sample(out, "http_server_requests_total", "method=\"GET\",status=\"200\",uri=\"/\"", number(ok));
        sample(out, "http_server_requests_total", "method=\"POST\",status=\"201\",uri=\"/orders\"", number(created));
        sample(out, "http_server_requests_total", "method=\"GET\",status=\"500\",uri=\"/orders\"", number(failed));
        histogram(out, ok + created + failed);
        family(out, "jvm_memory_used_bytes", "gauge", "bytes", "Memory in use.");
        double wave = Math.sin(seconds / 30.0 + index);
        sample(
                out,
                "jvm_memory_used_bytes",
                "area=\"heap\"",
                number(150_000_000L + seed * 1000L + (long) (wave * 8e6)));
        sample(out, "jvm_memory_used_bytes", "area=\"nonheap\"", number(60_000_000L + seed * 100L));
        family(out, "process_uptime_seconds", "gauge", "seconds", "How long the instance has run.");
        sample(out, "process_uptime_seconds", "", number(3600 + seed % 600 + seconds));
        if (openMetrics) {
            out.append("# EOF\n");
        }
        return out.toString();
    }

    private void histogram(StringBuilder out, long count) {
        String name = "http_server_request_duration_seconds";
        family(out, name, "histogram", "seconds", "How long requests took.");
        for (int i = 0; i < BUCKETS.length; i++) {
            String le = "le=\"" + BUCKETS[i] + "\"";
            String value = number(Math.floor(count * SHARES[i]));
            if (openMetrics && BUCKETS[i] == 0.1) {
                value += " # {trace_id=\"" + Long.toHexString(0x5eed0000L + seed) + "\"} 0.067";
            }
            sample(out, name + "_bucket", le, value);
        }
        sample(out, name + "_bucket", "le=\"+Inf\"", number(count));
        sample(out, name + "_sum", "", number(count * (0.045 + index * 0.003)));
        sample(out, name + "_count", "", number(count));
    }

    private void family(StringBuilder out, String name, String type, String unit, String help) {
        String familyName = !openMetrics && type.equals("counter") ? name + "_total" : name;
        out.append("# HELP ").append(familyName).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(familyName).append(' ').append(type).append('\n');
        if (openMetrics && !unit.isEmpty()) {
            out.append("# UNIT ").append(familyName).append(' ').append(unit).append('\n');
        }
    }

    private void sample(StringBuilder out, String name, String labels, String value) {
        String all = appLabel + labels;
        if (all.endsWith(",")) {
            all = all.substring(0, all.length() - 1);
        }
        out.append(name);
        if (!all.isEmpty()) {
            out.append('{').append(all).append('}');
        }
        out.append(' ').append(value).append('\n');
    }

    private static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).toPlainString();
    }
}
