package io.promregator.core.merge;

import io.promregator.core.ExpositionMerger;
import io.promregator.core.exposition.Exposition;
import io.promregator.core.exposition.Labels;
import io.promregator.core.exposition.MetricFamily;
import io.promregator.core.exposition.MetricType;
import io.promregator.core.exposition.Sample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges expositions family by family: one HELP, TYPE and UNIT per family, the samples of every
 * exposition grouped under it in exposition order.
 *
 * <p>Conflict rule: the first exposition (in list order) to declare a family fixes its type. A later
 * family with the same name but another type, or whose sample names would clash with an earlier
 * family's (a gauge {@code foo_total} against a counter {@code foo}), is dropped whole and counted as a
 * type conflict. A sample whose name and labels equal an earlier one's is dropped and counted as a
 * duplicate series. The first non-empty HELP and UNIT win. Stateless and thread-safe.
 */
public final class FirstTypeWinsMerger implements ExpositionMerger {

    @Override
    public MergeResult merge(List<Exposition> expositions) {
        Map<String, Accumulator> families = new LinkedHashMap<>();
        Map<String, String> ownerOfSampleName = new HashMap<>();
        Set<SeriesKey> seen = new HashSet<>();
        int typeConflicts = 0;
        int duplicates = 0;
        for (Exposition exposition : expositions) {
            for (MetricFamily family : exposition.families()) {
                Accumulator accumulator = families.get(family.name());
                if (accumulator == null) {
                    if (clashesWithOtherFamily(family, ownerOfSampleName)) {
                        typeConflicts++;
                        continue;
                    }
                    accumulator = new Accumulator(family);
                    families.put(family.name(), accumulator);
                    for (String suffix : ownedSuffixes(family.type())) {
                        ownerOfSampleName.put(family.name() + suffix, family.name());
                    }
                } else if (accumulator.type != family.type()) {
                    typeConflicts++;
                    continue;
                }
                accumulator.takeMetadata(family);
                for (Sample sample : family.samples()) {
                    if (seen.add(new SeriesKey(sample.name(), sample.labels()))) {
                        accumulator.samples.add(sample);
                    } else {
                        duplicates++;
                    }
                }
            }
        }
        List<MetricFamily> merged = new ArrayList<>(families.size());
        for (Accumulator accumulator : families.values()) {
            merged.add(accumulator.toFamily());
        }
        return new MergeResult(new Exposition(merged), typeConflicts, duplicates);
    }

    private static boolean clashesWithOtherFamily(MetricFamily family, Map<String, String> ownerOfSampleName) {
        if (ownerOfSampleName.containsKey(family.name())) {
            return true;
        }
        for (String suffix : ownedSuffixes(family.type())) {
            if (ownerOfSampleName.containsKey(family.name() + suffix)) {
                return true;
            }
        }
        return false;
    }

    /** The sample names (as suffixes of the family name) that a family of this type may write. */
    static List<String> ownedSuffixes(MetricType type) {
        return switch (type) {
            case COUNTER -> List.of("", "_total", "_created");
            case HISTOGRAM -> List.of("", "_bucket", "_count", "_sum", "_created");
            case GAUGE_HISTOGRAM -> List.of("", "_bucket", "_gcount", "_gsum");
            case SUMMARY -> List.of("", "_count", "_sum", "_created");
            case INFO -> List.of("", "_info");
            case GAUGE, STATESET, UNKNOWN -> List.of("");
        };
    }

    private record SeriesKey(String name, Labels labels) {}

    private static final class Accumulator {
        final String name;
        final MetricType type;
        String help;
        String unit;
        final List<Sample> samples = new ArrayList<>();

        Accumulator(MetricFamily first) {
            this.name = first.name();
            this.type = first.type();
            this.help = first.help();
            this.unit = first.unit();
        }

        void takeMetadata(MetricFamily family) {
            if (help.isEmpty()) {
                help = family.help();
            }
            if (unit.isEmpty()) {
                unit = family.unit();
            }
        }

        MetricFamily toFamily() {
            return new MetricFamily(name, type, help, unit, samples);
        }
    }
}
