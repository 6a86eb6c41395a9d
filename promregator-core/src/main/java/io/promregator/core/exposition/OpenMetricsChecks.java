package io.promregator.core.exposition;

import static io.promregator.core.exposition.OutputRules.isSuffixed;

import java.util.ArrayList;

/**
 * The OpenMetrics 1.0 rules a block of a scraped family may break, typically because it was read from
 * 0.0.4, which has none of them. Checking arranges each metric's samples to be adjacent and sorts a
 * metric's buckets by {@code le}: both keep every sample as it is. Anything else that is wrong makes the
 * block invalid, and the caller downgrades it.
 */
final class OpenMetricsChecks {
    private OpenMetricsChecks() {}

    static boolean isValid(Block block) {
        return switch (block.groupedType) {
            case COUNTER -> isValidCounter(block);
            case INFO -> isValidInfo(block);
            case SUMMARY -> isValidSummary(block);
            case HISTOGRAM, GAUGE_HISTOGRAM -> HistogramCheck.isValid(block);
            case GAUGE, STATESET, UNKNOWN -> false;
        };
    }

    /** Totals that are numbers and not negative, created values, at least one total per metric. */
    private static boolean isValidCounter(Block block) {
        boolean hasCreated = false;
        for (Sample sample : block.samples) {
            if (isSuffixed(sample.name(), block.name, "_total")) {
                if (!(sample.value() >= 0)) {
                    return false;
                }
            } else if (isSuffixed(sample.name(), block.name, "_created")) {
                hasCreated = true;
            } else {
                return false;
            }
        }
        if (!hasCreated) {
            MetricGroups.arrange(block.samples, null, null); // a series' points together
            return true;
        }
        int[] bounds = MetricGroups.arrange(block.samples, null, null);
        for (int g = 0; g + 1 < bounds.length; g++) {
            if (!sameTimestamp(block.samples, bounds[g], bounds[g + 1])) {
                return false;
            }
            boolean hasTotal = false;
            for (int i = bounds[g]; i < bounds[g + 1]; i++) {
                hasTotal |= isSuffixed(block.samples.get(i).name(), block.name, "_total");
            }
            if (!hasTotal) {
                return false;
            }
        }
        return true;
    }

    /** Samples named {@code <name>_info} with value 1. */
    private static boolean isValidInfo(Block block) {
        for (Sample sample : block.samples) {
            if (!isSuffixed(sample.name(), block.name, "_info") || sample.value() != 1.0) {
                return false;
            }
        }
        MetricGroups.arrange(block.samples, null, null); // a series' points together
        return true;
    }

    /**
     * Quantiles with a {@code quantile} label from 0 to 1 and a value that is NaN or not negative;
     * {@code _count} a whole number, {@code _sum} a number, both not negative.
     */
    private static boolean isValidSummary(Block block) {
        for (Sample sample : block.samples) {
            String name = sample.name();
            String quantile = sample.labels().get("quantile");
            if (name.equals(block.name)) {
                double q = quantile == null ? Double.NaN : FloatSyntax.parse(quantile);
                if (!(q >= 0 && q <= 1) || sample.value() < 0) {
                    return false;
                }
            } else if (quantile != null) {
                return false;
            } else if (isSuffixed(name, block.name, "_count")) {
                if (!isCount(sample.value())) {
                    return false;
                }
            } else if (isSuffixed(name, block.name, "_sum")) {
                if (!(sample.value() >= 0)) {
                    return false;
                }
            } else if (!isSuffixed(name, block.name, "_created")) {
                return false;
            }
        }
        return sameTimestampPerMetric(block.samples, MetricGroups.arrange(block.samples, block.name, "quantile"));
    }

    /** A state label named like the family with value 0 or 1 on every sample. */
    static boolean isValidStateset(Block block) {
        for (Sample sample : block.samples) {
            if (sample.labels().get(block.name) == null || (sample.value() != 0.0 && sample.value() != 1.0)) {
                return false;
            }
        }
        return sameTimestampPerMetric(block.samples, MetricGroups.arrange(block.samples, block.name, block.name));
    }

    /** A whole number, not negative: what counts and bucket values must be. */
    static boolean isCount(double v) {
        return v >= 0 && v == Math.rint(v) && !Double.isInfinite(v);
    }

    static boolean sameTimestampPerMetric(ArrayList<Sample> samples, int[] bounds) {
        for (int g = 0; g + 1 < bounds.length; g++) {
            if (!sameTimestamp(samples, bounds[g], bounds[g + 1])) {
                return false;
            }
        }
        return true;
    }

    /**
     * One metric, one point: all its samples have the same timestamp or none. (Several points per metric
     * are rare enough in scraped data that a downgrade is acceptable.)
     */
    static boolean sameTimestamp(ArrayList<Sample> samples, int from, int to) {
        long first = samples.get(from).timestampMillis();
        for (int i = from + 1; i < to; i++) {
            if (samples.get(i).timestampMillis() != first) {
                return false;
            }
        }
        return true;
    }
}
