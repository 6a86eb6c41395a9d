package io.promregator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The project is Apache-2.0, as the original Promregator: the LICENSE file, the pom and the README say so. */
class LicenseTest {
    private static final Path ROOT = Path.of("..");

    @Test
    void licenseFileHoldsTheApacheLicense20() throws IOException {
        String license = Files.readString(ROOT.resolve("LICENSE"), StandardCharsets.UTF_8);

        assertThat(license.strip())
                .startsWith("Apache License\n                           Version 2.0, January 2004")
                .contains("TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION")
                .endsWith("limitations under the License.");
    }

    @Test
    void parentPomAndReadmeDeclareApache20() throws IOException {
        assertThat(Files.readString(ROOT.resolve("pom.xml"), StandardCharsets.UTF_8))
                .contains("<licenses>", "<name>Apache-2.0</name>", "https://www.apache.org/licenses/LICENSE-2.0.txt");
        assertThat(Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8))
                .contains("\n## License\n\nApache License 2.0 (see [LICENSE](LICENSE))");
    }
}
