package io.promregator.core.exposition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Promregator serves for a Spring Boot application with several instances after enrichment and
 * merge: families as the parser reads them from OpenMetrics, every sample carrying CF labels. Eleven
 * instances make 1,793 samples and 210 KB of 0.0.4 text, near the exposition the throughput goal is
 * stated for (1,857 samples, 190 KB).
 */
final class SyntheticExposition {
    private static final String[] URIS = {"/api/orders", "/api/orders/{id}", "/actuator/health"};
    private static final String[] STATUSES = {"200", "500"};
    private static final String[] BUCKETS = {
        "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "10.0", "+Inf"
    };
    private static final String[] MEMORY_AREAS = {
        "heap:G1 Eden Space",
        "heap:G1 Old Gen",
        "heap:G1 Survivor Space",
        "nonheap:Metaspace",
        "nonheap:CodeCache",
        "nonheap:Compressed Class Space"
    };
    private static final String[] THREAD_STATES = {"runnable", "blocked", "waiting", "timed-waiting", "new"};
    private static final String[] LEVELS = {"trace", "debug", "info", "warn", "error"};

    private SyntheticExposition() {}

    static List<MetricFamily> cfApplication(int instances) {
        Map<String, Builder> families = new LinkedHashMap<>();
        for (int i = 0; i < instances; i++) {
            addInstance(families, i);
        }
        List<MetricFamily> result = new ArrayList<>();
        for (Builder builder : families.values()) {
            result.add(new MetricFamily(builder.name, builder.type, builder.help, builder.unit, builder.samples));
        }
        return result;
    }

    private static void addInstance(Map<String, Builder> families, int instance) {
        String[] cf = {"app_name", "shop-backend", "cf_instance_number", Integer.toString(instance)};
        double seed = instance + 1;
        Builder http = family(
                families,
                "http_server_requests_seconds",
                MetricType.HISTOGRAM,
                "Duration of HTTP server request handling",
                "seconds");
        for (String uri : URIS) {
            for (String status : STATUSES) {
                long count = 0;
                for (int b = 0; b < BUCKETS.length; b++) {
                    count += (long) (seed * (b + 1) * (status.equals("200") ? 7 : 1));
                    Sample bucket = new Sample(
                            "http_server_requests_seconds_bucket",
                            labels(cf, "status", status, "uri", uri, "le", BUCKETS[b]),
                            count);
                    if (b == 3) {
                        bucket = new Sample(
                                bucket.name(),
                                bucket.labels(),
                                bucket.value(),
                                Sample.NO_TIMESTAMP,
                                Optional.of(new Exemplar(
                                        Labels.of("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736"),
                                        0.042,
                                        1700000000123L)));
                    }
                    http.samples.add(bucket);
                }
                Labels series = labels(cf, "status", status, "uri", uri);
                http.samples.add(new Sample("http_server_requests_seconds_count", series, count));
                http.samples.add(new Sample("http_server_requests_seconds_sum", series, count * 0.0123));
                http.samples.add(new Sample("http_server_requests_seconds_created", series, 1700000000.5 + seed));
            }
        }
        gauges(
                families,
                "jvm_memory_used_bytes",
                "The amount of used memory",
                "bytes",
                cf,
                "area",
                MEMORY_AREAS,
                1.5e7 * seed);
        gauges(
                families,
                "jvm_memory_committed_bytes",
                "The amount of committed memory",
                "bytes",
                cf,
                "area",
                MEMORY_AREAS,
                2.5e7 * seed);
        gauges(
                families,
                "jvm_threads_states_threads",
                "The current number of threads",
                "threads",
                cf,
                "state",
                THREAD_STATES,
                3);
        Builder gc = family(families, "jvm_gc_pause_seconds", MetricType.SUMMARY, "Time spent in GC pause", "seconds");
        for (String action : new String[] {"end of minor GC", "end of major GC"}) {
            gc.samples.add(new Sample("jvm_gc_pause_seconds", labels(cf, "action", action, "quantile", "0.5"), 0.004));
            gc.samples.add(new Sample("jvm_gc_pause_seconds", labels(cf, "action", action, "quantile", "0.99"), 0.02));
            Labels series = labels(cf, "action", action);
            gc.samples.add(new Sample("jvm_gc_pause_seconds_count", series, 12 * seed));
            gc.samples.add(new Sample("jvm_gc_pause_seconds_sum", series, 0.0731 * seed));
            gc.samples.add(new Sample("jvm_gc_pause_seconds_created", series, 1700000000.25));
        }
        Builder events = family(families, "logback_events", MetricType.COUNTER, "Number of log events enabled", "");
        for (String level : LEVELS) {
            Labels series = labels(cf, "level", level);
            events.samples.add(new Sample("logback_events_total", series, 100 * seed));
            events.samples.add(new Sample("logback_events_created", series, 1700000000.75));
        }
        Builder cache = family(families, "cache_gets", MetricType.COUNTER, "The number of cache gets", "");
        for (String name : new String[] {"products", "prices", "sessions"}) {
            for (String result : new String[] {"hit", "miss"}) {
                Labels series = labels(cf, "cache", name, "result", result);
                cache.samples.add(new Sample("cache_gets_total", series, 5000 * seed));
                cache.samples.add(new Sample("cache_gets_created", series, 1700000000));
            }
        }
        gauges(
                families,
                "jvm_buffer_memory_used_bytes",
                "Memory used by buffers",
                "bytes",
                cf,
                "id",
                new String[] {"direct", "mapped"},
                8192 * seed);
        gauges(
                families,
                "executor_active_threads",
                "Active threads",
                "threads",
                cf,
                "name",
                new String[] {"applicationTaskExecutor", "taskScheduler"},
                2);
        for (String name : new String[] {
            "process_cpu_usage",
            "system_cpu_usage",
            "process_uptime_seconds",
            "process_files_open_files",
            "jvm_classes_loaded_classes",
            "tomcat_sessions_active_current_sessions",
            "jvm_threads_live_threads",
            "jvm_threads_daemon_threads",
            "jvm_threads_peak_threads",
            "disk_free_bytes",
            "disk_total_bytes",
            "system_load_average_1m",
            "hikaricp_connections_active",
            "hikaricp_connections_idle",
            "jvm_gc_live_data_size_bytes",
            "jvm_gc_max_data_size_bytes"
        }) {
            family(families, name, MetricType.GAUGE, "Synthetic " + name.replace('_', ' '), "")
                    .samples
                    .add(new Sample(name, labels(cf), 0.137 * seed));
        }
        family(families, "app_build", MetricType.INFO, "Build information", "")
                .samples
                .add(new Sample("app_build_info", labels(cf, "version", "2.4.1", "commit", "9f8e7d6"), 1));
        Builder mode = family(families, "app_mode", MetricType.STATESET, "Operating mode", "");
        for (String state : new String[] {"normal", "degraded", "maintenance"}) {
            mode.samples.add(new Sample("app_mode", labels(cf, "app_mode", state), state.equals("normal") ? 1 : 0));
        }
    }

    private static void gauges(
            Map<String, Builder> families,
            String name,
            String help,
            String unit,
            String[] cf,
            String label,
            String[] values,
            double base) {
        Builder builder = family(families, name, MetricType.GAUGE, help, unit);
        for (int v = 0; v < values.length; v++) {
            builder.samples.add(new Sample(name, labels(cf, label, values[v]), base + v * 1024.5));
        }
    }

    private static Labels labels(String[] cf, String... own) {
        String[] all = new String[cf.length + own.length];
        System.arraycopy(own, 0, all, 0, own.length);
        System.arraycopy(cf, 0, all, own.length, cf.length);
        return Labels.of(all);
    }

    private static Builder family(
            Map<String, Builder> families, String name, MetricType type, String help, String unit) {
        return families.computeIfAbsent(name, n -> new Builder(n, type, help, unit));
    }

    private static final class Builder {
        final String name;
        final MetricType type;
        final String help;
        final String unit;
        final List<Sample> samples = new ArrayList<>();

        Builder(String name, MetricType type, String help, String unit) {
            this.name = name;
            this.type = type;
            this.help = help;
            this.unit = unit;
        }
    }
}
