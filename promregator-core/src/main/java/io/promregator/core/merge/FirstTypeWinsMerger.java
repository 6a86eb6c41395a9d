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
import java.util.Optional;
import java.util.Set;

/**
 * Merges expositions family by family: one HELP, TYPE and UNIT per family, the samples of every
 * exposition grouped under it in exposition order.
 *
 * <p>A family is its name and type together: a gauge {@code go_memstats_alloc_bytes} and a counter
 * {@code go_memstats_alloc_bytes} (samples {@code go_memstats_alloc_bytes_total}), as every Go program
 * exposes them, are two families that coexist. Each family claims the series names its type may write
 * (a histogram {@code rpc}: {@code rpc}, {@code rpc_bucket}, {@code rpc_count}, {@code rpc_sum},
 * {@code rpc_created}).
 *
 * <p>Conflict rule: the first exposition (in list order) to claim a name keeps it. A later family that
 * claims a name another family already holds (a gauge {@code rpc} or {@code rpc_count} against that
 * histogram, a gauge {@code jobs_total} against a counter {@code jobs}) is dropped whole and counted as
 * a type conflict. A sample whose name and labels equal an earlier one's is dropped and counted as a
 * duplicate series, unless both have timestamps and the later one is later in time: as for Prometheus,
 * that is another point of the series and stays. (A point at the same or an earlier time, or one of two
 * without timestamp, is what Prometheus would refuse as duplicate or out of order.) The first non-empty HELP and UNIT win. Stateless and thread-safe.
 */
public final class FirstTypeWinsMerger implements ExpositionMerger {
    /** The merger; it keeps no state, so one serves every scrape. */
    public FirstTypeWinsMerger() {}

    /** This merge, and for OpenMetrics the isolation before it, over expositions kept as compact bytes ({@link SpillingMerge}). */
    @Override
    public Optional<Incremental> incremental(int count, boolean openMetrics) {
        return Optional.of(new SpillingMerge(count, openMetrics));
    }

    /** Claims go by names, and duplicates by name and labels, which appended labels keep equal or not. */
    @Override
    public boolean mergesAlikeWithLabelsAppended() {
        return true;
    }

    @Override
    public MergeResult merge(List<Exposition> expositions) {
        Map<FamilyKey, Accumulator> families = new LinkedHashMap<>();
        Map<String, FamilyKey> claims = new HashMap<>();
        int samples = 0;
        for (Exposition exposition : expositions) {
            for (MetricFamily family : exposition.families()) {
                samples += family.samples().size();
            }
        }
        Map<SeriesKey, Long> lastTimestamps = new HashMap<>(samples + samples / 3 + 1);
        int typeConflicts = 0;
        int duplicates = 0;
        for (Exposition exposition : expositions) {
            for (MetricFamily family : exposition.families()) {
                FamilyKey key = new FamilyKey(family.name(), family.type());
                Set<String> claimed = claimedNames(family);
                if (clashes(key, claimed, claims)) {
                    typeConflicts++;
                    continue;
                }
                for (String name : claimed) {
                    claims.putIfAbsent(name, key);
                }
                Accumulator accumulator = families.computeIfAbsent(key, k -> new Accumulator(family));
                accumulator.takeMetadata(family);
                for (Sample sample : family.samples()) {
                    if (isNewPoint(sample, lastTimestamps)) {
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

    /**
     * A series' first sample, or a later one with a timestamp after that of every earlier kept sample of
     * the series, all of which have timestamps: the points OpenMetrics allows and Prometheus stores in order.
     */
    static boolean isNewPoint(Sample sample, Map<SeriesKey, Long> lastTimestamps) {
        SeriesKey series = new SeriesKey(sample.name(), sample.labels());
        Long last = lastTimestamps.get(series);
        boolean later = last == null
                || (last != Sample.NO_TIMESTAMP && sample.hasTimestamp() && sample.timestampMillis() > last);
        if (later) {
            lastTimestamps.put(series, sample.timestampMillis());
        }
        return later;
    }

    static boolean clashes(FamilyKey key, Set<String> claimed, Map<String, FamilyKey> claims) {
        for (String name : claimed) {
            FamilyKey owner = claims.get(name);
            if (owner != null && !owner.equals(key)) {
                return true;
            }
        }
        return false;
    }

    /** The series names a family may write: those of its type, and those it actually has. */
    static Set<String> claimedNames(MetricFamily family) {
        Set<String> names = typeNames(family.name(), family.type());
        String last = null;
        for (Sample sample : family.samples()) {
            if (!sample.name().equals(last)) {
                last = sample.name();
                names.add(last);
            }
        }
        return names;
    }

    /** The series names a family of this name and type may write, whatever samples it has. */
    static Set<String> typeNames(String name, MetricType type) {
        Set<String> names = new HashSet<>();
        for (String suffix : typeSuffixes(type)) {
            names.add(name + suffix);
        }
        return names;
    }

    private static List<String> typeSuffixes(MetricType type) {
        return switch (type) {
            case COUNTER -> List.of("_total", "_created");
            case HISTOGRAM -> List.of("", "_bucket", "_count", "_sum", "_created");
            case GAUGE_HISTOGRAM -> List.of("", "_bucket", "_gcount", "_gsum");
            case SUMMARY -> List.of("", "_count", "_sum", "_created");
            case INFO -> List.of("_info");
            case GAUGE, STATESET, UNKNOWN -> List.of("");
        };
    }

    record FamilyKey(String name, MetricType type) {}

    record SeriesKey(String name, Labels labels) {}

    private static final class Accumulator extends FamilyMetadata {
        final List<Sample> samples = new ArrayList<>();

        Accumulator(MetricFamily first) {
            super(first);
        }

        MetricFamily toFamily() {
            return new MetricFamily(name, type, help, unit, samples);
        }
    }
}
