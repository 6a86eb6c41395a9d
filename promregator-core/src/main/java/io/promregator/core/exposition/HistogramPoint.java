package io.promregator.core.exposition;

/**
 * One OpenMetrics histogram or gauge histogram point while its samples are read, checked when complete:
 * buckets in increasing {@code le} order with cumulative counts, a {@code +Inf} bucket, {@code _count}
 * and {@code _sum} (or {@code _gcount} and {@code _gsum}) together or not at all, the count equal to the
 * {@code +Inf} bucket, and a sum negative only when there are negative buckets.
 *
 * <p>Deliberately lenient (a known deviation from the specification, which forbids a sum when buckets
 * are negative): a histogram with negative buckets may have a {@code _sum}, any sum. Go's client library
 * exposes exactly that for histograms observing negative values.
 */
final class HistogramPoint {
    private boolean gauge;
    private int buckets;
    private double lastLe;
    private double lastCount;
    private boolean negativeBuckets;
    private boolean infBucket;
    private double infCount;
    private double count;
    private double sum;
    private boolean hasCount;
    private boolean hasSum;
    /** The line of the point's first sample, where errors found at its end point. */
    private int line;

    void reset(boolean gaugeHistogram, int firstLine) {
        gauge = gaugeHistogram;
        buckets = 0;
        negativeBuckets = false;
        infBucket = false;
        hasCount = false;
        hasSum = false;
        line = firstLine;
    }

    /** Adds a bucket, returning what is wrong with it or null. */
    String bucket(String leText, double le, double value) {
        if (Double.isNaN(le)) {
            return "le=\"" + leText + "\" is not a number other than NaN";
        }
        if (le == Double.POSITIVE_INFINITY && !leText.equals("+Inf")) {
            return "the +Inf bucket's le must be written \"+Inf\", not \"" + leText + "\"";
        }
        if (buckets > 0 && !(le > lastLe)) {
            return "buckets must be in increasing le order; le=\"" + leText + "\" follows a bucket at or above it";
        }
        if (buckets > 0 && value < lastCount) {
            return "bucket counts must not decrease (buckets are cumulative)";
        }
        buckets++;
        lastLe = le;
        lastCount = value;
        negativeBuckets |= le < 0;
        if (le == Double.POSITIVE_INFINITY) {
            infBucket = true;
            infCount = value;
        }
        return null;
    }

    void count(double value) {
        hasCount = true;
        count = value;
    }

    void sum(double value) {
        hasSum = true;
        sum = value;
    }

    /** Checks the complete point. */
    void finish(String family, Labels labels) throws ExpositionParseException {
        String countName = family + (gauge ? "_gcount" : "_count");
        String sumName = family + (gauge ? "_gsum" : "_sum");
        String what = (gauge ? "gauge histogram " : "histogram ") + family + (labels.isEmpty() ? "" : labels);
        if (!infBucket) {
            throw error(what + " has no +Inf bucket");
        }
        if (hasCount != hasSum) {
            throw error(what + " must have both " + countName + " and " + sumName + " or neither");
        }
        if (hasCount && count != infCount) {
            throw error(what + ": " + countName + " is " + count + " but the +Inf bucket counts " + infCount);
        }
        if (hasSum && sum < 0 && !negativeBuckets) {
            throw error(what + ": " + sumName + " is negative without negative buckets");
        }
    }

    private ExpositionParseException error(String message) {
        return new ExpositionParseException(line, 1, message);
    }
}
