package io.promregator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --check-config}: what a user sees for a configuration, through {@link Main#run}. */
class CheckConfigTest {
    @TempDir
    Path directory;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int checkConfig(Path file) {
        return Main.run(
                List.of("--check-config", file.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void staticTargetsWithTheSameLabelsAreAConfigurationErrorNamingTheKeyPath() throws IOException {
        Path file = Files.writeString(directory.resolve("promregator.yml"), """
                promregator:
                  staticTargets:
                    - url: http://127.0.0.1:9100/metrics
                      labels: {job: node}
                    - url: http://127.0.0.1:9200/metrics
                      labels: {job: node}
                """);

        assertThat(checkConfig(file)).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("promregator: invalid configuration:\n"
                        + "  promregator.staticTargets[1].labels: must differ from the labels of"
                        + " promregator.staticTargets[0], so that their series can be told apart."
                        + " Found: {job=\"node\"}\n");
    }

    @Test
    void keysTheOriginalRemovedAreValidAndNamedAsRemoved() throws IOException {
        Path file = Files.writeString(directory.resolve("promregator.yml"), """
                promregator:
                  internal:
                    checkAPIVersion3: true
                  resolver.logging.empty.target: true
                """);

        assertThat(checkConfig(file)).isEqualTo(Main.EXIT_OK);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo(file + ": valid\n"
                        + "These keys were removed from Promregator and are ignored:\n"
                        + "  promregator.internal.checkAPIVersion3: no longer read by Promregator, which speaks the"
                        + " Cloud Controller API v3 only; ignored\n"
                        + "  promregator.resolver.logging.empty.target: no longer read by Promregator; /explainTargets"
                        + " and --explain-targets say which targets matched nothing; ignored\n");
    }
}
