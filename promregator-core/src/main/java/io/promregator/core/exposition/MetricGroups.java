package io.promregator.core.exposition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OpenMetrics' "metrics must not be interleaved": the samples of one metric (the same labels, apart from
 * {@code le} on buckets, {@code quantile} on quantiles, the state label of a stateset) must be adjacent.
 * {@link #arrange} checks that and, only when needed, reorders: metrics in the order of their first sample,
 * each metric's samples in their original order.
 */
final class MetricGroups {
    private MetricGroups() {}

    /**
     * Makes every metric's samples adjacent and returns where each metric starts, plus the end: metric
     * {@code i} is {@code samples[bounds[i], bounds[i + 1])}.
     *
     * @param specialName samples of this name do not count {@code specialLabel} as part of their metric
     *     (null: no sample has a special label)
     */
    static int[] arrange(ArrayList<Sample> samples, String specialName, String specialLabel) {
        int n = samples.size();
        int[] bounds = new int[n + 1];
        int groups = 0;
        Set<MetricKey> seen = new HashSet<>();
        Sample previous = null;
        String previousIgnored = null;
        for (int i = 0; i < n; i++) {
            Sample sample = samples.get(i);
            String ignored = sample.name().equals(specialName) ? specialLabel : null;
            if (previous == null || !equalIgnoring(previous.labels(), previousIgnored, sample.labels(), ignored)) {
                if (!seen.add(new MetricKey(sample.labels(), ignored))) {
                    return regroup(samples, specialName, specialLabel);
                }
                bounds[groups++] = i;
            }
            previous = sample;
            previousIgnored = ignored;
        }
        bounds[groups] = n;
        return Arrays.copyOf(bounds, groups + 1);
    }

    private static int[] regroup(ArrayList<Sample> samples, String specialName, String specialLabel) {
        Map<MetricKey, List<Sample>> metrics = new LinkedHashMap<>();
        for (Sample sample : samples) {
            String ignored = sample.name().equals(specialName) ? specialLabel : null;
            metrics.computeIfAbsent(new MetricKey(sample.labels(), ignored), k -> new ArrayList<>())
                    .add(sample);
        }
        int[] bounds = new int[metrics.size() + 1];
        int i = 0;
        int g = 0;
        for (List<Sample> metric : metrics.values()) {
            bounds[g++] = i;
            for (Sample sample : metric) {
                samples.set(i++, sample);
            }
        }
        bounds[g] = i;
        return bounds;
    }

    /** Whether two label sets are equal once each has lost its ignored label (null: none). */
    static boolean equalIgnoring(Labels a, String ignoreA, Labels b, String ignoreB) {
        int counted = 0;
        for (int i = 0; i < a.size(); i++) {
            String name = a.name(i);
            if (name.equals(ignoreA)) {
                continue;
            }
            if (name.equals(ignoreB)) {
                return false;
            }
            counted++;
            String other = i < b.size() && b.name(i).equals(name) ? b.value(i) : b.get(name);
            if (other == null || !other.equals(a.value(i))) {
                return false;
            }
        }
        int otherCount = b.size() - (ignoreB != null && b.indexOf(ignoreB) >= 0 ? 1 : 0);
        return counted == otherCount;
    }

    /** A metric's identity: labels without the ignored one. */
    private static final class MetricKey {
        private final Labels labels;
        private final String ignored;
        private final int hash;

        MetricKey(Labels labels, String ignored) {
            this.labels = labels;
            this.ignored = ignored;
            int h = 0;
            for (int i = 0; i < labels.size(); i++) {
                if (!labels.name(i).equals(ignored)) {
                    h += labels.name(i).hashCode() * 31 ^ labels.value(i).hashCode();
                }
            }
            this.hash = h;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof MetricKey other
                    && other.hash == hash
                    && equalIgnoring(labels, ignored, other.labels, other.ignored);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
