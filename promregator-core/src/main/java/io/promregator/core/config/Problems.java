package io.promregator.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.promregator.core.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Collects configuration problems in the one format {@code <path>: <expectation>. Found: <value>}. */
final class Problems {
    static final String HIDDEN = "<hidden>";

    private final List<String> messages = new ArrayList<>();

    void add(String path, String expectation, JsonNode found) {
        messages.add(path + ": " + expectation + ". Found: " + describe(path, found));
    }

    /** A problem with a value that came from outside the YAML, such as an environment variable. */
    void add(String path, String expectation, JsonNode found, String source) {
        messages.add(path + ": " + expectation + ". Found: " + describe(path, found) + " (from " + source + ")");
    }

    void addLine(String message) {
        messages.add(message);
    }

    boolean isEmpty() {
        return messages.isEmpty();
    }

    void throwIfAny() {
        if (!messages.isEmpty()) {
            throw new ConfigurationException(messages);
        }
    }

    /** How a value reads in a message: strings quoted, secrets hidden, structures named. */
    static String describe(String path, JsonNode found) {
        if (found == null || found.isNull() || found.isMissingNode()) {
            return "nothing";
        }
        if (isSecret(path)) {
            return HIDDEN;
        }
        if (found.isObject()) {
            return "a mapping";
        }
        if (found.isArray()) {
            return "a list";
        }
        return found.isTextual() ? quote(found.textValue()) : found.asText();
    }

    static String describe(String path, String found) {
        return describe(path, found == null ? null : TextNode.valueOf(found));
    }

    /**
     * Whether the value at a path must never appear in a message: passwords, client secrets and keys, and
     * every header value (headers often carry tokens).
     */
    static boolean isSecret(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        String last = lower.substring(lower.lastIndexOf('.') + 1);
        return last.contains("password")
                || last.contains("secret")
                || last.endsWith("key")
                || lower.contains(".headers.");
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
