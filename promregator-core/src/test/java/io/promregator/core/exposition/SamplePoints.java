package io.promregator.core.exposition;

import java.util.HashSet;
import java.util.Set;

/** What must survive a trip through the writer: each series with its value and timestamp. */
record SamplePoints(String name, Labels labels, String value, long timestamp) {
    static Set<SamplePoints> of(Exposition exposition) {
        Set<SamplePoints> points = new HashSet<>();
        for (MetricFamily family : exposition.families()) {
            for (Sample sample : family.samples()) {
                points.add(new SamplePoints(
                        sample.name(), sample.labels(), Double.toString(sample.value()), sample.timestampMillis()));
            }
        }
        return points;
    }
}
