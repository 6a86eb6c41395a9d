package io.promregator.core.config;

import io.promregator.core.ConfigurationException;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An endpoint outside Cloud Foundry, scraped as it is ({@code promregator.staticTargets[]}, new key).
 *
 * @param url the metrics URL, http or https
 * @param labels added to the target's samples, in this order; names match {@code [a-zA-Z_][a-zA-Z0-9_]*}
 * @param headers sent with every scrape, e.g. {@code Authorization}; their values are never shown
 */
public record StaticTarget(
        @Key(Check.URL) URI url,
        @Key(keys = Check.LABEL_NAME) Map<String, String> labels,

        @Key(keys = Check.HEADER_NAME, value = Check.SINGLE_LINE)
        Map<String, String> headers) {
    public StaticTarget {
        if (url == null) {
            throw new ConfigurationException(
                    "promregator.staticTargets[].url: " + Check.URL.expectation() + ". Found: nothing");
        }
        labels = ordered(labels);
        headers = ordered(headers);
    }

    public static StaticTarget of(String url) {
        return new StaticTarget(URI.create(url), Map.of(), Map.of());
    }

    public static StaticTarget of(String url, Map<String, String> labels) {
        return new StaticTarget(URI.create(url), labels, Map.of());
    }

    static Map<String, String> ordered(Map<String, String> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    @Override
    public String toString() {
        String hiddenHeaders = headers.keySet().stream()
                .map(name -> name + "=" + Problems.HIDDEN)
                .collect(Collectors.joining(", ", "{", "}"));
        return "StaticTarget[url=" + url + ", labels=" + labels + ", headers=" + hiddenHeaders + "]";
    }
}
