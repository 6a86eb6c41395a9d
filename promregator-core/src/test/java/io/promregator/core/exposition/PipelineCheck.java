package io.promregator.core.exposition;

import io.promregator.core.ExpositionMerger;
import io.promregator.core.ExpositionMerger.MergeResult;
import io.promregator.core.enrich.CfLabelEnricher;
import io.promregator.core.enrich.LabelConflict;
import io.promregator.core.merge.FirstTypeWinsMerger;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The bodies of a few targets through what {@code /metrics} does with them, each step's promise checked:
 * the parser accepts a body or rejects it with an {@link ExpositionParseException} of its own (no
 * unforeseen failure inside), the enricher gives every sample its target's labels, the merger leaves no
 * repeated series, and the writer's output in both formats reads back with our parser to exactly the
 * merged samples. Whatever breaks a promise is a problem named {@code <step>: <what>}.
 */
final class PipelineCheck {
    private static final FirstTypeWinsMerger MERGER = new FirstTypeWinsMerger();

    /**
     * @param problem what broke, {@code <step>: <what>}; null when every promise held
     * @param parsed which bodies parsed (the rest were rejected, as they should have been)
     * @param text the merged exposition in 0.0.4 text, for promtool; null unless it was written
     */
    record Result(String problem, boolean[] parsed, String text) {
        boolean failed() {
            return problem != null;
        }

        /** The step that broke, for telling one failure from another while minimizing. */
        String step() {
            return problem == null ? "" : problem.substring(0, problem.indexOf(':'));
        }
    }

    private PipelineCheck() {}

    static Result run(FuzzCase c) {
        boolean[] parsed = new boolean[c.bodies().size()];
        List<Exposition> enriched = new ArrayList<>();
        try {
            for (int i = 0; i < parsed.length; i++) {
                FuzzCase.Body body = c.bodies().get(i);
                Exposition exposition;
                try {
                    exposition = ExpositionParser.parse(body.bytes(), body.format());
                } catch (ExpositionParseException e) {
                    if (e.getCause() != null) {
                        return problem("parse: unforeseen failure " + stackTop(e.getCause()), parsed);
                    } else if (e.line() < 1 || e.column() < 1) {
                        return problem("parse: error at an invalid position: " + e.getMessage(), parsed);
                    }
                    continue; // a target that fails; it has no part in the merge
                }
                parsed[i] = true;
                Exposition withLabels = new CfLabelEnricher(c.policy()).enrich(exposition, body.labels());
                String problem = enrichmentProblem(exposition, withLabels, body.labels(), c.policy());
                if (problem != null) {
                    return problem(problem, parsed);
                }
                enriched.add(withLabels);
            }
            return mergeAndWrite(enriched, parsed);
        } catch (Throwable e) { // a RuntimeException anywhere, or an Error (a StackOverflowError, say)
            return problem("pipeline: threw " + stackTop(e), parsed);
        }
    }

    private static Result mergeAndWrite(List<Exposition> enriched, boolean[] parsed) {
        MergeResult merged = MERGER.merge(enriched);
        String problem = mergeProblem(enriched, merged);
        if (problem != null) {
            return problem(problem, parsed);
        }
        List<MetricFamily> families = merged.exposition().families();
        String text = null;
        for (ExpositionFormat format : ExpositionFormat.values()) {
            String written = ExpositionWriter.toString(families, format);
            problem = writtenProblem(merged.exposition(), written, format);
            if (problem != null) {
                return problem(problem, parsed);
            }
            if (format == ExpositionFormat.PROMETHEUS_TEXT) {
                text = written;
            }
            problem = streamingProblem(enriched, format);
            if (problem != null) {
                return problem(problem, parsed);
            }
        }
        return new Result(null, parsed, text);
    }

    /**
     * What {@code /metrics} writes incrementally equals what isolating (for OpenMetrics), merging and writing
     * in memory writes, counts included.
     */
    private static String streamingProblem(List<Exposition> enriched, ExpositionFormat format) {
        List<Exposition> parts = enriched;
        if (format == ExpositionFormat.OPENMETRICS) {
            parts = OpenMetricsIsolation.isolate(parts).expositions();
        }
        MergeResult merged = MERGER.merge(parts);
        String expected = ExpositionWriter.toString(merged.exposition().families(), format);
        boolean openMetrics = format == ExpositionFormat.OPENMETRICS;
        try (ExpositionMerger.Incremental merge =
                MERGER.incremental(enriched.size(), openMetrics).orElseThrow()) {
            for (int i = enriched.size() - 1; i >= 0; i--) {
                merge.put(i, enriched.get(i));
            }
            ExpositionMerger.Merged streamed = merge.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ExpositionWriter.write(streamed, format, out);
            String actual = out.toString(StandardCharsets.UTF_8);
            if (!actual.equals(expected)) {
                return "streaming: " + format + " output differs from the in-memory merge's at character "
                        + firstDifference(actual, expected);
            }
            if (streamed.typeConflicts() != merged.typeConflicts()
                    || streamed.duplicateSeries() != merged.duplicateSeries()) {
                return "streaming: counts differ from the in-memory merge's";
            }
        } catch (IOException e) {
            return "streaming: " + e;
        }
        return null;
    }

    private static int firstDifference(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    /** Every sample keeps its own series and carries every target label; the target's value unless kept. */
    private static String enrichmentProblem(
            Exposition parsed, Exposition enriched, Labels added, LabelConflict policy) {
        if (enriched.sampleCount() != parsed.sampleCount()) {
            return "enrich: " + parsed.sampleCount() + " samples became " + enriched.sampleCount();
        }
        for (MetricFamily family : enriched.families()) {
            for (Sample sample : family.samples()) {
                for (int i = 0; i < added.size(); i++) {
                    String value = sample.labels().get(added.name(i));
                    if (value == null || (policy != LabelConflict.KEEP && !value.equals(added.value(i)))) {
                        return "enrich: " + sample.name() + sample.labels() + " lacks " + added.name(i) + "=\""
                                + added.value(i) + "\"";
                    }
                }
            }
        }
        return null;
    }

    /**
     * No series twice at one timestamp (other timestamps are other points); without type conflicts every
     * sample is either kept or a counted duplicate.
     */
    private static String mergeProblem(List<Exposition> inputs, MergeResult merged) {
        int total = 0;
        for (Exposition input : inputs) {
            total += input.sampleCount();
        }
        Set<List<Object>> series = new HashSet<>();
        for (MetricFamily family : merged.exposition().families()) {
            for (Sample sample : family.samples()) {
                if (!series.add(List.of(sample.name(), sample.labels(), sample.timestampMillis()))) {
                    return "merge: series " + sample.name() + sample.labels() + " twice at one timestamp";
                }
            }
        }
        int kept = merged.exposition().sampleCount();
        if (kept + merged.duplicateSeries() > total
                || (merged.typeConflicts() == 0 && kept + merged.duplicateSeries() != total)) {
            return "merge: " + total + " samples in, " + kept + " out, " + merged.duplicateSeries() + " duplicates, "
                    + merged.typeConflicts() + " type conflicts";
        }
        return null;
    }

    /** The output reads back to exactly the merged samples, and streaming writes the same bytes. */
    private static String writtenProblem(Exposition merged, String written, ExpositionFormat format) {
        String step = format == ExpositionFormat.OPENMETRICS ? "openmetrics" : "text";
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        try {
            ExpositionWriter.write(merged.families(), format, streamed);
        } catch (IOException e) {
            throw new AssertionError(e); // a ByteArrayOutputStream does not fail
        }
        if (!Arrays.equals(streamed.toByteArray(), written.getBytes(StandardCharsets.UTF_8))) {
            return step + ": streamed output differs from the written string";
        }
        Exposition reread;
        try {
            reread = ExpositionParser.parse(written, format);
        } catch (ExpositionParseException e) {
            return step + ": our output does not parse: " + e.getMessage() + " in line "
                    + Escaping.escape(lineOf(written, e.line()));
        }
        Set<SamplePoints> expected = SamplePoints.of(merged);
        if (format == ExpositionFormat.OPENMETRICS) {
            expected = asOpenMetricsSeconds(expected);
        }
        Set<SamplePoints> actual = SamplePoints.of(reread);
        if (!actual.equals(expected) || reread.sampleCount() != merged.sampleCount()) {
            Set<SamplePoints> missing = new HashSet<>(expected);
            missing.removeAll(actual);
            Set<SamplePoints> extra = new HashSet<>(actual);
            extra.removeAll(expected);
            return step + ": output reads back differently; " + merged.sampleCount() + " samples became "
                    + reread.sampleCount() + ", missing " + first(missing) + ", extra " + first(extra);
        }
        return null;
    }

    /**
     * OpenMetrics timestamps are float seconds: a timestamp in milliseconds beyond 2^53 (or so) reads back
     * as the nearest millisecond a double of seconds holds, as in Prometheus. Those are what we expect.
     */
    private static Set<SamplePoints> asOpenMetricsSeconds(Set<SamplePoints> points) {
        Set<SamplePoints> converted = new HashSet<>();
        for (SamplePoints point : points) {
            long millis = point.timestamp();
            if (millis != Sample.NO_TIMESTAMP) {
                millis = OpenMetricsParser.millis(
                        Double.parseDouble(BigDecimal.valueOf(millis, 3).toPlainString()));
            }
            converted.add(new SamplePoints(point.name(), point.labels(), point.value(), millis));
        }
        return converted;
    }

    private static String first(Set<SamplePoints> points) {
        return points.stream().limit(3).toList().toString();
    }

    private static String lineOf(String text, int line) {
        return text.lines().skip(line - 1L).findFirst().orElse("");
    }

    private static String stackTop(Throwable e) {
        StringBuilder sb = new StringBuilder(e.toString());
        StackTraceElement[] trace = e.getStackTrace();
        for (int i = 0; i < Math.min(4, trace.length); i++) {
            sb.append("\n    at ").append(trace[i]);
        }
        return sb.toString();
    }

    private static Result problem(String problem, boolean[] parsed) {
        return new Result(problem, parsed, null);
    }
}
