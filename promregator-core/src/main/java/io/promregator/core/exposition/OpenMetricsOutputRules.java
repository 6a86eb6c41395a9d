package io.promregator.core.exposition;

import java.util.Arrays;
import java.util.List;

/**
 * OpenMetrics 1.0: a family name claims its bare name and the suffixes of its type, so counters,
 * histograms, gauge histograms, summaries and infos are grouped blocks. A grouped block that breaks the
 * spec (see {@link OpenMetricsChecks}) becomes one {@code unknown} block per sample name: valid, because
 * the broken family no longer claims those names. Samples under other names of a family get
 * {@code unknown} blocks of their own; a stateset that breaks its rules is written as a gauge.
 */
final class OpenMetricsOutputRules implements OutputRules {
    static final OpenMetricsOutputRules INSTANCE = new OpenMetricsOutputRules();

    private static final String[] SUFFIXES = {
        "_total", "_created", "_bucket", "_count", "_sum", "_gcount", "_gsum", "_info"
    };
    private static final String UNKNOWN = "unknown";
    private static final String STATESET = "stateset";

    private OpenMetricsOutputRules() {}

    @Override
    public boolean isGrouped(MetricType type) {
        return switch (type) {
            case COUNTER, HISTOGRAM, GAUGE_HISTOGRAM, SUMMARY, INFO -> true;
            case GAUGE, STATESET, UNKNOWN -> false;
        };
    }

    @Override
    public String[] suffixes() {
        return SUFFIXES;
    }

    @Override
    public boolean claims(MetricType type, String suffix) {
        return switch (type) {
            case COUNTER -> suffix.equals("_total") || suffix.equals("_created");
            case HISTOGRAM ->
                suffix.equals("_bucket")
                        || suffix.equals("_count")
                        || suffix.equals("_sum")
                        || suffix.equals("_created");
            case GAUGE_HISTOGRAM -> suffix.equals("_bucket") || suffix.equals("_gcount") || suffix.equals("_gsum");
            case SUMMARY -> suffix.equals("_count") || suffix.equals("_sum") || suffix.equals("_created");
            case INFO -> suffix.equals("_info");
            case GAUGE, STATESET, UNKNOWN -> false;
        };
    }

    @Override
    public String simpleKeyword(MetricFamily family, String sampleName) {
        if (!sampleName.equals(family.name())) {
            return UNKNOWN;
        }
        return switch (family.type()) {
            case GAUGE -> "gauge";
            case STATESET -> STATESET;
            default -> UNKNOWN;
        };
    }

    @Override
    public String conflictKeyword() {
        return UNKNOWN;
    }

    /**
     * Keeps valid grouped blocks, splits the others; then puts the points of each series (the same labels
     * at later timestamps) together, as OpenMetrics wants them. Arranging moves nothing unless needed.
     */
    @Override
    public void finish(Block block, List<Block> out) {
        if (block.isGrouped()) {
            Sample[] original = block.samples.toArray(new Sample[0]); // checking may reorder
            if (!block.conflicting && OpenMetricsChecks.isValid(block)) {
                out.add(block);
            } else {
                block.samples.clear();
                block.samples.addAll(Arrays.asList(original));
                for (Block split : block.splitBySampleName(UNKNOWN)) {
                    MetricGroups.arrange(split.samples, null, null);
                    out.add(split);
                }
            }
            return;
        }
        if (block.keyword.equals(STATESET) && !OpenMetricsChecks.isValidStateset(block)) {
            block.keyword = "gauge";
        }
        if (!block.keyword.equals(STATESET)) {
            MetricGroups.arrange(block.samples, null, null);
        }
        out.add(block);
    }
}
