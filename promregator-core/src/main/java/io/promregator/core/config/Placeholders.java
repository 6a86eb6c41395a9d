package io.promregator.core.config;

import java.util.Locale;
import java.util.Map;

/**
 * Resolves Spring-style placeholders in YAML values from the environment: {@code ${NAME}} and
 * {@code ${NAME:default}}, defaults may hold placeholders themselves. A name is looked up as written,
 * then in Spring's environment form ({@code cf.api-host} as {@code CF_API_HOST}). Text without a closing
 * brace stays as it is.
 */
final class Placeholders {
    private static final int MAX_DEPTH = 10;

    private final Map<String, String> environment;

    Placeholders(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** Thrown for a placeholder without default whose variable is not set. */
    static final class UnresolvedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnresolvedException(String name) {
            super(name, null, false, false);
        }

        String name() {
            return getMessage();
        }
    }

    /** The text with every placeholder replaced. */
    String resolve(String text) {
        return resolve(text, 0);
    }

    private String resolve(String text, int depth) {
        int start = text.indexOf("${");
        if (start < 0 || depth > MAX_DEPTH) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int done = 0;
        while (start >= 0) {
            int end = closingBrace(text, start + 2);
            if (end < 0) {
                break;
            }
            out.append(text, done, start);
            String inner = text.substring(start + 2, end);
            int colon = topLevelColon(inner);
            String name = (colon < 0 ? inner : inner.substring(0, colon)).trim();
            String value = lookup(name);
            if (value == null) {
                if (colon < 0) {
                    throw new UnresolvedException(name);
                }
                value = resolve(inner.substring(colon + 1), depth + 1);
            }
            out.append(value);
            done = end + 1;
            start = text.indexOf("${", done);
        }
        return out.append(text, done, text.length()).toString();
    }

    private String lookup(String name) {
        String value = environment.get(name);
        if (value == null) {
            value = environment.get(name.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT));
        }
        return value;
    }

    private static int closingBrace(String text, int from) {
        int depth = 0;
        for (int i = from; i < text.length(); i++) {
            if (text.startsWith("${", i)) {
                depth++;
                i++;
            } else if (text.charAt(i) == '}') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            }
        }
        return -1;
    }

    private static int topLevelColon(String inner) {
        int depth = 0;
        for (int i = 0; i < inner.length(); i++) {
            if (inner.startsWith("${", i)) {
                depth++;
                i++;
            } else if (inner.charAt(i) == '}') {
                depth--;
            } else if (inner.charAt(i) == ':' && depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
