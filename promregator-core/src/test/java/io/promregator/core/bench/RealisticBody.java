package io.promregator.core.bench;

/**
 * The exposition of one realistic app instance, as the benchmarks and the large-foundation tests serve it:
 * 200 samples in about 15 KB (ten counters of eight series, two histograms of three series, 48 gauges), in
 * the text format 0.0.4. The values follow from a key (a path, or {@code <appGuid>:<index>}), and the last
 * gauge names it ({@code app_build_info{build="<key>"} 1}), so that a body fetched for the wrong instance
 * shows.
 */
public final class RealisticBody {
    /** The number of samples in every body. */
    public static final int SAMPLES = 200;

    private RealisticBody() {}

    /** The body for {@code key}; the same key gives the same body. */
    public static String of(String key) {
        int seed = key.hashCode() & 0xffff;
        StringBuilder out = new StringBuilder(16 * 1024);
        for (int c = 0; c < 10; c++) {
            String name = "app_requests_" + c + "_total";
            family(out, name, "counter", "Requests of kind " + c + ".");
            for (int s = 0; s < 8; s++) {
                out.append(name)
                        .append("{method=\"")
                        .append(s % 2 == 0 ? "GET" : "POST")
                        .append("\",status=\"")
                        .append(200 + s)
                        .append("\",uri=\"/api/r/")
                        .append(s)
                        .append("\"} ")
                        .append(seed + c * 10 + s)
                        .append('\n');
            }
        }
        for (int h = 0; h < 2; h++) {
            String name = "app_latency_" + h + "_seconds";
            family(out, name, "histogram", "Latency of kind " + h + ".");
            for (int s = 0; s < 3; s++) {
                String labels = "uri=\"/api/e/" + s + "\"";
                for (int b = 0; b < 10; b++) {
                    String le = b < 9 ? String.valueOf(0.001 * (1 << b)) : "+Inf";
                    out.append(name)
                            .append("_bucket{")
                            .append(labels)
                            .append(",le=\"")
                            .append(le);
                    out.append("\"} ").append(seed + b * 3).append('\n');
                }
                out.append(name)
                        .append("_count{")
                        .append(labels)
                        .append("} ")
                        .append(seed + 27)
                        .append('\n');
                out.append(name)
                        .append("_sum{")
                        .append(labels)
                        .append("} ")
                        .append(seed * 0.25)
                        .append('\n');
            }
        }
        for (int g = 0; g < 47; g++) {
            String name = "app_pool_" + g + "_bytes";
            family(out, name, "gauge", "Bytes in pool " + g + ".");
            out.append(name).append("{area=\"heap\",pool=\"pool-").append(g).append("\"} ");
            out.append(seed * 1000L + g).append('\n');
        }
        family(out, "app_build_info", "gauge", "The instance this body was made for.");
        out.append("app_build_info{build=\"").append(key).append("\"} 1\n");
        return out.toString();
    }

    /** What an answer for {@code key} contains, and an answer for another key does not. */
    public static String marker(String key) {
        return "build=\"" + key + "\"";
    }

    private static void family(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }
}
