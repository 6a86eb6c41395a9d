package io.promregator.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.Promregator;
import io.promregator.core.TestBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The endpoint table of {@code docs/endpoints.md} against the paths the server really routes: each path
 * has exactly one row, and every row is a path served.
 */
class EndpointsReferenceTest {
    @Test
    void everyServedPathHasExactlyOneRow() throws Exception {
        List<String> served;
        try (Promregator promregator =
                TestBuilder.create().address("127.0.0.1").port(0).buildAndStart()) {
            served = TestBuilder.paths(promregator);
        }
        assertThat(served).contains("/metrics", "/singleTargetMetrics/", "/");

        List<String> documented = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("..", "docs", "endpoints.md"))) {
            if (line.startsWith("| `GET /")) {
                documented.add(pathOf(line.substring("| `GET ".length(), line.indexOf('`', 3))));
            }
        }
        assertThat(documented).as("the rows of docs/endpoints.md").containsExactlyInAnyOrderElementsOf(served);
    }

    /** {@code /singleTargetMetrics/<appGuid>/<index>} is the route {@code /singleTargetMetrics/}; no query. */
    private static String pathOf(String written) {
        int end = written.length();
        for (char stop : new char[] {'?', '<', ' '}) {
            int at = written.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return written.substring(0, end);
    }
}
