package io.promregator.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The Prometheus server the end-to-end tests run (Debian package {@code prometheus}). When it is missing
 * the test is skipped with the reason, unless {@code PROMREGATOR_REQUIRE_PROMETHEUS=1} (set by
 * {@code .ci/run}) makes that a failure, so that CI can never pass by skipping.
 */
final class PrometheusBinary {
    static final Path DEFAULT = Path.of("/usr/bin/prometheus");
    static final String REQUIRE_VARIABLE = "PROMREGATOR_REQUIRE_PROMETHEUS";

    private PrometheusBinary() {}

    /** {@link #DEFAULT}, as the environment decides. */
    static Path require() {
        return require(DEFAULT, System.getenv(REQUIRE_VARIABLE));
    }

    /** @param requireSetting the value of {@code PROMREGATOR_REQUIRE_PROMETHEUS}; null when unset */
    static Path require(Path binary, String requireSetting) {
        if (Files.isExecutable(binary)) {
            return binary;
        }
        String missing = "the Prometheus server " + binary + " is missing (apt-get install prometheus)";
        if ("1".equals(requireSetting)) {
            Assertions.fail(missing + " and " + REQUIRE_VARIABLE + "=1 requires it");
        }
        Assumptions.abort("Skipped: " + missing + "; set " + REQUIRE_VARIABLE + "=1 to make this a failure");
        return binary;
    }
}
