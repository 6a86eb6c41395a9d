package io.promregator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reading the lines of {@code logging.format: json}. */
final class JsonLogLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLogLines() {}

    /**
     * Every line from the first JSON one on is one event: an object with the fields of a text line, and
     * nothing but whitespace after it.
     */
    static void assertEveryLineIsAnEvent(String log) {
        List<String> lines = fromFirstEvent(log);
        assertThat(lines).as("JSON log lines").isNotEmpty();
        for (String line : lines) {
            JsonNode event = parse(line);
            assertThat(event.isObject()).as(line).isTrue();
            assertThat(event.path("timestamp").isNumber()).as(line).isTrue();
            assertThat(event.path("level").asText()).as(line).isIn("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
            assertThat(event.path("threadName").asText()).as(line).isNotEmpty();
            assertThat(event.path("loggerName").asText()).as(line).isNotEmpty();
            assertThat(event.has("formattedMessage")).as(line).isTrue();
        }
    }

    static List<JsonNode> events(String log) {
        return fromFirstEvent(log).stream().map(JsonLogLines::parse).toList();
    }

    /** The log with each JSON line written again without escapes that JSON allows but does not need ({@code \/}). */
    static String decoded(String log) {
        StringBuilder text = new StringBuilder();
        for (String line : log.split("\n")) {
            text.append(line.startsWith("{") ? parse(line).toString() : line).append('\n');
        }
        return text.toString();
    }

    private static List<String> fromFirstEvent(String log) {
        List<String> lines = new ArrayList<>();
        for (String line : log.split("\n")) {
            if (!lines.isEmpty() || line.startsWith("{")) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("not one JSON event: " + line, e);
        }
    }
}
