package io.promregator.core.exposition;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads Prometheus text format 0.0.4 into families named as OpenMetrics names them.
 *
 * <p>A sample belongs to, in this order: the family TYPE'd under its exact name (a counter TYPE'd
 * {@code foo_total} is family {@code foo}); the histogram TYPE'd under its name less {@code _bucket},
 * {@code _sum} or {@code _count}, or the summary less {@code _sum} or {@code _count}; the counter TYPE'd
 * under its name less {@code _total}; the untyped family of its exact name, made on first sight. So
 * {@code foo_created} is its own family unless TYPE'd otherwise, and samples of a family that come in
 * separate groups end up in one family, at its first place. Two families may end up with the same name:
 * Go's client library exposes a gauge {@code go_memstats_alloc_bytes} and a counter
 * {@code go_memstats_alloc_bytes_total}, both family {@code go_memstats_alloc_bytes} in OpenMetrics terms.
 * They stay two families, told apart by type and sample names.
 *
 * <p>Lenient like Prometheus' own parser: blanks anywhere between tokens (and needed only where two tokens
 * would merge, so a value may follow a label set's {@code '}'} at once), blank lines and other comments
 * ignored, a trailing comma in label sets, HELP and TYPE anywhere before a family's samples, a repeated
 * HELP (the first wins) or a repeated identical TYPE, values as Go's ParseFloat reads them but for
 * hexadecimal floats and underscores, which Prometheus refuses (see {@link FloatParser}).
 */
final class PrometheusTextParser {
    private final ByteCursor cursor;
    private final LabelReader labels;
    private final List<FamilyBuilder> families = new ArrayList<>();
    /** Counts TYPE lines: a sample name resolved under an older epoch resolves again. */
    private int epoch;

    PrometheusTextParser(byte[] body) {
        this.cursor = new ByteCursor(body, false);
        this.labels = new LabelReader(cursor);
    }

    /** The cursor, for the line of an unexpected failure. */
    ByteCursor cursor() {
        return cursor;
    }

    Exposition parse() throws ExpositionParseException {
        ByteCursor c = cursor;
        while (c.pos < c.end) {
            c.skipBlanks();
            if (c.atLineEnd()) {
                c.endLine();
            } else if (c.buf[c.pos] == '#') {
                comment();
            } else {
                sample();
            }
        }
        return build();
    }

    private void sample() throws ExpositionParseException {
        ByteCursor c = cursor;
        int nameStart = c.pos;
        Name name = c.metricName();
        FamilyBuilder family = name.resolvedEpoch == epoch ? name.resolved : resolve(name, nameStart);
        int blanks = c.skipBlanks();
        Labels labelSet = Labels.EMPTY;
        if (c.peek() == '{') {
            labelSet = labels.labels();
            c.skipBlanks(); // '}' ends a token: the value may follow at once, as Prometheus reads it
        } else if (blanks == 0) {
            throw c.error("expected '{' or a blank after the metric name, found " + c.found());
        }
        double value = c.number(FloatParser.SPECIAL, "value");
        long timestamp = Sample.NO_TIMESTAMP;
        if (c.skipBlanks() > 0 && !c.atLineEnd()) {
            timestamp = c.integer("timestamp (integer milliseconds)");
            c.skipBlanks();
        }
        c.endLine();
        family.samples.add(new Sample(name.string, labelSet, value, timestamp, Optional.empty()));
    }

    private FamilyBuilder resolve(Name name, int nameStart) throws ExpositionParseException {
        FamilyBuilder own = name.declared;
        FamilyBuilder family;
        if (own != null && own.typeSet) {
            if (own.type == MetricType.HISTOGRAM) {
                throw cursor.errorAt(
                        nameStart,
                        "histogram " + name + " has no sample of that name; expected " + name + "_bucket, " + name
                                + "_sum or " + name + "_count");
            }
            family = own;
        } else {
            family = suffixFamily(name);
            if (family == null) {
                family = own != null ? own : declare(name);
            }
        }
        name.resolved = family;
        name.resolvedEpoch = epoch;
        return family;
    }

    /** The histogram, summary or counter this sample name is a part of, by its suffix; or null. */
    private FamilyBuilder suffixFamily(Name name) {
        byte[] b = name.bytes;
        if (endsWith(b, "_bucket")) {
            return typedBase(b, 7, MetricType.HISTOGRAM, MetricType.HISTOGRAM);
        } else if (endsWith(b, "_sum")) {
            return typedBase(b, 4, MetricType.HISTOGRAM, MetricType.SUMMARY);
        } else if (endsWith(b, "_count")) {
            return typedBase(b, 6, MetricType.HISTOGRAM, MetricType.SUMMARY);
        } else if (endsWith(b, "_total")) {
            return typedBase(b, 6, MetricType.COUNTER, MetricType.COUNTER);
        }
        return null;
    }

    private FamilyBuilder typedBase(byte[] sampleName, int suffixLength, MetricType one, MetricType other) {
        Name base = cursor.names.find(sampleName, 0, sampleName.length - suffixLength);
        FamilyBuilder family = base == null ? null : base.declared;
        if (family != null && family.typeSet && (family.type == one || family.type == other)) {
            return family;
        }
        return null;
    }

    private static boolean endsWith(byte[] name, String suffix) {
        int offset = name.length - suffix.length();
        if (offset <= 0) {
            return false;
        }
        for (int i = 0; i < suffix.length(); i++) {
            if (name[offset + i] != suffix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The family declared under exactly this name, made (untyped, in order of appearance) if new. */
    private FamilyBuilder declare(Name name) {
        FamilyBuilder family = name.declared;
        if (family == null) {
            family = new FamilyBuilder(name.string, cursor.line);
            name.declared = family;
            families.add(family);
        }
        return family;
    }

    private void comment() throws ExpositionParseException {
        ByteCursor c = cursor;
        c.pos++;
        boolean blank = c.skipBlanks() > 0; // "#TYPE a gauge" is a comment, as for Prometheus' scrape
        boolean help = blank && c.lookingAt("HELP");
        if (help || (blank && c.lookingAt("TYPE"))) {
            c.pos += 4;
            if (c.skipBlanks() > 0 && !c.atLineEnd()) {
                Name name = c.metricName();
                if (help) {
                    helpLine(name);
                } else {
                    typeLine(name);
                }
                return;
            }
        }
        c.skipLine(); // any other comment, "# HELP" or "# TYPE" without a name too, as for Prometheus and expfmt
    }

    private void helpLine(Name name) throws ExpositionParseException {
        ByteCursor c = cursor;
        String help = "";
        if (c.skipBlanks() > 0 && !c.atLineEnd()) {
            help = labels.helpText(false);
        } else if (!c.atLineEnd()) {
            throw c.error("expected a blank after the metric name, found " + c.found());
        }
        FamilyBuilder family = declare(name);
        if (!family.helpSet) {
            family.help = help;
            family.helpSet = true;
        }
        c.endLine();
    }

    private void typeLine(Name name) throws ExpositionParseException {
        ByteCursor c = cursor;
        if (c.skipBlanks() == 0) {
            throw c.error("expected a blank after the metric name, found " + c.found());
        }
        int typeStart = c.pos;
        String word = c.word();
        MetricType type = switch (word.toLowerCase(Locale.ROOT)) {
            case "counter" -> MetricType.COUNTER;
            case "gauge" -> MetricType.GAUGE;
            case "histogram" -> MetricType.HISTOGRAM;
            case "summary" -> MetricType.SUMMARY;
            case "untyped", "unknown" -> MetricType.UNKNOWN;
            default ->
                throw c.errorAt(
                        typeStart,
                        "unknown metric type " + c.snippet(typeStart, c.tokenEnd())
                                + "; expected counter, gauge, histogram, summary or untyped");
        };
        FamilyBuilder family = declare(name);
        if (family.typeSet) {
            if (family.type != type) {
                throw c.errorAt(typeStart, "second TYPE line for " + name + " with another type");
            }
        } else if (!family.samples.isEmpty()) {
            throw c.errorAt(typeStart, "TYPE line for " + name + " after its samples");
        }
        c.skipBlanks();
        c.endLine();
        family.type = type;
        family.typeSet = true;
        if (type == MetricType.COUNTER && endsWith(name.bytes, "_total")) {
            family.name = name.string.substring(0, name.string.length() - 6);
        }
        epoch++;
    }

    private Exposition build() {
        List<MetricFamily> built = new ArrayList<>(families.size());
        for (FamilyBuilder family : families) {
            built.add(family.build());
        }
        return new Exposition(built);
    }
}
