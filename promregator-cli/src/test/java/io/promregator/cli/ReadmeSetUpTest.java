package io.promregator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's set-up section: exactly two commands, and the test command works in a root shell
 * without sudo as well as for a user with sudo. The second is run by bash with stand-ins for sudo,
 * apt-get and mvn that record their arguments.
 */
class ReadmeSetUpTest {
    private static final Path README = Path.of("..", "README.md");

    @TempDir
    Path bin;

    @Test
    void setUpIsExactlyTwoCommands() throws IOException {
        assertThat(setUpCommands()).hasSize(2);
        assertThat(setUpCommands().get(0)).contains("--demo");
        assertThat(setUpCommands().get(1)).contains("mvn -B verify");
    }

    @Test
    void testCommandInstallsPromtoolAndTheBrowserWithoutSudoInARootShell() throws Exception {
        stub("apt-get");
        stub("mvn");

        assertThat(runTestCommand()).isZero();
        assertThat(calls())
                .containsExactly(
                        "apt-get update", "apt-get install -y prometheus chromium chromium-driver", "mvn -B verify");
    }

    @Test
    void testCommandInstallsPromtoolAndTheBrowserThroughSudoWhereThereIsOne() throws Exception {
        stub("apt-get");
        stub("mvn");
        Path sudo = bin.resolve("sudo");
        Files.writeString(sudo, "#!/bin/sh\necho \"sudo $*\" >> \"$CALLS\"\nexec \"$@\"\n");
        Files.setPosixFilePermissions(sudo, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThat(runTestCommand()).isZero();
        assertThat(calls())
                .containsExactly(
                        "sudo apt-get update",
                        "apt-get update",
                        "sudo apt-get install -y prometheus chromium chromium-driver",
                        "apt-get install -y prometheus chromium chromium-driver",
                        "mvn -B verify");
    }

    /** The non-comment lines of the first sh block under "## Set-up". */
    private static List<String> setUpCommands() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        String section = readme.substring(readme.indexOf("\n## Set-up\n"));
        section = section.substring(0, section.indexOf("\n## ", 1));
        String block = section.substring(section.indexOf("```sh\n") + 6);
        block = block.substring(0, block.indexOf("```"));
        return block.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
    }

    private void stub(String name) throws IOException {
        Path file = bin.resolve(name);
        Files.writeString(file, "#!/bin/sh\necho \"" + name + " $*\" >> \"$CALLS\"\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Runs the README's test command with only the stand-ins on the PATH (so no promtool). */
    private int runTestCommand() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                        "/bin/bash", "-c", setUpCommands().get(1))
                .redirectErrorStream(true)
                .redirectOutput(bin.resolve("output").toFile());
        builder.environment().clear();
        builder.environment().put("PATH", bin.toString());
        builder.environment().put("CALLS", bin.resolve("calls").toString());
        Process process = builder.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }

    private List<String> calls() throws IOException {
        return Files.readAllLines(bin.resolve("calls"));
    }
}
