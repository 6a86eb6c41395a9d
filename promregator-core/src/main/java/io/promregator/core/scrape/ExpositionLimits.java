package io.promregator.core.scrape;

import io.promregator.core.config.ScrapeLimits;
import io.promregator.core.exposition.Exposition;
import io.promregator.core.exposition.Labels;
import io.promregator.core.exposition.MetricFamily;
import io.promregator.core.exposition.Sample;
import java.util.Optional;

/** Checks a parsed exposition against {@link ScrapeLimits}; the first breach, described, or empty. */
final class ExpositionLimits {
    private ExpositionLimits() {}

    static Optional<String> firstBreach(Exposition exposition, ScrapeLimits limits) {
        if (limits.samples() > 0 && exposition.sampleCount() > limits.samples()) {
            return Optional.of(exposition.sampleCount() + " samples, more than the limit of " + limits.samples());
        }
        for (MetricFamily family : exposition.families()) {
            for (Sample sample : family.samples()) {
                Labels labels = sample.labels();
                if (limits.labels() > 0 && labels.size() > limits.labels()) {
                    return Optional.of(sample.name() + " has " + labels.size() + " labels, more than the limit of "
                            + limits.labels());
                }
                for (int i = 0; i < labels.size(); i++) {
                    if (limits.labelNameLength() > 0 && labels.name(i).length() > limits.labelNameLength()) {
                        return Optional.of(sample.name() + " has a label name of "
                                + labels.name(i).length() + " characters, more than the limit of "
                                + limits.labelNameLength());
                    }
                    if (limits.labelValueLength() > 0 && labels.value(i).length() > limits.labelValueLength()) {
                        return Optional.of(sample.name() + " has a value of label " + labels.name(i) + " of "
                                + labels.value(i).length() + " characters, more than the limit of "
                                + limits.labelValueLength());
                    }
                }
            }
        }
        return Optional.empty();
    }
}
