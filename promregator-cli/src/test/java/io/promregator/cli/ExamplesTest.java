package io.promregator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.config.ConfigLoader;
import io.promregator.core.config.PromregatorConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every YAML file under examples/ loads, and {@code --check-config} prints what the examples say. */
class ExamplesTest {
    private static final Path EXAMPLES = Path.of("..", "examples");
    /** YAML files there that are not Promregator configurations. */
    private static final Set<String> NOT_PROMREGATOR = Set.of("ha/manifest.yml", "ha/prometheus.yml");

    @Test
    void everyExampleConfigurationLoadsWithEveryKeyActedOn() throws IOException {
        List<String> configurations = yamlFiles().stream()
                .filter(name -> !NOT_PROMREGATOR.contains(name))
                .toList();

        assertThat(configurations)
                .containsExactlyInAnyOrder("original-promregator.yml", "static-targets.yaml", "ha/promregator.yml");
        for (String name : configurations) {
            PromregatorConfig config = ConfigLoader.load(
                    Files.readString(EXAMPLES.resolve(name), StandardCharsets.UTF_8), Map.of("CF_PASSWORD", "secret"));

            assertThat(config.unimplementedKeys()).as(name).isEmpty();
        }
    }

    @Test
    void checkConfigSaysValidAndNothingElseAsTheExamplesPromise() {
        for (String name : List.of("original-promregator.yml", "static-targets.yaml")) {
            String file = EXAMPLES.resolve(name).toString();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();

            int status = Main.run(
                    List.of("--check-config", file),
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));

            assertThat(status).as(name).isEqualTo(Main.EXIT_OK);
            assertThat(out.toString(StandardCharsets.UTF_8)).as(name).isEqualTo(file + ": valid\n");
            assertThat(err.toString(StandardCharsets.UTF_8)).as(name).isEmpty();
        }
    }

    @Test
    void originalPromregatorExampleNoLongerCallsSingleTargetScrapingFuture() throws IOException {
        String text = Files.readString(EXAMPLES.resolve("original-promregator.yml"), StandardCharsets.UTF_8);

        assertThat(text).doesNotContain("next release").contains("valid");
        assertThat(Files.readString(EXAMPLES.resolve("README.md"), StandardCharsets.UTF_8))
                .doesNotContain("lists the keys not acted on yet;");
    }

    /** The YAML files under examples/, relative to it, outside build output. */
    private static List<String> yamlFiles() throws IOException {
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            return files.filter(Files::isRegularFile)
                    .map(path -> EXAMPLES.relativize(path).toString().replace('\\', '/'))
                    .filter(name -> name.endsWith(".yml") || name.endsWith(".yaml"))
                    .filter(name -> !name.contains("/target/"))
                    .toList();
        }
    }
}
