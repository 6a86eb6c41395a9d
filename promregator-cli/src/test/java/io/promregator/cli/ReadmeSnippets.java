package io.promregator.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Code blocks of the README, found by the HTML comment {@code <!-- prometheus: NAME -->} just before them. */
final class ReadmeSnippets {
    static final Path README = Path.of("..", "README.md");
    static final String SINGLE_TARGET = "single target scraping";
    static final String SINGLE_ENDPOINT = "single endpoint scraping";
    /** The Promregator address the README's Prometheus snippets use. */
    static final String EXAMPLE_ADDRESS = "promregator.example.com:8080";

    private ReadmeSnippets() {}

    /** The text of the fenced yaml block that follows the marker {@code <!-- prometheus: NAME -->}. */
    static String prometheus(String name) {
        String readme = read();
        String marker = "<!-- prometheus: " + name + " -->\n";
        int at = readme.indexOf(marker);
        if (at < 0 || readme.indexOf(marker, at + 1) >= 0) {
            throw new AssertionError("README.md must hold the marker " + marker.strip() + " exactly once");
        }
        String rest = readme.substring(at + marker.length());
        if (!rest.startsWith("```yaml\n")) {
            throw new AssertionError("a ```yaml block must follow " + marker.strip());
        }
        rest = rest.substring("```yaml\n".length());
        return rest.substring(0, rest.indexOf("```\n"));
    }

    private static String read() {
        try {
            return Files.readString(README, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
