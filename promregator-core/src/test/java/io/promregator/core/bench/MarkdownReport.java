package io.promregator.core.bench;

import io.promregator.core.bench.LoadGenerator.Way;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** The harness's results as Markdown tables. */
final class MarkdownReport {
    private static final double[] QUANTILES = {0.5, 0.9, 0.99, 1.0};

    private MarkdownReport() {}

    static void print(
            PrintStream out,
            List<Comparison> comparisons,
            AggregatorProcess aggregator,
            long maxThreads,
            Map<String, Long> outcomes,
            String slices) {
        out.println();
        out.printf(
                "%s. Latency in ms. CPU: ms per fetch and cores kept busy, of the aggregator and of the JVM "
                        + "running simulator and load generator.%n%n",
                slices);
        out.println(
                "| Load | Way | Fetches/s | p50 | p90 | p99 | max | Failed | CPU aggregator | CPU simulator + load |");
        out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (Comparison c : comparisons) {
            row(out, c, Way.DIRECT, "direct (gorouter)");
            row(out, c, Way.PROXIED, "`/singleTargetMetrics`");
            StringBuilder added = new StringBuilder();
            for (double q : QUANTILES) {
                added.append(String.format(
                        " %+.2f |", c.proxied().millis(q) - c.direct().millis(q)));
            }
            out.printf(
                    "| %s | **added** | **%.0f %%** of direct |%s | | | |%n",
                    c.load(), 100 * c.proxied().perSecond() / c.direct().perSecond(), added);
        }
        GcLog gc = aggregator.gcLog();
        out.println();
        out.println("| Aggregator | |");
        out.println("|---|---|");
        out.printf("| heap after a full GC at the end | %d MB |%n", gc.lastFullAfterMb());
        out.printf(
                "| peak heap in use (before a GC) | %d MB of %d MB committed |%n",
                gc.peakBeforeMb(), gc.maxCommittedMb());
        out.printf(
                "| GC pauses | %d, %.0f ms in all, longest %.1f ms |%n",
                gc.pauses(), gc.pauseMillis(), gc.maxPauseMillis());
        out.printf(
                "| RSS now / peak | %d MB / %d MB |%n",
                aggregator.status("VmRSS") / 1024, aggregator.status("VmHWM") / 1024);
        out.printf("| threads now / most seen | %d / %d |%n", aggregator.status("Threads"), maxThreads);
        out.printf("| its scrapes by outcome | %s |%n", outcomes);
    }

    private static void row(PrintStream out, Comparison c, Way way, String name) {
        Samples s = way == Way.DIRECT ? c.direct() : c.proxied();
        StringBuilder latencies = new StringBuilder();
        for (double q : QUANTILES) {
            latencies.append(String.format(" %.2f |", s.millis(q)));
        }
        out.printf(
                "| %s | %s | %.0f |%s %d | %.2f ms, %.2f cores | %.2f ms, %.2f cores |%n",
                c.load(),
                name,
                s.perSecond(),
                latencies,
                s.failures(),
                c.aggregatorCpuMillis(way),
                c.aggregatorCores(way),
                c.harnessCpuMillis(way),
                c.harnessCores(way));
    }
}
