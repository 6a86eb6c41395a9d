package io.promregator.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Code blocks of the README (or another document), found by the HTML comment {@code <!-- prometheus: NAME -->}
 * just before them.
 */
final class ReadmeSnippets {
    static final Path README = Path.of("..", "README.md");
    static final String SINGLE_TARGET = "single target scraping";
    static final String SINGLE_ENDPOINT = "single endpoint scraping";
    static final Path HIGH_AVAILABILITY = Path.of("..", "docs", "high-availability.md");
    /** In {@link #HIGH_AVAILABILITY}: the job that keeps one shard of {@code /discovery} with {@code hashmod}. */
    static final String SHARDING = "sharding";
    /** The Promregator address the README's Prometheus snippets use. */
    static final String EXAMPLE_ADDRESS = "promregator.example.com:8080";

    private ReadmeSnippets() {}

    /** The text of the fenced yaml block that follows the marker {@code <!-- prometheus: NAME -->}. */
    static String prometheus(String name) {
        return prometheus(README, name);
    }

    /** The text of the fenced yaml block that follows the marker {@code <!-- prometheus: NAME -->} in a document. */
    static String prometheus(Path document, String name) {
        String text = read(document);
        String marker = "<!-- prometheus: " + name + " -->\n";
        int at = text.indexOf(marker);
        if (at < 0 || text.indexOf(marker, at + 1) >= 0) {
            throw new AssertionError(document + " must hold the marker " + marker.strip() + " exactly once");
        }
        String rest = text.substring(at + marker.length());
        if (!rest.startsWith("```yaml\n")) {
            throw new AssertionError("a ```yaml block must follow " + marker.strip());
        }
        rest = rest.substring("```yaml\n".length());
        return rest.substring(0, rest.indexOf("```\n"));
    }

    private static String read(Path document) {
        try {
            return Files.readString(document, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
