package io.promregator.core.exposition;

import java.util.List;

/**
 * Metric families whose samples are read on demand, one family at a time: what
 * {@link ExpositionWriter#write(FamilySource, ExpositionFormat, java.io.OutputStream)} writes without
 * holding every sample at once. The families are those of one exposition (each name and type once), in
 * their order.
 */
public interface FamilySource {
    /** How many families there are. */
    int size();

    /** The metadata of family {@code index}: its name, type, HELP and UNIT; its samples are not used. */
    MetricFamily outline(int index);

    /** The distinct names of family {@code index}'s samples, in the order they first appear; empty when it has none. */
    List<String> sampleNames(int index);

    /** The samples of family {@code index}, in order; may be asked more than once. */
    List<Sample> samples(int index);
}
