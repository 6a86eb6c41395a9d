package io.promregator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promregator.cli.TargetsPageBrowserIT.Chromium;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** The browser test skips without chromium, unless CI requires it; then it fails. */
class ChromiumRequirementTest {
    @Test
    void skipsWithTheReasonWhenMissingAndNotRequired(@TempDir Path dir) {
        Chromium missing = new Chromium(dir.resolve("chromium"), dir.resolve("chromedriver"));
        for (String setting : new String[] {null, "", "0", "true"}) {
            assertThatThrownBy(() -> Chromium.require(missing, setting))
                    .as(String.valueOf(setting))
                    .isInstanceOf(TestAbortedException.class)
                    .hasMessageContaining("is missing (apt-get install chromium chromium-driver)")
                    .hasMessageContaining("set PROMREGATOR_REQUIRE_BROWSER=1 to make this a failure");
        }
    }

    @Test
    void failsWhenTheDriverIsMissingAndRequired(@TempDir Path dir) throws Exception {
        Path browser = Files.createFile(dir.resolve("chromium"));
        assertThat(browser.toFile().setExecutable(true)).isTrue();

        assertThatThrownBy(() -> Chromium.require(new Chromium(browser, dir.resolve("chromedriver")), "1"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("PROMREGATOR_REQUIRE_BROWSER=1 requires them");
    }

    @Test
    void returnsBothWhenBothAreExecutable(@TempDir Path dir) throws Exception {
        Path browser = Files.createFile(dir.resolve("chromium"));
        Path driver = Files.createFile(dir.resolve("chromedriver"));
        assertThat(browser.toFile().setExecutable(true) && driver.toFile().setExecutable(true))
                .isTrue();

        assertThat(Chromium.require(new Chromium(browser, driver), "1")).isEqualTo(new Chromium(browser, driver));
    }
}
