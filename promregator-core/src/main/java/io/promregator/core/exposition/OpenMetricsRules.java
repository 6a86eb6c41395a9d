package io.promregator.core.exposition;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The OpenMetrics 1.0 rules on the samples of one family beyond their syntax: values counters may have
 * (not negative, not NaN), info values of 1, stateset values of 0 or 1, the labels a type requires
 * ({@code le}, {@code quantile}, the stateset's own name), where exemplars may be, a metric's samples kept
 * together, repeated series only with increasing timestamps, and whole histogram points
 * ({@link HistogramPoint}).
 *
 * <p>Deliberately lenient (known deviations from the specification, each accepted because Go's client
 * library exposes it for summaries and histograms observing negative values): a summary's quantile
 * values and {@code _sum} may be negative.
 */
final class OpenMetricsRules {
    private record Series(String name, Labels labels) {}

    private final Set<Labels> seenMetrics = new HashSet<>();
    private final Map<Series, Double> lastTimestamps = new HashMap<>();
    private final HistogramPoint point = new HistogramPoint();
    private FamilyBuilder family;
    private boolean histogram;
    /** The current metric: its label set without le, quantile or the stateset label; null before any. */
    private Labels metric;

    /** Checks the end of the previous family and starts on the next. */
    void startFamily(FamilyBuilder next) throws ExpositionParseException {
        finishFamily();
        family = next;
        seenMetrics.clear();
        lastTimestamps.clear();
        metric = null;
    }

    /** Checks the end of the current family (its last histogram point). */
    void finishFamily() throws ExpositionParseException {
        finishMetric();
    }

    private void finishMetric() throws ExpositionParseException {
        if (metric != null && histogram) {
            point.finish(family.name, metric);
        }
        metric = null;
    }

    /**
     * Checks one sample of the current family, whose type is final by now.
     *
     * @param timestampSeconds the sample's timestamp as written, NaN for none
     * @param nameStart where the sample's line starts, for errors
     * @param valueStart where its value starts, for errors
     */
    void sample(
            SampleKind kind, Sample sample, double timestampSeconds, ByteCursor cursor, int nameStart, int valueStart)
            throws ExpositionParseException {
        String problem = valueProblem(kind, sample);
        if (problem != null) {
            throw cursor.errorAt(valueStart, problem);
        }
        problem = labelProblem(kind, sample.labels());
        if (problem != null) {
            throw cursor.errorAt(nameStart, problem);
        }
        if (sample.exemplar().isPresent() && kind != SampleKind.TOTAL && kind != SampleKind.BUCKET) {
            throw cursor.errorAt(
                    valueStart,
                    "exemplars are only allowed on counter _total and histogram _bucket " + "samples, not on "
                            + sample.name());
        }
        Labels key = metricKey(kind, sample.labels());
        if (metric == null || !metric.equals(key)) {
            finishMetric();
            if (!seenMetrics.add(key)) {
                throw cursor.errorAt(
                        nameStart,
                        "the samples of " + family.name + key
                                + " must be together, not interleaved with other label sets of the family");
            }
            metric = key;
            lastTimestamps.clear();
            startPoint(cursor.line);
        }
        Double last = lastTimestamps.put(new Series(sample.name(), sample.labels()), timestampSeconds);
        if (last != null) { // a repeated series: the next point of this metric
            if (last.isNaN() || Double.isNaN(timestampSeconds)) {
                throw cursor.errorAt(
                        nameStart,
                        "series " + sample.name() + sample.labels() + " repeats; then all its samples need timestamps");
            }
            if (timestampSeconds < last) {
                throw cursor.errorAt(nameStart, "timestamps of " + sample.name() + sample.labels() + " go backwards");
            }
            if (histogram) {
                point.finish(family.name, metric);
            }
            startPoint(cursor.line);
        }
        if (histogram) {
            addToPoint(kind, sample, cursor, nameStart);
        }
    }

    private void startPoint(int line) {
        histogram = family.type == MetricType.HISTOGRAM || family.type == MetricType.GAUGE_HISTOGRAM;
        point.reset(family.type == MetricType.GAUGE_HISTOGRAM, line);
    }

    private void addToPoint(SampleKind kind, Sample sample, ByteCursor cursor, int nameStart)
            throws ExpositionParseException {
        switch (kind) {
            case BUCKET -> {
                String le = sample.labels().get("le");
                String problem = point.bucket(le, labelNumber(le), sample.value());
                if (problem != null) {
                    throw cursor.errorAt(nameStart, problem);
                }
            }
            case COUNT, GCOUNT -> point.count(sample.value());
            case SUM, GSUM -> point.sum(sample.value());
            default -> {}
        }
    }

    private String valueProblem(SampleKind kind, Sample sample) {
        double value = sample.value();
        return switch (kind) {
            case TOTAL, BUCKET, COUNT, GCOUNT -> value >= 0 ? null : sample.name() + " must not be negative or NaN";
            case SUM, GSUM -> Double.isNaN(value) ? sample.name() + " must not be NaN" : null;
            case INFO -> value == 1 ? null : "an info sample's value must be 1";
            case BARE ->
                family.type == MetricType.STATESET && value != 0 && value != 1
                        ? "a stateset sample's value must be 0 or 1"
                        : null;
            default -> null;
        };
    }

    private String labelProblem(SampleKind kind, Labels labels) {
        if (kind == SampleKind.BUCKET && labels.get("le") == null) {
            return sampleName(kind) + " needs an le label";
        } else if (kind == SampleKind.BARE && family.type == MetricType.STATESET && labels.get(family.name) == null) {
            return "stateset sample " + family.name + " needs a label named " + family.name;
        } else if (kind == SampleKind.BARE && family.type == MetricType.SUMMARY) {
            String quantile = labels.get("quantile");
            if (quantile == null) {
                return "summary sample " + family.name + " needs a quantile label";
            }
            double q = labelNumber(quantile);
            if (!(q >= 0 && q <= 1)) {
                return "quantile \"" + quantile + "\" is not a number from 0 to 1";
            }
        }
        return null;
    }

    private String sampleName(SampleKind kind) {
        return family.name + kind.suffix;
    }

    private Labels metricKey(SampleKind kind, Labels labels) {
        if (kind == SampleKind.BUCKET) {
            return without(labels, "le");
        } else if (kind == SampleKind.BARE && family.type == MetricType.SUMMARY) {
            return without(labels, "quantile");
        } else if (kind == SampleKind.BARE && family.type == MetricType.STATESET) {
            return without(labels, family.name);
        }
        return labels;
    }

    private static Labels without(Labels labels, String name) {
        int index = labels.indexOf(name);
        if (index < 0) {
            return labels;
        }
        String[] names = new String[labels.size() - 1];
        String[] values = new String[labels.size() - 1];
        for (int i = 0, j = 0; i < labels.size(); i++) {
            if (i != index) {
                names[j] = labels.name(i);
                values[j++] = labels.value(i);
            }
        }
        return Labels.fromArrays(names, values);
    }

    /** A label value read as an OpenMetrics number, NaN if it is none. */
    private static double labelNumber(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        try {
            return FloatParser.parse(bytes, 0, bytes.length, FloatParser.SPECIAL);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
