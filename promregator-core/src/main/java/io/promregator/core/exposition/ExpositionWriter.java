package io.promregator.core.exposition;

import static io.promregator.core.exposition.ByteSink.ascii;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes metric families as Prometheus text 0.0.4 or OpenMetrics 1.0.0. Stateless and thread-safe.
 *
 * <p>Sample names, labels, values and timestamps are written as they are; only the metadata (HELP, TYPE,
 * UNIT) and the grouping of samples into families adapt to what the output format can express. So a
 * counter {@code foo} with samples {@code foo_total} and {@code foo_created} is, in 0.0.4,
 * {@code # TYPE foo_total counter} followed by {@code # TYPE foo_created gauge}; a 0.0.4 counter whose
 * sample is plain {@code foo} is, in OpenMetrics, {@code # TYPE foo unknown}. A family that the output
 * format would reject is downgraded rather than written invalid: see {@link PrometheusTextOutputRules} and
 * {@link OpenMetricsOutputRules}. Families without samples are not written.
 */
public final class ExpositionWriter {
    private static final byte[] HELP = ascii("# HELP ");
    private static final byte[] TYPE = ascii("# TYPE ");
    private static final byte[] UNIT = ascii("# UNIT ");
    private static final byte[] EOF = ascii("# EOF\n");
    private static final byte[] EXEMPLAR = ascii(" # ");
    private static final byte[] LABEL_OPEN = ascii("=\"");
    private static final byte[] EMPTY_LABELS = ascii("{}");
    private static final int BYTES_PER_SAMPLE_GUESS = 96;

    private ExpositionWriter() {}

    /** Writes the families to {@code out} (which is flushed, not closed) in the given format, as UTF-8. */
    public static void write(List<MetricFamily> families, ExpositionFormat format, OutputStream out)
            throws IOException {
        Objects.requireNonNull(out, "out");
        ByteSink sink = new ByteSink(out);
        try {
            render(families, format, sink);
            sink.flush();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Writes the families as {@link #write(List, ExpositionFormat, OutputStream)} does, but the samples of
     * the families from {@code firstAppended} on with {@code appended} written after their own labels, as
     * if each had been rebuilt with them, in one pass: the appended labels are rendered once. The caller
     * makes sure that this is what rebuilding would give ({@link #canAppend}) and that no sample name of
     * the families before {@code firstAppended} is one of the others' or claimed by them.
     */
    public static void write(
            List<MetricFamily> families, ExpositionFormat format, OutputStream out, int firstAppended, Labels appended)
            throws IOException {
        Objects.requireNonNull(families, "families");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(out, "out");
        boolean openMetrics = format == ExpositionFormat.OPENMETRICS;
        OutputRules rules = openMetrics ? OpenMetricsOutputRules.INSTANCE : PrometheusTextOutputRules.INSTANCE;
        byte[] suffix = appended.isEmpty() ? null : render(appended);
        ByteSink sink = new ByteSink(out);
        try {
            for (Block block : BlockPlanner.plan(families, rules, firstAppended)) {
                writeBlock(block, openMetrics, block.appended ? suffix : null, sink);
            }
            if (openMetrics) {
                sink.write(EOF);
            }
            sink.flush();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Whether writing {@code appended} after the own labels of every sample of {@code exposition} gives
     * what writing samples rebuilt with those labels gives: when no sample has a label of such a name, and
     * no appended name is one that the output rules read ({@code le}, {@code quantile}, or a family's or
     * sample's name, which is a stateset's label), so that every check and grouping decides alike.
     */
    public static boolean canAppend(Exposition exposition, Labels appended) {
        for (int i = 0; i < appended.size(); i++) {
            String name = appended.name(i);
            if (name.equals("le") || name.equals("quantile")) {
                return false;
            }
        }
        Labels checked = null;
        for (MetricFamily family : exposition.families()) {
            if (appended.indexOf(family.name()) >= 0) {
                return false;
            }
            String lastName = null;
            for (Sample sample : family.samples()) {
                if (!sample.name().equals(lastName)) {
                    lastName = sample.name();
                    if (appended.indexOf(lastName) >= 0) {
                        return false;
                    }
                }
                Labels own = sample.labels();
                if (own.hasSameNameStrings(checked)) {
                    continue;
                }
                for (int i = 0; i < own.size(); i++) {
                    if (appended.indexOf(own.name(i)) >= 0) {
                        return false;
                    }
                }
                checked = own;
            }
        }
        return true;
    }

    /** {@code a="1",b="2"}: labels as the writer writes them between the braces. */
    private static byte[] render(Labels labels) {
        ByteSink sink = new ByteSink(64 * labels.size());
        writeLabelList(labels, sink);
        return sink.toByteArray();
    }

    /** The families in the given format. */
    public static String toString(List<MetricFamily> families, ExpositionFormat format) {
        int samples = 0;
        for (MetricFamily family : families) {
            samples += family.samples().size();
        }
        ByteSink sink = new ByteSink(1024 + samples * BYTES_PER_SAMPLE_GUESS);
        render(families, format, sink);
        return sink.contentAsString();
    }

    private static void render(List<MetricFamily> families, ExpositionFormat format, ByteSink sink) {
        Objects.requireNonNull(families, "families");
        Objects.requireNonNull(format, "format");
        boolean openMetrics = format == ExpositionFormat.OPENMETRICS;
        OutputRules rules = openMetrics ? OpenMetricsOutputRules.INSTANCE : PrometheusTextOutputRules.INSTANCE;
        for (Block block : BlockPlanner.plan(families, rules)) {
            writeBlock(block, openMetrics, null, sink);
        }
        if (openMetrics) {
            sink.write(EOF);
        }
    }

    /**
     * Writes the families of {@code source} to {@code out} (which is flushed, not closed) as
     * {@link #write(List, ExpositionFormat, OutputStream)} would write them all at once, byte for byte, but
     * holding the samples of only one block at a time (and of the family last read from {@code source}):
     * the blocks are planned from the families' metadata and sample names, then each is filled from its
     * families' samples, checked, written, and let go.
     */
    public static void write(FamilySource source, ExpositionFormat format, OutputStream out) throws IOException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(out, "out");
        boolean openMetrics = format == ExpositionFormat.OPENMETRICS;
        OutputRules rules = openMetrics ? OpenMetricsOutputRules.INSTANCE : PrometheusTextOutputRules.INSTANCE;
        ByteSink sink = new ByteSink(out);
        try {
            BlockPlanner.Plan plan = BlockPlanner.planLazily(source, rules);
            List<Block> finished = new ArrayList<>();
            int loaded = -1;
            List<Sample> samples = List.of();
            for (Block block : plan.blocks()) {
                for (int family : plan.contributors().get(block)) {
                    if (family != loaded) {
                        samples = List.of(); // let the last family go before reading the next
                        samples = source.samples(family);
                        loaded = family;
                    }
                    fill(block, samples, plan.blockOf());
                }
                if (block.samples.isEmpty()) {
                    continue;
                }
                rules.finish(block, finished);
                for (Block part : finished) {
                    writeBlock(part, openMetrics, null, sink);
                }
                finished.clear();
                block.samples.clear();
                block.samples.trimToSize();
            }
            if (openMetrics) {
                sink.write(EOF);
            }
            sink.flush();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Adds to the block those of the samples that are routed to it, in order. */
    private static void fill(Block block, List<Sample> samples, Map<String, Block> blockOf) {
        String lastName = null;
        boolean routedHere = false;
        for (Sample sample : samples) {
            String name = sample.name();
            if (!name.equals(lastName)) {
                routedHere = blockOf.get(name) == block;
                lastName = name;
            }
            if (routedHere) {
                block.samples.add(sample);
            }
        }
    }

    private static void writeBlock(Block block, boolean openMetrics, byte[] suffix, ByteSink sink) {
        byte[] name = block.name.getBytes(StandardCharsets.UTF_8);
        if (openMetrics) {
            writeOpenMetricsMetadata(block, name, sink);
        } else {
            writeTextMetadata(block, name, sink);
        }
        writeSamples(block, name, openMetrics, suffix, sink);
    }

    private static void writeTextMetadata(Block block, byte[] name, ByteSink sink) {
        if (!block.help.isEmpty()) {
            sink.write(HELP);
            sink.write(name);
            sink.write((byte) ' ');
            sink.writeHelp(block.help, false);
            sink.write((byte) '\n');
        }
        writeType(block, name, sink);
    }

    private static void writeOpenMetricsMetadata(Block block, byte[] name, ByteSink sink) {
        writeType(block, name, sink);
        if (hasUsableUnit(block)) {
            sink.write(UNIT);
            sink.write(name);
            sink.write((byte) ' ');
            sink.writeName(block.unit);
            sink.write((byte) '\n');
        }
        if (!block.help.isEmpty()) {
            sink.write(HELP);
            sink.write(name);
            sink.write((byte) ' ');
            sink.writeHelp(block.help, true);
            sink.write((byte) '\n');
        }
    }

    private static void writeType(Block block, byte[] name, ByteSink sink) {
        sink.write(TYPE);
        sink.write(name);
        sink.write((byte) ' ');
        sink.writeName(block.keyword);
        sink.write((byte) '\n');
    }

    /** OpenMetrics: a unit is written only when the name ends with {@code _<unit>}, and never for info or stateset. */
    static boolean hasUsableUnit(Block block) {
        String unit = block.unit;
        String name = block.name;
        if (unit.isEmpty()
                || block.keyword.equals("info")
                || block.keyword.equals("stateset")
                || name.length() <= unit.length() + 1
                || !name.endsWith(unit)
                || name.charAt(name.length() - unit.length() - 1) != '_') {
            return false;
        }
        for (int i = 0; i < unit.length(); i++) {
            char c = unit.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == ':')) {
                return false;
            }
        }
        return true;
    }

    /** @param suffix rendered labels to write after each sample's own, or null */
    private static void writeSamples(Block block, byte[] blockName, boolean openMetrics, byte[] suffix, ByteSink sink) {
        String exemplarName = openMetrics ? exemplarSampleName(block) : null;
        String lastName = block.name;
        byte[] nameBytes = blockName;
        for (Sample sample : block.samples) {
            String name = sample.name();
            if (!name.equals(lastName)) {
                nameBytes = name.getBytes(StandardCharsets.UTF_8);
                lastName = name;
            }
            sink.write(nameBytes);
            if (suffix != null) {
                sink.write((byte) '{');
                if (!sample.labels().isEmpty()) {
                    writeLabelList(sample.labels(), sink);
                    sink.write((byte) ',');
                }
                sink.write(suffix);
                sink.write((byte) '}');
            } else if (!sample.labels().isEmpty()) {
                writeLabels(sample.labels(), sink);
            }
            sink.write((byte) ' ');
            sink.writeDouble(sample.value());
            if (sample.hasTimestamp()) {
                sink.write((byte) ' ');
                writeTimestamp(sample.timestampMillis(), openMetrics, sink);
            }
            if (exemplarName != null && sample.exemplar().isPresent() && name.equals(exemplarName)) {
                writeExemplar(sample.exemplar().get(), sink);
            }
            sink.write((byte) '\n');
        }
    }

    /** The one sample name of a block that may carry exemplars in OpenMetrics, or null. */
    private static String exemplarSampleName(Block block) {
        if (!block.isGrouped()) {
            return null;
        }
        return switch (block.groupedType) {
            case COUNTER -> block.name + "_total";
            case HISTOGRAM, GAUGE_HISTOGRAM -> block.name + "_bucket";
            default -> null;
        };
    }

    private static void writeLabels(Labels labels, ByteSink sink) {
        sink.write((byte) '{');
        writeLabelList(labels, sink);
        sink.write((byte) '}');
    }

    private static void writeLabelList(Labels labels, ByteSink sink) {
        for (int i = 0; i < labels.size(); i++) {
            if (i > 0) {
                sink.write((byte) ',');
            }
            sink.writeName(labels.name(i));
            sink.write(LABEL_OPEN);
            sink.writeLabelValue(labels.value(i));
            sink.write((byte) '"');
        }
    }

    private static void writeTimestamp(long millis, boolean openMetrics, ByteSink sink) {
        if (openMetrics) {
            sink.writeSecondsFromMillis(millis);
        } else {
            sink.writeLong(millis);
        }
    }

    /** OpenMetrics limits an exemplar's label names and values to 128 code points; longer ones are dropped. */
    private static void writeExemplar(Exemplar exemplar, ByteSink sink) {
        Labels labels = exemplar.labels();
        int length = 0;
        for (int i = 0; i < labels.size(); i++) {
            length += labels.name(i).codePointCount(0, labels.name(i).length());
            length += labels.value(i).codePointCount(0, labels.value(i).length());
        }
        if (length > 128) {
            return;
        }
        sink.write(EXEMPLAR);
        if (labels.isEmpty()) {
            sink.write(EMPTY_LABELS);
        } else {
            writeLabels(labels, sink);
        }
        sink.write((byte) ' ');
        sink.writeDouble(exemplar.value());
        if (exemplar.hasTimestamp()) {
            sink.write((byte) ' ');
            sink.writeSecondsFromMillis(exemplar.timestampMillis());
        }
    }
}
