package io.promregator.simulator;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Query strings and form bodies ({@code application/x-www-form-urlencoded}) in both directions. */
final class QueryString {
    private QueryString() {}

    /**
     * Decodes {@code a=1&b=x%2Cy} into an ordered map; a repeated key keeps its last value, as Rails does.
     *
     * @throws IllegalArgumentException on a malformed percent escape
     */
    static Map<String, String> parse(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            params.put(decode(key), decode(value));
        }
        return params;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** Encodes with keys sorted and values escaped (commas as {@code %2C}), as Rails' {@code to_query}. */
    static String encode(Map<String, String> params) {
        return new TreeMap<>(params)
                .entrySet().stream()
                        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"));
    }

    /** The comma-separated values of a filter: {@code a,b} is a or b. */
    static List<String> values(String csv) {
        return Arrays.asList(csv.split(",", -1));
    }
}
