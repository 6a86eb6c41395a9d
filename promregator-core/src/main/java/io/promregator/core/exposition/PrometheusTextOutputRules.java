package io.promregator.core.exposition;

import static io.promregator.core.exposition.OutputRules.isSuffixed;

import java.util.List;

/**
 * Prometheus text format 0.0.4: a TYPE line names a sample name, except for histograms ({@code _bucket},
 * {@code _count}, {@code _sum}) and summaries ({@code _count}, {@code _sum}). So a counter {@code foo} is
 * written as {@code # TYPE foo_total counter}, every {@code _created} as its own gauge, info and stateset
 * as gauges, a gauge histogram as one gauge per sample name. A histogram or summary that Prometheus' parser
 * would reject (a bucket without a numeric {@code le}, a quantile without a numeric {@code quantile}, a
 * sample under the bare histogram name) becomes one untyped block per sample name.
 */
final class PrometheusTextOutputRules implements OutputRules {
    static final PrometheusTextOutputRules INSTANCE = new PrometheusTextOutputRules();

    private static final String[] SUFFIXES = {"_bucket", "_count", "_sum"};
    private static final String COUNTER = "counter";
    private static final String GAUGE = "gauge";
    private static final String UNTYPED = "untyped";

    private PrometheusTextOutputRules() {}

    @Override
    public boolean isGrouped(MetricType type) {
        return type == MetricType.HISTOGRAM || type == MetricType.SUMMARY;
    }

    @Override
    public String[] suffixes() {
        return SUFFIXES;
    }

    @Override
    public boolean claims(MetricType type, String suffix) {
        return !suffix.equals("_bucket") || type == MetricType.HISTOGRAM;
    }

    @Override
    public String simpleKeyword(MetricFamily family, String sampleName) {
        String base = family.name();
        return switch (family.type()) {
            case COUNTER ->
                sampleName.equals(base) || isSuffixed(sampleName, base, "_total")
                        ? COUNTER
                        : createdOrUntyped(sampleName, base);
            case HISTOGRAM, SUMMARY -> createdOrUntyped(sampleName, base);
            case GAUGE, STATESET -> sampleName.equals(base) ? GAUGE : UNTYPED;
            case INFO -> isSuffixed(sampleName, base, "_info") ? GAUGE : UNTYPED;
            case GAUGE_HISTOGRAM ->
                isSuffixed(sampleName, base, "_bucket")
                                || isSuffixed(sampleName, base, "_gcount")
                                || isSuffixed(sampleName, base, "_gsum")
                        ? GAUGE
                        : UNTYPED;
            case UNKNOWN -> UNTYPED;
        };
    }

    private static String createdOrUntyped(String sampleName, String base) {
        return isSuffixed(sampleName, base, "_created") ? GAUGE : UNTYPED;
    }

    @Override
    public String conflictKeyword() {
        return UNTYPED;
    }

    @Override
    public void finish(Block block, List<Block> out) {
        if (!block.isGrouped()) {
            out.add(block);
        } else if (!block.conflicting && isParseable(block)) {
            out.add(block);
        } else {
            out.addAll(block.splitBySampleName(UNTYPED));
        }
    }

    /** What Prometheus' text parser needs of a histogram or summary. */
    private static boolean isParseable(Block block) {
        boolean histogram = block.groupedType == MetricType.HISTOGRAM;
        String special = histogram ? "le" : "quantile";
        for (Sample sample : block.samples) {
            String name = sample.name();
            String specialValue = sample.labels().get(special);
            boolean needsSpecial = histogram ? isSuffixed(name, block.name, "_bucket") : name.equals(block.name);
            if (needsSpecial) {
                if (specialValue == null || !FloatSyntax.isValid(specialValue)) {
                    return false;
                }
            } else if (specialValue != null || name.equals(block.name)) {
                return false; // _count or _sum with le/quantile, or a bare-named sample of a histogram
            }
        }
        return true;
    }
}
