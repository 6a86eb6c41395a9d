package io.promregator.core.merge;

import io.promregator.core.ExpositionMerger;
import io.promregator.core.exposition.Exposition;
import io.promregator.core.exposition.Labels;
import io.promregator.core.exposition.MetricFamily;
import io.promregator.core.exposition.MetricType;
import io.promregator.core.exposition.OpenMetricsIsolation;
import io.promregator.core.exposition.Sample;
import io.promregator.core.merge.FirstTypeWinsMerger.FamilyKey;
import io.promregator.core.merge.FirstTypeWinsMerger.SeriesKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The merge of {@link FirstTypeWinsMerger} (and, for OpenMetrics output, the {@link OpenMetricsIsolation}
 * before it) for expositions too many to hold at once: each is handed in as soon as it is there, in any
 * order and from any thread, and is kept only as compact bytes ({@link SampleCodec}), in memory up to a
 * limit and in a temporary file beyond it ({@link SpillStore}), with its families' metadata and sample
 * names. {@link #finish()} then decides from that metadata alone what the merger would keep, and gives the
 * merged families as a {@link FamilySource} that reads one family's samples at a time. The result, written
 * by the {@link io.promregator.core.exposition.ExpositionWriter}, is byte for byte that of isolating,
 * merging and writing the expositions in memory. Close it to delete its file.
 */
final class SpillingMerge implements ExpositionMerger.Incremental {
    /** How many bytes of encoded samples one merge keeps in memory before it moves them to a file. */
    static volatile int memoryLimit = 8 * 1024 * 1024;

    private final Slot[] slots;
    private final boolean openMetrics;
    private final SpillStore store;
    private final SampleCodec codec = new SampleCodec();
    private final SampleCodec.Buffer buffer = new SampleCodec.Buffer();
    private final Map<Object, Object> canonicals = new HashMap<>();
    private boolean finished;

    /**
     * @param count how many expositions will be put, at positions 0 to count - 1 (the merge order)
     * @param openMetrics whether the output is OpenMetrics, which isolates downgraded parts first
     */
    SpillingMerge(int count, boolean openMetrics) {
        this.slots = new Slot[count];
        this.openMetrics = openMetrics;
        this.store = new SpillStore(memoryLimit);
    }

    /** One family of one exposition: its metadata, sample names and where its samples are. */
    private record Part(MetricFamily outline, List<String> sampleNames, long offset, int length) {}

    private record Slot(List<Part> families, List<OpenMetricsIsolation.Part> isolationParts) {}

    @Override
    public void put(int index, Exposition exposition) {
        put(index, exposition, Labels.EMPTY);
    }

    /** Encodes the samples with the labels appended, without rebuilding them. */
    @Override
    public void put(int index, Exposition exposition, Labels appended) {
        List<OpenMetricsIsolation.Part> isolation = openMetrics ? OpenMetricsIsolation.parts(exposition) : List.of();
        List<Part> parts = new ArrayList<>(exposition.families().size());
        synchronized (this) {
            if (finished) {
                throw new IllegalStateException("already finished");
            }
            if (slots[index] != null) {
                throw new IllegalStateException("exposition " + index + " was already put");
            }
            for (MetricFamily family : exposition.families()) {
                List<String> names = canonical(sampleNames(family.samples()));
                MetricFamily outline = canonical(family.samples().isEmpty() ? family : family.withSamples(List.of()));
                if (names.isEmpty()) {
                    parts.add(new Part(outline, names, -1, 0));
                    continue;
                }
                buffer.clear();
                codec.encode(family.samples(), appended, buffer);
                long offset = store.append(buffer.bytes, buffer.length);
                parts.add(new Part(outline, names, offset, buffer.length));
            }
            slots[index] = new Slot(parts, isolation);
            if (buffer.bytes.length > 1024 * 1024) {
                buffer.bytes = new byte[4096]; // a large family does not keep its buffer
            }
        }
    }

    /**
     * The first equal value put, so that what every target repeats (a family's name, type, HELP and UNIT,
     * its series names) is held once and not once per target: at 3,000 instances of 46 families each,
     * the copies were most of the heap. Called under the lock.
     */
    @SuppressWarnings("unchecked")
    private <T> T canonical(T value) {
        Object known = canonicals.putIfAbsent(value, value);
        return known == null ? value : (T) known;
    }

    private static List<String> sampleNames(List<Sample> samples) {
        List<String> names = new ArrayList<>(2);
        String last = null;
        for (Sample sample : samples) {
            String name = sample.name();
            if (!name.equals(last)) {
                if (!names.contains(name)) {
                    names.add(name);
                }
                last = name;
            }
        }
        return names;
    }

    /** Decides what is kept, once every position has been put (an empty exposition where none was). */
    @Override
    public synchronized ExpositionMerger.Merged finish() {
        finished = true;
        List<Set<String>> leftOut;
        Map<MetricType, Integer> dropped;
        if (openMetrics) {
            List<List<OpenMetricsIsolation.Part>> parts = new ArrayList<>(slots.length);
            for (Slot slot : slots) {
                parts.add(slot == null ? List.of() : slot.isolationParts());
            }
            OpenMetricsIsolation.Decision decision = OpenMetricsIsolation.decide(parts);
            leftOut = decision.leftOutNames();
            dropped = decision.droppedSeries();
        } else {
            leftOut = null;
            dropped = Map.of();
        }
        Map<FamilyKey, Accumulator> families = new LinkedHashMap<>();
        Map<String, FamilyKey> claims = new HashMap<>();
        int typeConflicts = 0;
        for (int s = 0; s < slots.length; s++) {
            if (slots[s] == null) {
                continue;
            }
            Set<String> left = leftOut == null ? Set.of() : leftOut.get(s);
            for (Part part : slots[s].families()) {
                List<String> names = part.sampleNames();
                if (!left.isEmpty() && !names.isEmpty()) {
                    names = new ArrayList<>(names);
                    names.removeAll(left);
                    if (names.isEmpty()) {
                        continue; // every sample left out: the isolation drops the family
                    }
                }
                MetricFamily family = part.outline();
                FamilyKey key = new FamilyKey(family.name(), family.type());
                Set<String> claimed = FirstTypeWinsMerger.typeNames(family.name(), family.type());
                claimed.addAll(names);
                if (FirstTypeWinsMerger.clashes(key, claimed, claims)) {
                    typeConflicts++;
                    continue;
                }
                for (String name : claimed) {
                    claims.putIfAbsent(name, key);
                }
                Accumulator accumulator = families.computeIfAbsent(key, k -> new Accumulator(family));
                accumulator.takeMetadata(family);
                if (!names.isEmpty()) {
                    accumulator.names.addAll(names);
                    accumulator.sources.add(new Source(part, left));
                }
            }
        }
        return new MergedFamilies(new ArrayList<>(families.values()), typeConflicts, dropped);
    }

    private record Source(Part part, Set<String> leftOut) {}

    private static final class Accumulator extends FamilyMetadata {
        final LinkedHashSet<String> names = new LinkedHashSet<>();
        final List<Source> sources = new ArrayList<>(1);

        Accumulator(MetricFamily first) {
            super(first);
        }
    }

    private final class MergedFamilies implements ExpositionMerger.Merged {
        private final List<Accumulator> families;
        private final List<MetricFamily> outlines;
        private final List<List<String>> names;
        private final boolean[] counted;
        private final int typeConflicts;
        private final Map<MetricType, Integer> dropped;
        private int duplicates;

        MergedFamilies(List<Accumulator> families, int typeConflicts, Map<MetricType, Integer> dropped) {
            this.families = families;
            this.typeConflicts = typeConflicts;
            this.dropped = dropped;
            this.counted = new boolean[families.size()];
            this.outlines = new ArrayList<>(families.size());
            this.names = new ArrayList<>(families.size());
            for (Accumulator family : families) {
                outlines.add(new MetricFamily(family.name, family.type, family.help, family.unit, List.of()));
                names.add(List.copyOf(family.names));
            }
        }

        @Override
        public int size() {
            return families.size();
        }

        @Override
        public MetricFamily outline(int index) {
            return outlines.get(index);
        }

        @Override
        public List<String> sampleNames(int index) {
            return names.get(index);
        }

        @Override
        public List<Sample> samples(int index) {
            Map<SeriesKey, Long> lastTimestamps = new HashMap<>();
            List<Sample> kept = new ArrayList<>();
            int dropped = 0;
            for (Source source : families.get(index).sources) {
                Part part = source.part();
                List<Sample> samples = codec.decode(store.read(part.offset(), part.length()), 0);
                for (Sample sample : samples) {
                    if (!source.leftOut().isEmpty() && source.leftOut().contains(sample.name())) {
                        continue;
                    }
                    if (FirstTypeWinsMerger.isNewPoint(sample, lastTimestamps)) {
                        kept.add(sample);
                    } else {
                        dropped++;
                    }
                }
            }
            if (!counted[index]) {
                counted[index] = true;
                duplicates += dropped;
            }
            return kept;
        }

        @Override
        public int typeConflicts() {
            return typeConflicts;
        }

        @Override
        public int duplicateSeries() {
            return duplicates;
        }

        @Override
        public Map<MetricType, Integer> droppedSeries() {
            return dropped;
        }
    }

    @Override
    public synchronized void close() {
        finished = true;
        Arrays.fill(slots, null);
        store.close();
    }
}
