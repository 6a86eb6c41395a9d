package io.promregator.core.exposition;

import java.util.List;

/**
 * What an output format can express: which family types are written as one grouped block, which sample
 * names such a block claims, the TYPE keyword of every other sample, and the checks and downgrades a
 * finished block needs. Stateless.
 */
sealed interface OutputRules permits PrometheusTextOutputRules, OpenMetricsOutputRules {

    /** Whether a family of this type is one block whose samples carry suffixes (a histogram, say). */
    boolean isGrouped(MetricType type);

    /** Every suffix that some grouped type claims. */
    String[] suffixes();

    /** Whether a grouped block of this type claims {@code blockName + suffix}; the bare name it always claims. */
    boolean claims(MetricType type, String suffix);

    /** The TYPE keyword for a sample of this family that no grouped block claims. */
    String simpleKeyword(MetricFamily family, String sampleName);

    /** The TYPE keyword of a simple block that families of different types contributed to. */
    String conflictKeyword();

    /** Checks a block with all its samples, repairs or downgrades it, and appends what is to be written. */
    void finish(Block block, List<Block> out);

    /** Whether {@code sampleName} is {@code base + suffix}, without building that string. */
    static boolean isSuffixed(String sampleName, String base, String suffix) {
        return sampleName.length() == base.length() + suffix.length()
                && sampleName.startsWith(base)
                && sampleName.endsWith(suffix);
    }
}
