package io.promregator.core.exposition;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Chooses the exposition format for an HTTP {@code Accept} header (RFC 9110, section 12.5.1). Stateless.
 *
 * <ul>
 *   <li>{@link ExpositionFormat#OPENMETRICS} is matched by {@code application/openmetrics-text} of any
 *       version, {@code application/*} and {@code *}{@code /*}; {@link ExpositionFormat#PROMETHEUS_TEXT} by
 *       {@code text/plain} without version or with version 0.0.4 or 1.0.0 (a superset of 0.0.4),
 *       {@code text/*} and {@code *}{@code /*}. Other types (protobuf, JSON) match neither.
 *   <li>For each format only its most specific matching ranges count, so {@code text/plain;q=0,*}{@code /*}
 *       rules text out. Their highest q-value is the format's; q=0 means not acceptable.
 *   <li>The higher q-value wins; on a tie, the format whose range is listed first; when both come from the
 *       same range (as for a lone {@code *}{@code /*}), text.
 *   <li>A q-value that is not a number from 0 to 1 counts as 1, as if absent.
 *   <li>No header, an empty one, or one that accepts neither format: text, which every scraper reads.
 * </ul>
 */
public final class ContentNegotiation {
    private ContentNegotiation() {}

    /** The format to answer in for an Accept header; honours q-values; null/empty/{@code *}{@code /*} -> text. */
    public static ExpositionFormat choose(String acceptHeader) {
        if (acceptHeader == null || acceptHeader.isBlank()) {
            return ExpositionFormat.PROMETHEUS_TEXT;
        }
        List<MediaRange> ranges = parse(acceptHeader);
        Preference text = preference(ranges, ExpositionFormat.PROMETHEUS_TEXT);
        Preference openMetrics = preference(ranges, ExpositionFormat.OPENMETRICS);
        if (openMetrics.quality > 0
                && (openMetrics.quality > text.quality
                        || openMetrics.quality == text.quality && openMetrics.position < text.position)) {
            return ExpositionFormat.OPENMETRICS;
        }
        return ExpositionFormat.PROMETHEUS_TEXT;
    }

    /** A format's q-value and the index of the range that gave it; q 0 when no range matches. */
    private record Preference(double quality, int position) {}

    private static Preference preference(List<MediaRange> ranges, ExpositionFormat format) {
        int bestLevel = -1;
        double quality = 0;
        int position = Integer.MAX_VALUE;
        for (int i = 0; i < ranges.size(); i++) {
            MediaRange range = ranges.get(i);
            int level = range.specificityFor(format);
            if (level > bestLevel) {
                bestLevel = level;
                quality = range.quality;
                position = i;
            } else if (level == bestLevel && level >= 0 && range.quality > quality) {
                quality = range.quality;
                position = i;
            }
        }
        return new Preference(quality, position);
    }

    private record MediaRange(String type, String subtype, String version, double quality) {
        /**
         * 2 for the format's own media type, 1 for its type with {@code /*}, 0 for {@code *}{@code /*},
         * -1 for no match.
         */
        int specificityFor(ExpositionFormat format) {
            if (type.equals("*") && subtype.equals("*")) {
                return 0;
            }
            String ownType = format == ExpositionFormat.OPENMETRICS ? "application" : "text";
            if (!type.equals(ownType)) {
                return -1;
            }
            if (subtype.equals("*")) {
                return 1;
            }
            if (format == ExpositionFormat.OPENMETRICS) {
                return subtype.equals("openmetrics-text") ? 2 : -1;
            }
            boolean knownVersion = version == null || version.equals("0.0.4") || version.equals("1.0.0");
            return subtype.equals("plain") && knownVersion ? 2 : -1;
        }
    }

    private static List<MediaRange> parse(String header) {
        List<MediaRange> ranges = new ArrayList<>();
        for (String element : split(header, ',')) {
            List<String> parts = split(element, ';');
            String mediaType = parts.get(0).trim().toLowerCase(Locale.ROOT);
            int slash = mediaType.indexOf('/');
            if (slash <= 0 || slash == mediaType.length() - 1) {
                continue; // not a media range; RFC 9110 would reject the header, we skip the element
            }
            String version = null;
            double quality = 1;
            for (int i = 1; i < parts.size(); i++) {
                String parameter = parts.get(i);
                int eq = parameter.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String key = parameter.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                String value = unquote(parameter.substring(eq + 1).trim());
                if (key.equals("q")) {
                    quality = parseQuality(value);
                } else if (key.equals("version")) {
                    version = value;
                }
            }
            ranges.add(new MediaRange(
                    mediaType.substring(0, slash).trim(),
                    mediaType.substring(slash + 1).trim(),
                    version,
                    quality));
        }
        return ranges;
    }

    /** RFC 9110 allows 0 to 1 with up to three decimals; we read any plain decimal and take anything else as 1. */
    static double parseQuality(String value) {
        if (value.isEmpty()) {
            return 1;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.') {
                return 1;
            }
        }
        try {
            double q = Double.parseDouble(value);
            return q <= 1 ? q : 1;
        } catch (NumberFormatException e) {
            return 1; // "1.2.3" or "."
        }
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
            return value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return value;
    }

    /** Splits on a separator outside double-quoted strings. */
    private static List<String> split(String s, char separator) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == separator && !quoted) {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(s.substring(start));
        return parts;
    }
}
