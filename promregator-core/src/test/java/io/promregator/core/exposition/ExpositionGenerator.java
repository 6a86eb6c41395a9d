package io.promregator.core.exposition;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Random but plausible expositions in either text format, for fuzzing: every type of the format, label
 * values with escapes, quotes and non-ASCII text, label names that clash with Promregator's, special and
 * extreme values, timestamps, exemplars, units, and (in 0.0.4) the leniencies Prometheus allows: comments,
 * blank lines, blanks around tokens, trailing commas, CRLF. Mostly valid, not always: two families may
 * still clash. Deterministic for a given {@link Random}.
 */
public final class ExpositionGenerator {
    private static final String[] FAMILY_NAMES = {
        "http_requests",
        "rpc_duration_seconds",
        "jobs",
        "queue_length",
        "build",
        "mode",
        "temperature_celsius",
        "org_name",
        "up",
        "process_cpu_seconds",
        "a",
        "x:y",
        "promregator_up",
        "go_memstats_alloc_bytes",
        "_"
    };
    private static final String[] LABEL_NAMES = {
        "org_name",
        "app_name",
        "space_name",
        "cf_instance_id",
        "cf_instance_number",
        "exported_org_name",
        "exported_exported_app_name",
        "job",
        "instance",
        "path",
        "code",
        "method",
        "__meta",
        "reason",
        "_"
    };
    /** Label values as written between the quotes, escapes included. */
    private static final String[] LABEL_VALUES = {
        "", "200", "GET", "/api/orders/{id}", "say \\\"hi\\\"", "C:\\\\dir\\\\", "line\\nbreak", "Grüße ✓ 😀",
        "tab\there", "a,b=c}", "# not a comment", "{}", " padded ", "\\\\n is not a newline", "0x1p-3", "+Inf",
        "中文", "\u00a0nbsp"
    };

    private static final String[] HELP_TEXTS = {
        "Requests served.",
        "Backslash \\\\ and newline \\n.",
        "Grüße ✓ 😀",
        "",
        "   ",
        "Quote \" inside.",
        "# looks like a comment",
        "TYPE x counter"
    };
    private static final String[] GAUGE_VALUES = {
        "0",
        "1",
        "-1",
        "3.14",
        "1e3",
        "1.5E-7",
        "NaN",
        "+Inf",
        "-Inf",
        "-0",
        "1e308",
        "4.9e-324",
        "123456789012345678",
        "0.1",
        "-2.5e-5",
        "1600000000.5"
    };
    private static final String[] TEXT_ONLY_VALUES = {"0x1p-3", "Inf", "nan", "+1", "-inf", "1_0"};
    private static final String[] COUNTER_VALUES = {"0", "1", "17", "1e3", "+Inf", "2.5", "1e21", "4.9e-324"};
    private static final String[] BUCKET_BOUNDS = {"-1", "0", "0.005", "0.1", "1", "1.0", "2.5", "10", "1e3"};
    /** How 0.0.4 targets may spell the last bucket; OpenMetrics allows only the first. */
    private static final String[] INFINITY = {"+Inf", "+Inf", "+inf", "Inf", "INF", "+Infinity", "infinity"};

    private static final String[] QUANTILES = {"0", "0.5", ".5", "5e-1", "0.99", "1", "1.0"};
    private static final String[] TEXT_TIMESTAMPS = {"1700000000000", "0", "-1", "1520879607789", "9223372036854775807"
    };
    private static final String[] OM_TIMESTAMPS = {
        "1700000000", "1700000000.123", "0", "-1.5", "1.7e9", "1520879607.789"
    };
    private static final String[] TEXT_TYPES = {"counter", "gauge", "histogram", "summary", "untyped"};
    private static final String[] OM_TYPES = {
        "counter", "gauge", "histogram", "gaugehistogram", "summary", "info", "stateset", "unknown"
    };

    private final Random random;
    private final boolean openMetrics;
    private final StringBuilder out = new StringBuilder();
    private final String lineEnd;

    private ExpositionGenerator(Random random, ExpositionFormat format) {
        this.random = random;
        this.openMetrics = format == ExpositionFormat.OPENMETRICS;
        this.lineEnd = random.nextInt(20) == 0 ? "\r\n" : "\n";
    }

    /** A new exposition in the given format. */
    public static byte[] generate(Random random, ExpositionFormat format) {
        ExpositionGenerator generator = new ExpositionGenerator(random, format);
        generator.exposition();
        return generator.out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void exposition() {
        Set<String> used = new HashSet<>();
        int families = 1 + random.nextInt(6);
        for (int i = 0; i < families; i++) {
            String name = pick(FAMILY_NAMES);
            if (used.add(name)) {
                family(name);
            }
            if (!openMetrics && chance(10)) {
                line(chance(2) ? "" : "# a comment " + pick(HELP_TEXTS));
            }
        }
        if (openMetrics) {
            line("# EOF");
        }
    }

    private void family(String name) {
        String type = openMetrics ? pick(OM_TYPES) : pick(TEXT_TYPES);
        String typeName = !openMetrics && type.equals("counter") && !chance(4) ? name + "_total" : name;
        List<String> metadata = new ArrayList<>();
        if (chance(5) || !openMetrics && chance(2)) {
            metadata.add("# HELP " + typeName + " " + help());
        }
        if (!chance(8)) {
            metadata.add("# TYPE " + typeName + " " + type);
        }
        String unit = name.substring(name.lastIndexOf('_') + 1);
        if (openMetrics && (unit.equals("seconds") || unit.equals("celsius")) && !chance(3)) {
            metadata.add("# UNIT " + name + " " + unit);
        }
        if (chance(2)) {
            Collections.reverse(metadata);
        }
        metadata.forEach(this::line);
        int metrics = chance(30) ? 20 + random.nextInt(40) : 1 + random.nextInt(3);
        Set<String> labelSets = new HashSet<>();
        for (int m = 0; m < metrics; m++) {
            String labels = labelPairs(type.equals("stateset") ? name : null);
            if (labelSets.add(labels)) {
                metric(name, typeName, type, labels);
            }
        }
    }

    private void metric(String name, String typeName, String type, String labels) {
        String timestamp = chance(6) ? pick(openMetrics ? OM_TIMESTAMPS : TEXT_TIMESTAMPS) : null;
        switch (type) {
            case "counter" -> {
                sample(
                        typeName.equals(name) && !openMetrics ? name : name + "_total",
                        labels,
                        pick(COUNTER_VALUES),
                        timestamp,
                        exemplar());
                if (openMetrics ? chance(3) : chance(6)) { // in 0.0.4 an untyped family of its own
                    sample(name + "_created", labels, "1700000000.25", timestamp, null);
                }
            }
            case "histogram", "gaugehistogram" -> histogram(name, type.equals("gaugehistogram"), labels, timestamp);
            case "summary" -> summary(name, labels, timestamp);
            case "info" -> sample(name + "_info", labels, "1", timestamp, null);
            case "stateset" -> {
                sample(name, labels + (labels.isEmpty() ? "" : ",") + name + "=\"a\"", "1", timestamp, null);
                sample(name, labels + (labels.isEmpty() ? "" : ",") + name + "=\"b\"", "0", timestamp, null);
            }
            default -> {
                if (openMetrics && chance(15)) { // several points of one series, in time order
                    sample(name, labels, value(), "1700000000", null);
                    sample(name, labels, value(), "1700000001.5", null);
                } else {
                    sample(name, labels, value(), timestamp, null);
                }
            }
        }
    }

    private void histogram(String name, boolean gauge, String labels, String timestamp) {
        List<String> bounds = new ArrayList<>();
        double last = Double.NEGATIVE_INFINITY;
        for (String bound : BUCKET_BOUNDS) {
            double le = Double.parseDouble(bound);
            if (le > last && chance(2)) {
                bounds.add(bound);
                last = le;
            }
        }
        bounds.add(openMetrics ? "+Inf" : pick(INFINITY));
        long count = 0;
        for (String le : bounds) {
            count += random.nextInt(5);
            String withLe = labels + (labels.isEmpty() ? "" : ",") + "le=\"" + le + "\"";
            sample(name + "_bucket", withLe, Long.toString(count), timestamp, exemplar());
        }
        if (!chance(6)) {
            sample(name + (gauge ? "_gcount" : "_count"), labels, Long.toString(count), timestamp, null);
            sample(name + (gauge ? "_gsum" : "_sum"), labels, count + ".5", timestamp, null);
        }
        if (openMetrics && !gauge && chance(4)) {
            sample(name + "_created", labels, "1700000000", timestamp, null);
        }
    }

    private void summary(String name, String labels, String timestamp) {
        Set<String> quantiles = new HashSet<>();
        for (int q = random.nextInt(4); q > 0; q--) {
            String quantile = pick(QUANTILES);
            if (quantiles.add(quantile)) {
                String withQuantile = labels + (labels.isEmpty() ? "" : ",") + "quantile=\"" + quantile + "\"";
                sample(name, withQuantile, chance(5) ? "NaN" : "0.25", timestamp, null);
            }
        }
        sample(name + "_count", labels, Integer.toString(random.nextInt(100)), timestamp, null);
        sample(name + "_sum", labels, "12.5", timestamp, null);
    }

    /** Label pairs without braces, none repeated; {@code reserved} (a stateset's name) is left out. */
    private String labelPairs(String reserved) {
        StringBuilder pairs = new StringBuilder();
        Set<String> names = new HashSet<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            String labelName = pick(LABEL_NAMES);
            if (!labelName.equals(reserved) && names.add(labelName)) {
                if (pairs.length() > 0) {
                    pairs.append(',');
                }
                pairs.append(labelName).append("=\"").append(labelValue()).append('"');
            }
        }
        return pairs.toString();
    }

    private String labelValue() {
        if (chance(100)) {
            return "v".repeat(100 + random.nextInt(3000));
        }
        return pick(LABEL_VALUES);
    }

    private String help() {
        String help = pick(HELP_TEXTS);
        return openMetrics ? help.replace("\"", "\\\"") : help;
    }

    private String value() {
        return !openMetrics && chance(8) ? pick(TEXT_ONLY_VALUES) : pick(GAUGE_VALUES);
    }

    private String exemplar() {
        if (!openMetrics || !chance(5)) {
            return null;
        }
        String labels = chance(4) ? "" : "trace_id=\"" + "4bf92f3577b34da6".repeat(1 + random.nextInt(2)) + "\"";
        return "# {" + labels + "} 0.042" + (chance(2) ? " 1700000000.123" : "");
    }

    private void sample(String name, String labels, String value, String timestamp, String exemplar) {
        StringBuilder line = new StringBuilder(name);
        if (!labels.isEmpty() || chance(10)) {
            line.append('{').append(openMetrics ? labels : lenient(labels)).append('}');
        } else if (!openMetrics && chance(5)) {
            line.append(" \t");
        }
        line.append(' ').append(value);
        if (timestamp != null) {
            line.append(blank()).append(timestamp);
        }
        if (exemplar != null) {
            line.append(' ').append(exemplar);
        }
        line(line.toString());
    }

    /** 0.0.4 label pairs with the blanks and trailing comma Prometheus' parser allows. */
    private String lenient(String labels) {
        if (labels.isEmpty() || !chance(4)) {
            return labels;
        }
        return " " + labels.replace("\",", "\" , ").replace("=\"", " = \"") + (chance(2) ? "," : " ");
    }

    private String blank() {
        return openMetrics || !chance(5) ? " " : " \t ";
    }

    private void line(String text) {
        out.append(text).append(lineEnd);
    }

    private boolean chance(int oneIn) {
        return random.nextInt(oneIn) == 0;
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }
}
