package io.promregator.core.exposition;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** What a sample is within its OpenMetrics family, told by the suffix its name adds to the family name. */
enum SampleKind {
    BARE(""),
    TOTAL("_total"),
    CREATED("_created"),
    BUCKET("_bucket"),
    COUNT("_count"),
    SUM("_sum"),
    GCOUNT("_gcount"),
    GSUM("_gsum"),
    INFO("_info");

    private static final SampleKind[] VALUES = values();
    private static final Map<MetricType, Set<SampleKind>> BY_TYPE = new EnumMap<>(MetricType.class);

    static {
        for (MetricType type : MetricType.values()) {
            BY_TYPE.put(type, kinds(type));
        }
    }

    final String suffix;

    SampleKind(String suffix) {
        this.suffix = suffix;
    }

    /** The kinds of sample a family of this type has, by the OpenMetrics 1.0 specification. */
    static Set<SampleKind> of(MetricType type) {
        return BY_TYPE.get(type);
    }

    private static Set<SampleKind> kinds(MetricType type) {
        return switch (type) {
            case COUNTER -> EnumSet.of(TOTAL, CREATED);
            case GAUGE, STATESET, UNKNOWN -> EnumSet.of(BARE);
            case HISTOGRAM -> EnumSet.of(BUCKET, COUNT, SUM, CREATED);
            case GAUGE_HISTOGRAM -> EnumSet.of(BUCKET, GCOUNT, GSUM);
            case SUMMARY -> EnumSet.of(BARE, COUNT, SUM, CREATED);
            case INFO -> EnumSet.of(INFO);
        };
    }

    /** The kind of {@code sampleName} in a family of that name and type, or null if it is none of them. */
    static SampleKind find(MetricType type, String familyName, String sampleName) {
        if (!sampleName.startsWith(familyName)) {
            return null;
        }
        int suffixLength = sampleName.length() - familyName.length();
        for (SampleKind kind : VALUES) {
            if (kind.suffix.length() == suffixLength && sampleName.endsWith(kind.suffix)) {
                return of(type).contains(kind) ? kind : null;
            }
        }
        return null;
    }
}
