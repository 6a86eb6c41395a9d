package io.promregator.core.exposition;

import static io.promregator.core.exposition.OutputRules.isSuffixed;

import java.util.ArrayList;
import java.util.Arrays;

/**
 * The OpenMetrics rules for histograms and gauge histograms, per metric: buckets with distinct numeric
 * {@code le} in increasing order (sorted here when they are not), the last one {@code +Inf} (spelled so),
 * whole and cumulative counts; {@code _count} and {@code _sum} both or neither, the count equal to the
 * {@code +Inf} bucket; no {@code _sum} when a bucket is negative; sums that are numbers (not negative for histograms).
 */
final class HistogramCheck {
    private HistogramCheck() {}

    static boolean isValid(Block block) {
        boolean gauge = block.groupedType == MetricType.GAUGE_HISTOGRAM;
        String bucketName = block.name + "_bucket";
        ArrayList<Sample> samples = block.samples;
        for (Sample sample : samples) {
            String name = sample.name();
            boolean bucket = name.equals(bucketName);
            if (bucket == (sample.labels().get("le") == null)) {
                return false; // a bucket without le, or another sample with one
            }
            if (!bucket
                    && !isSuffixed(name, block.name, gauge ? "_gcount" : "_count")
                    && !isSuffixed(name, block.name, gauge ? "_gsum" : "_sum")
                    && (gauge || !isSuffixed(name, block.name, "_created"))) {
                return false;
            }
        }
        int[] bounds = MetricGroups.arrange(samples, bucketName, "le");
        double[] thresholds = new double[8];
        int[] positions = new int[8];
        for (int g = 0; g + 1 < bounds.length; g++) {
            int from = bounds[g];
            int to = bounds[g + 1];
            if (!OpenMetricsChecks.sameTimestamp(samples, from, to)) {
                return false;
            }
            if (thresholds.length < to - from) {
                thresholds = new double[to - from];
                positions = new int[to - from];
            }
            int buckets = 0;
            for (int i = from; i < to; i++) {
                Sample sample = samples.get(i);
                if (sample.name().equals(bucketName)) {
                    thresholds[buckets] = FloatSyntax.parse(sample.labels().get("le"));
                    positions[buckets++] = i;
                }
            }
            if (!isValidMetric(block, gauge, samples, from, to, thresholds, positions, buckets)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isValidMetric(
            Block block,
            boolean gauge,
            ArrayList<Sample> samples,
            int from,
            int to,
            double[] thresholds,
            int[] positions,
            int buckets) {
        if (buckets == 0) {
            return false;
        }
        if (!isIncreasing(thresholds, buckets)) {
            sortBuckets(samples, thresholds, positions, buckets);
            if (!isIncreasing(thresholds, buckets)) {
                return false; // NaN or a repeated le
            }
        }
        if (thresholds[buckets - 1] != Double.POSITIVE_INFINITY
                || !samples.get(positions[buckets - 1]).labels().get("le").equals("+Inf")) {
            return false; // OpenMetrics spells the last bucket +Inf; 0.0.4 also reads INF, Infinity, +inf ...
        }
        double previous = 0;
        for (int b = 0; b < buckets; b++) {
            double value = samples.get(positions[b]).value();
            if (!OpenMetricsChecks.isCount(value) || value < previous) {
                return false;
            }
            previous = value;
        }
        boolean negativeBuckets = thresholds[0] < 0;
        int counts = 0;
        int sums = 0;
        for (int i = from; i < to; i++) {
            Sample sample = samples.get(i);
            double value = sample.value();
            if (isSuffixed(sample.name(), block.name, gauge ? "_gcount" : "_count")) {
                counts++;
                if (value != previous) {
                    return false; // previous is now the +Inf bucket's value
                }
            } else if (isSuffixed(sample.name(), block.name, gauge ? "_gsum" : "_sum")) {
                sums++;
                boolean badSign = gauge ? value < 0 && !negativeBuckets : value < 0 || negativeBuckets;
                if (Double.isNaN(value) || badSign) {
                    return false;
                }
            }
        }
        return counts == sums && counts <= 1;
    }

    private static boolean isIncreasing(double[] thresholds, int n) {
        for (int b = 0; b < n; b++) {
            if (Double.isNaN(thresholds[b]) || (b > 0 && !(thresholds[b - 1] < thresholds[b]))) {
                return false;
            }
        }
        return true;
    }

    /** Puts a metric's buckets in the positions they had, ordered by threshold. */
    private static void sortBuckets(ArrayList<Sample> samples, double[] thresholds, int[] positions, int n) {
        Integer[] order = new Integer[n];
        for (int b = 0; b < n; b++) {
            order[b] = b;
        }
        Arrays.sort(order, (x, y) -> Double.compare(thresholds[x], thresholds[y]));
        Sample[] sorted = new Sample[n];
        double[] sortedThresholds = new double[n];
        for (int b = 0; b < n; b++) {
            sorted[b] = samples.get(positions[order[b]]);
            sortedThresholds[b] = thresholds[order[b]];
        }
        for (int b = 0; b < n; b++) {
            samples.set(positions[b], sorted[b]);
            thresholds[b] = sortedThresholds[b];
        }
    }
}
