package io.promregator.core.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load from Debian's {@code wrk} (apt-get install -y wrk): a closed loop of {@code connections} keep-alive
 * connections on two threads, requesting the given paths round-robin with Prometheus' Accept header and
 * gzip. In C on epoll, it leaves the cores to what is measured far more than a JVM client would.
 */
final class Wrk {
    private Wrk() {}

    /** What one run gave; latencies in milliseconds. */
    record Run(long requests, long errors, double seconds, double p50, double p90, double p99) {
        double perSecond() {
            return requests / seconds;
        }
    }

    static Run run(URI base, List<String> paths, int connections, Duration duration, Path dir)
            throws IOException, InterruptedException {
        Path list = dir.resolve("wrk-paths.txt");
        if (!Files.exists(list)) {
            Files.write(list, paths);
        }
        Path script = dir.resolve("wrk.lua");
        Files.writeString(script, """
                local paths = {}
                local i = 0
                function init(args)
                  for line in io.lines(args[1]) do paths[#paths + 1] = line end
                  i = math.random(#paths)
                end
                function request()
                  i = i %% #paths + 1
                  return wrk.format("GET", paths[i], { ["Accept"] = "%s", ["Accept-Encoding"] = "gzip" })
                end
                """.formatted(LoadGenerator.PROMETHEUS_ACCEPT));
        Process wrk = new ProcessBuilder(
                        "wrk",
                        "-t2",
                        "-c" + connections,
                        "-d" + duration.toSeconds() + "s",
                        "--timeout",
                        "10s",
                        "--latency",
                        "-s",
                        script.toString(),
                        base.toString(),
                        "--",
                        list.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!wrk.waitFor(duration.toSeconds() + 30, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
            throw new IllegalStateException("wrk failed (is it installed? apt-get install -y wrk):\n" + output);
        }
        return parse(output, duration);
    }

    static Run parse(String output, Duration duration) {
        Matcher total = Pattern.compile("(\\d+) requests in ([\\d.]+)(m?s)").matcher(output);
        if (!total.find()) {
            throw new IllegalStateException("no request count in wrk's output:\n" + output);
        }
        double seconds = Double.parseDouble(total.group(2)) / (total.group(3).equals("ms") ? 1000 : 1);
        long errors = 0;
        Matcher non2xx = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(output);
        if (non2xx.find()) {
            errors += Long.parseLong(non2xx.group(1));
        }
        Matcher socket = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)")
                .matcher(output);
        if (socket.find()) {
            for (int g = 1; g <= 4; g++) {
                errors += Long.parseLong(socket.group(g));
            }
        }
        return new Run(
                Long.parseLong(total.group(1)) - errors,
                errors,
                seconds,
                percentile(output, "50"),
                percentile(output, "90"),
                percentile(output, "99"));
    }

    private static double percentile(String output, String which) {
        Matcher m = Pattern.compile("\\s" + which + "%\\s+([\\d.]+)(us|ms|s)").matcher(output);
        if (!m.find()) {
            return Double.NaN;
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }
}
