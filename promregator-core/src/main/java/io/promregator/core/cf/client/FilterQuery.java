package io.promregator.core.cf.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Builds v3 list queries: a filter's values are URL-encoded one by one and joined with literal commas (a
 * comma inside a value becomes {@code %2C}), and long value lists are split into several requests so that
 * every URL stays below 4 KB (100 guids take 3,700 characters).
 */
final class FilterQuery {
    /** The most characters the encoded values of one filter take in one request. */
    static final int MAX_VALUE_CHARS = 3700;

    private FilterQuery() {}

    /** The distinct values, in order, split into groups of at most {@code maxItems} and {@link #MAX_VALUE_CHARS}. */
    static List<List<String>> chunks(Collection<String> values, int maxItems) {
        List<List<String>> chunks = new ArrayList<>();
        List<String> chunk = new ArrayList<>();
        int chars = 0;
        for (String value : new LinkedHashSet<>(values)) {
            int length = encode(value).length() + 1;
            if (!chunk.isEmpty() && (chunk.size() == maxItems || chars + length > MAX_VALUE_CHARS)) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
                chars = 0;
            }
            chunk.add(value);
            chars += length;
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
    }

    /** {@code name=v1,v2} with each value encoded. */
    static String filter(String name, List<String> values) {
        List<String> encoded = values.stream().map(FilterQuery::encode).toList();
        return name + "=" + String.join(",", encoded);
    }

    /** A query value or path segment, percent-encoded ({@code %20} for a space). */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
