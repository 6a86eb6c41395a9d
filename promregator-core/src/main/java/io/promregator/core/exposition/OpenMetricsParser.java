package io.promregator.core.exposition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads OpenMetrics 1.0 text strictly: the syntax of the specification's ABNF, metadata only before a
 * family's samples and at most once each, families that neither repeat nor clash in the sample names
 * they own, and {@code # EOF} at the end. The rules on sample values are {@link OpenMetricsRules}'.
 *
 * <p>One leniency: a line may end with CRLF.
 */
final class OpenMetricsParser {
    private static final int MAX_EXEMPLAR_LABEL_CHARACTERS = 128;

    private final ByteCursor cursor;
    private final LabelReader labels;
    private final OpenMetricsRules rules = new OpenMetricsRules();
    private final List<FamilyBuilder> families = new ArrayList<>();
    /** Every sample name a family owns (the family name and name plus suffixes), to that family. */
    private final Map<String, FamilyBuilder> owners = new HashMap<>();

    private FamilyBuilder current;

    OpenMetricsParser(byte[] body) {
        this.cursor = new ByteCursor(body, true);
        this.labels = new LabelReader(cursor);
    }

    /** The cursor, for the line of an unexpected failure. */
    ByteCursor cursor() {
        return cursor;
    }

    Exposition parse() throws ExpositionParseException {
        ByteCursor c = cursor;
        while (true) {
            int b = c.peek();
            if (b < 0) {
                throw c.error("missing '# EOF' at the end of the exposition");
            } else if (b == '#') {
                if (c.lookingAt("# EOF")) {
                    break;
                }
                metadata();
            } else if (c.atLineEnd()) {
                throw c.error("blank lines are not allowed in OpenMetrics");
            } else {
                sample();
            }
        }
        c.pos += 5;
        if (c.pos < c.end) {
            c.endLine();
            if (c.pos < c.end) {
                throw c.error("text after '# EOF'");
            }
        }
        rules.finishFamily();
        List<MetricFamily> built = new ArrayList<>(families.size());
        for (FamilyBuilder family : families) {
            built.add(family.build());
        }
        return new Exposition(built);
    }

    private void metadata() throws ExpositionParseException {
        ByteCursor c = cursor;
        char kind = c.lookingAt("# HELP ") ? 'H' : c.lookingAt("# TYPE ") ? 'T' : c.lookingAt("# UNIT ") ? 'U' : '?';
        if (kind == '?') {
            throw c.error("expected '# HELP', '# TYPE', '# UNIT' or '# EOF'; OpenMetrics has no other comments");
        }
        c.pos += 7;
        int nameStart = c.pos;
        Name name = c.metricName();
        c.expect(' ', "after the metric name");
        FamilyBuilder family = current;
        if (family != null && family.name.equals(name.string)) {
            if (!family.samples.isEmpty()) {
                throw c.errorAt(nameStart, "metadata for " + name + " must come before its samples");
            }
        } else {
            family = startFamily(name.string, nameStart);
        }
        switch (kind) {
            case 'H' -> help(family, nameStart);
            case 'T' -> type(family, nameStart);
            default -> unit(family, nameStart);
        }
        c.endLine();
    }

    private void help(FamilyBuilder family, int nameStart) throws ExpositionParseException {
        if (family.helpSet) {
            throw cursor.errorAt(nameStart, "second HELP line for " + family.name);
        }
        family.help = labels.helpText(true);
        family.helpSet = true;
    }

    private void type(FamilyBuilder family, int nameStart) throws ExpositionParseException {
        ByteCursor c = cursor;
        if (family.typeSet) {
            throw c.errorAt(nameStart, "second TYPE line for " + family.name);
        }
        int typeStart = c.pos;
        String word = c.word();
        MetricType type = null;
        for (MetricType candidate : MetricType.values()) {
            if (candidate.openMetricsName().equals(word)) {
                type = candidate;
            }
        }
        if (type == null) {
            throw c.errorAt(typeStart, "unknown metric type " + c.snippet(typeStart, c.tokenEnd()));
        }
        if (!family.unit.isEmpty() && (type == MetricType.INFO || type == MetricType.STATESET)) {
            throw c.errorAt(typeStart, type.openMetricsName() + " " + family.name + " cannot have a unit");
        }
        family.type = type;
        family.typeSet = true;
        for (SampleKind kind : SampleKind.of(type)) {
            own(family.name + kind.suffix, family, nameStart);
        }
    }

    private void unit(FamilyBuilder family, int nameStart) throws ExpositionParseException {
        ByteCursor c = cursor;
        if (family.unitSet) {
            throw c.errorAt(nameStart, "second UNIT line for " + family.name);
        }
        int unitStart = c.pos;
        String unit = c.nameCharacters();
        if (!unit.isEmpty() && (family.type == MetricType.INFO || family.type == MetricType.STATESET)) {
            throw c.errorAt(unitStart, family.type.openMetricsName() + " " + family.name + " cannot have a unit");
        }
        if (!unit.isEmpty() && !family.name.endsWith("_" + unit)) {
            throw c.errorAt(unitStart, "the unit " + unit + " must be the last part of the name " + family.name);
        }
        family.unit = unit;
        family.unitSet = true;
    }

    private FamilyBuilder startFamily(String name, int nameStart) throws ExpositionParseException {
        FamilyBuilder family = new FamilyBuilder(name, cursor.line);
        own(name, family, nameStart);
        rules.startFamily(family);
        families.add(family);
        current = family;
        return family;
    }

    private void own(String sampleName, FamilyBuilder family, int nameStart) throws ExpositionParseException {
        FamilyBuilder owner = owners.putIfAbsent(sampleName, family);
        if (owner != null && owner != family) {
            String what = owner.name.equals(sampleName)
                    ? "the metric family " + sampleName
                    : "sample name " + sampleName + " of the " + owner.type.openMetricsName() + " " + owner.name;
            throw cursor.errorAt(
                    nameStart,
                    what + " already appeared on line " + owner.firstLine
                            + "; a family's lines must be together and names must not clash");
        }
    }

    private void sample() throws ExpositionParseException {
        ByteCursor c = cursor;
        int nameStart = c.pos;
        Name name = c.metricName();
        FamilyBuilder family = current;
        SampleKind kind = family == null ? null : SampleKind.find(family.type, family.name, name.string);
        if (kind == null) {
            FamilyBuilder owner = owners.get(name.string);
            if (owner != null && owner == family) {
                throw c.errorAt(
                        nameStart,
                        name + " is not a sample name of the " + family.type.openMetricsName() + " " + family.name);
            }
            family = startFamily(name.string, nameStart);
            kind = SampleKind.BARE;
        }
        Labels labelSet = c.peek() == '{' ? labels.labels() : Labels.EMPTY;
        c.expect(' ', "before the value");
        int valueStart = c.pos;
        double value = c.number(FloatParser.SPECIAL, "value");
        double timestampSeconds = Double.NaN;
        long timestamp = Sample.NO_TIMESTAMP;
        Exemplar exemplar = null;
        if (c.peek() == ' ') {
            c.pos++;
            if (c.peek() != '#') {
                int timestampStart = c.pos;
                timestampSeconds = c.number(0, "timestamp");
                timestamp = checkedMillis(timestampSeconds, timestampStart);
                if (c.peek() == ' ') {
                    c.pos++;
                    exemplar = exemplar();
                }
            } else {
                exemplar = exemplar();
            }
        }
        Sample sample = new Sample(name.string, labelSet, value, timestamp, Optional.ofNullable(exemplar));
        rules.sample(kind, sample, timestampSeconds, c, nameStart, valueStart);
        c.endLine();
        family.samples.add(sample);
    }

    private Exemplar exemplar() throws ExpositionParseException {
        ByteCursor c = cursor;
        int start = c.pos;
        c.expect('#', "to start an exemplar");
        c.expect(' ', "after '#'");
        if (c.peek() != '{') {
            throw c.error("expected '{' to open the exemplar's labels, found " + c.found());
        }
        Labels exemplarLabels = labels.labels();
        int characters = 0;
        for (int i = 0; i < exemplarLabels.size(); i++) {
            characters += exemplarLabels
                    .name(i)
                    .codePointCount(0, exemplarLabels.name(i).length());
            characters += exemplarLabels
                    .value(i)
                    .codePointCount(0, exemplarLabels.value(i).length());
        }
        if (characters > MAX_EXEMPLAR_LABEL_CHARACTERS) {
            throw c.errorAt(
                    start,
                    "exemplar labels have " + characters + " characters, more than " + MAX_EXEMPLAR_LABEL_CHARACTERS);
        }
        c.expect(' ', "before the exemplar value");
        double value = c.number(FloatParser.SPECIAL, "exemplar value");
        long timestamp = Sample.NO_TIMESTAMP;
        if (c.peek() == ' ') {
            c.pos++;
            int timestampStart = c.pos;
            timestamp = checkedMillis(c.number(0, "exemplar timestamp"), timestampStart);
        }
        return new Exemplar(exemplarLabels, value, timestamp);
    }

    /**
     * Seconds to milliseconds, rounded. A timestamp whose milliseconds a {@code long} cannot hold (about
     * 292 million years either side of 1970) fails: saturating would silently move the sample in time. The
     * double nearest either end of the range (what the end written in seconds reads as) is that end.
     */
    private long checkedMillis(double seconds, int start) throws ExpositionParseException {
        if (!(Math.abs(seconds * 1000) <= 0x1p63)) {
            throw cursor.errorAt(
                    start,
                    "timestamp " + cursor.snippet(start, cursor.pos)
                            + " is out of range; milliseconds since 1970 must fit in 64 bits");
        }
        return millis(seconds);
    }

    /** Seconds to milliseconds, rounded; never {@link Sample#NO_TIMESTAMP}; in range as checked above. */
    static long millis(double seconds) {
        return Math.max(Math.round(seconds * 1000), Long.MIN_VALUE + 1);
    }
}
