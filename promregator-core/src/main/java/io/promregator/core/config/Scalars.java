package io.promregator.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Converts a single YAML or environment value to the type of its key, as relaxed as Spring: numbers and
 * booleans may be written as strings, booleans also as yes/no/on/off/1/0, enum constants in any case.
 */
final class Scalars {
    private Scalars() {}

    /** The value as the canonical node for {@code type}, or null when it cannot be converted. */
    static JsonNode coerce(Class<?> type, JsonNode raw) {
        if (raw.isContainerNode()) {
            return null;
        }
        if (type == String.class) {
            return raw.isNull() ? TextNode.valueOf("") : TextNode.valueOf(raw.asText());
        }
        if (raw.isNull()) {
            return null;
        }
        String text = raw.asText().trim();
        if (type == int.class || type == Integer.class) {
            Long value = parseLong(raw, text);
            return value == null || value != value.intValue() ? null : IntNode.valueOf(value.intValue());
        }
        if (type == long.class || type == Long.class) {
            Long value = parseLong(raw, text);
            return value == null ? null : LongNode.valueOf(value);
        }
        if (type == double.class || type == Double.class) {
            return parseDouble(text);
        }
        if (type == boolean.class || type == Boolean.class) {
            return parseBoolean(text);
        }
        if (type == URI.class) {
            return parseUri(text);
        }
        if (type.isEnum()) {
            for (Object constant : type.getEnumConstants()) {
                if (((Enum<?>) constant).name().equalsIgnoreCase(text)) {
                    return TextNode.valueOf(((Enum<?>) constant).name());
                }
            }
            return null;
        }
        throw new IllegalStateException("unsupported configuration type " + type);
    }

    /** What a value of the type must look like, for messages. */
    static String expectation(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "must be an integer";
        }
        if (type == double.class || type == Double.class) {
            return "must be a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "must be true or false";
        }
        if (type == URI.class) {
            return "must be a URL";
        }
        if (type.isEnum()) {
            return "must be one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(", "));
        }
        return "must be a single value";
    }

    private static Long parseLong(JsonNode raw, String text) {
        if (raw.isIntegralNumber()) {
            return raw.canConvertToLong() ? raw.longValue() : null;
        }
        if (raw.isNumber()) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static JsonNode parseDouble(String text) {
        try {
            double value = Double.parseDouble(text);
            return Double.isFinite(value) ? DoubleNode.valueOf(value) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static JsonNode parseBoolean(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> BooleanNode.TRUE;
            case "false", "no", "off", "0" -> BooleanNode.FALSE;
            default -> null;
        };
    }

    private static JsonNode parseUri(String text) {
        try {
            new URI(text);
            return TextNode.valueOf(text);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
