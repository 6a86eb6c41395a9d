package io.promregator.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code promtool check metrics} (Debian package {@code prometheus}) on a Prometheus text
 * 0.0.4 exposition. A missing promtool is a failure, never a skip: install it with
 * {@code apt-get install prometheus}.
 */
public final class Promtool {
    private static final Path DEBIAN_PATH = Path.of("/usr/bin/promtool");
    private static final long TIMEOUT_SECONDS = 60;

    private Promtool() {}

    /**
     * What {@code promtool check metrics} said. Exit code 0: fine; 3: it parsed, but lint found problems
     * (missing HELP, a counter without {@code _total}, ...); 1: it could not parse the exposition.
     */
    public record Result(int exitCode, String output) {
        /** Lines about expositions promtool could not read, such as "text format parsing error in line 3". */
        public List<String> parseErrors() {
            return output.lines().filter(Result::isError).toList();
        }

        /** Lint findings: every other line, "metric_name problem" each. */
        public List<String> lintProblems() {
            return output.lines()
                    .filter(line -> !line.isBlank() && !isError(line))
                    .toList();
        }

        private static boolean isError(String line) {
            return line.startsWith("error while linting") || line.contains("parsing error");
        }
    }

    /** The promtool on the PATH, else Debian's; fails the calling test when there is none. */
    public static Path executable() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String directory : path.split(java.io.File.pathSeparator)) {
                Path candidate = Path.of(directory, "promtool");
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        if (Files.isExecutable(DEBIAN_PATH)) {
            return DEBIAN_PATH;
        }
        throw new AssertionError("promtool is required for this test but was found neither on the PATH nor at "
                + DEBIAN_PATH + "; install Debian's package: apt-get install prometheus");
    }

    /** Pipes the exposition into {@code promtool check metrics}; stdout and stderr together. */
    public static Result checkMetrics(String exposition) {
        return checkMetrics(exposition.getBytes(StandardCharsets.UTF_8));
    }

    /** Pipes these bytes, as they are (invalid UTF-8 too), into {@code promtool check metrics}. */
    public static Result checkMetrics(byte[] exposition) {
        try {
            Process process = new ProcessBuilder(executable().toString(), "check", "metrics")
                    .redirectErrorStream(true)
                    .start();
            CompletableFuture<Void> input = CompletableFuture.runAsync(() -> {
                try (OutputStream stdin = process.getOutputStream()) {
                    stdin.write(exposition);
                } catch (IOException stoppedReading) {
                    // promtool stops reading at its first parse error; its output says which
                }
            });
            String output;
            try (InputStream stdout = process.getInputStream()) {
                output = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("promtool did not finish within " + TIMEOUT_SECONDS + " s");
            }
            input.join();
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for promtool", e);
        }
    }
}
