package io.promregator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class PrometheusBinaryTest {
    @Test
    void skipsWithTheReasonWhenMissingAndNotRequired(@TempDir Path dir) {
        Path missing = dir.resolve("prometheus");
        for (String setting : new String[] {null, "", "0", "true"}) {
            assertThatThrownBy(() -> PrometheusBinary.require(missing, setting))
                    .as(String.valueOf(setting))
                    .isInstanceOf(TestAbortedException.class)
                    .hasMessageContaining("Skipped: the Prometheus server " + missing + " is missing")
                    .hasMessageContaining("set PROMREGATOR_REQUIRE_PROMETHEUS=1 to make this a failure");
        }
    }

    @Test
    void failsWhenMissingAndRequired(@TempDir Path dir) {
        assertThatThrownBy(() -> PrometheusBinary.require(dir.resolve("prometheus"), "1"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("PROMREGATOR_REQUIRE_PROMETHEUS=1 requires it");
    }

    @Test
    void returnsAnExecutableBinaryWhateverTheSetting(@TempDir Path dir) throws Exception {
        Path binary = Files.createFile(dir.resolve("prometheus"));
        assertThat(binary.toFile().setExecutable(true)).isTrue();
        assertThat(PrometheusBinary.require(binary, null)).isEqualTo(binary);
        assertThat(PrometheusBinary.require(binary, "1")).isEqualTo(binary);
    }
}
