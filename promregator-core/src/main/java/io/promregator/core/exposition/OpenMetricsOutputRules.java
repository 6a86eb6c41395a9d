package io.promregator.core.exposition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * OpenMetrics 1.0: a family name claims its bare name and the suffixes of its type, so counters,
 * histograms, gauge histograms, summaries and infos are grouped blocks. The spec's rules (see
 * {@link OpenMetricsChecks}) hold per metric (one label set), and the rule for a block that breaks them is
 * local: when some of its metrics are valid, those stay as they are, under the family's type, with their
 * exemplars, and the invalid ones are left out (counted in {@link Block#droppedSamples}). After enrichment
 * every target's series have labels of their own, so one target's broken histogram does not change how
 * another target's histogram of the same name is written. Only a block none of whose metrics is valid
 * becomes one {@code unknown} block per sample name: valid, because the broken family no longer claims
 * those names, and no sample is lost where no valid metric is there to keep. Samples under other names of
 * a family get {@code unknown} blocks of their own; a stateset that breaks its rules is written as a gauge.
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
     * Keeps valid grouped blocks, keeps the valid metrics of the others when they have some, splits the
     * rest; then puts the points of each series (the same labels at later timestamps) together, as
     * OpenMetrics wants them. Arranging moves nothing unless needed.
     */
    @Override
    public void finish(Block block, List<Block> out) {
        if (block.isGrouped()) {
            Sample[] original = block.samples.toArray(new Sample[0]); // checking may reorder
            if (!block.conflicting && OpenMetricsChecks.isValid(block)) {
                out.add(block);
                return;
            }
            restore(block, original);
            if (!block.conflicting && keepValidMetrics(block)) {
                out.add(block);
            } else {
                restore(block, original);
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

    private static void restore(Block block, Sample[] original) {
        block.samples.clear();
        block.samples.addAll(Arrays.asList(original));
    }

    /**
     * Checks each metric of an invalid block on its own. When some are valid, the block keeps exactly
     * those (as checking arranged them) and counts the samples of the others as dropped; when none is,
     * returns false and leaves the block's samples in some order.
     */
    private static boolean keepValidMetrics(Block block) {
        String specialName = switch (block.groupedType) {
            case HISTOGRAM, GAUGE_HISTOGRAM -> block.name + "_bucket";
            case SUMMARY -> block.name;
            default -> null;
        };
        String specialLabel = specialName == null ? null : block.groupedType == MetricType.SUMMARY ? "quantile" : "le";
        int[] bounds = MetricGroups.arrange(block.samples, specialName, specialLabel);
        if (bounds.length <= 2) {
            return false; // one metric, and it is invalid
        }
        List<Sample> kept = new ArrayList<>(block.samples.size());
        int dropped = 0;
        Block metric = block.emptyCopy(16);
        for (int g = 0; g + 1 < bounds.length; g++) {
            metric.samples.clear();
            metric.samples.addAll(block.samples.subList(bounds[g], bounds[g + 1]));
            if (OpenMetricsChecks.isValid(metric)) {
                kept.addAll(metric.samples);
            } else {
                dropped += metric.samples.size();
            }
        }
        if (kept.isEmpty()) {
            return false;
        }
        block.samples.clear();
        block.samples.addAll(kept);
        block.droppedSamples += dropped;
        return true;
    }
}
