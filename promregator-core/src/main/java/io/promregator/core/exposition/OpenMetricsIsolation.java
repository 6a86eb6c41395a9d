package io.promregator.core.exposition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps the OpenMetrics downgrade of a family local to the target that causes it, before the targets'
 * expositions are merged. An OpenMetrics family has one type, so the writer can only write a histogram
 * (counter, summary, info, gauge histogram) that breaks the specification as {@code unknown}, which then
 * also drops its exemplars: merged with a target whose part is valid, that valid part would be degraded
 * too. So when a family (name and type) would be written with its type for one target alone and
 * downgraded for another target alone, the second target's part is left out: every sample that OpenMetrics
 * output puts into that family (a 0.0.4 client's {@code _created} gauge folded into its counter, say).
 * When no target's part is valid, nothing is left out and the merged family is downgraded as before; no
 * healthy target is harmed then. Text 0.0.4 output needs none of this: it writes such families as they
 * are. Stateless and thread-safe.
 */
public final class OpenMetricsIsolation {
    private OpenMetricsIsolation() {}

    /**
     * @param expositions the expositions, in merge order, with the samples OpenMetrics output keeps
     * @param droppedSeries per family type, the samples left out
     */
    public record Isolated(List<Exposition> expositions, Map<MetricType, Integer> droppedSeries) {
        public Isolated {
            expositions = List.copyOf(expositions);
            droppedSeries = Map.copyOf(droppedSeries);
        }
    }

    private record FamilyKey(String name, MetricType type) {}

    /** The expositions (each that of one target) with the parts of families left out as described above. */
    public static Isolated isolate(List<Exposition> expositions) {
        Set<FamilyKey> shared = sharedGroupedFamilies(expositions);
        if (shared.isEmpty()) {
            return new Isolated(expositions, Map.of());
        }
        List<List<Block>> invalidParts = new ArrayList<>(expositions.size());
        Set<FamilyKey> validSomewhere = new HashSet<>();
        for (Exposition exposition : expositions) {
            List<Block> invalid = new ArrayList<>();
            if (hasAny(exposition, shared)) {
                for (Block block : BlockPlanner.route(exposition.families(), OpenMetricsOutputRules.INSTANCE)) {
                    FamilyKey key = block.isGrouped() ? new FamilyKey(block.name, block.groupedType) : null;
                    if (key == null || !shared.contains(key)) {
                        continue;
                    }
                    if (!block.conflicting && OpenMetricsChecks.isValid(block)) {
                        validSomewhere.add(key);
                    } else {
                        invalid.add(block);
                    }
                }
            }
            invalidParts.add(invalid);
        }
        List<Exposition> kept = new ArrayList<>(expositions.size());
        Map<MetricType, Integer> dropped = new EnumMap<>(MetricType.class);
        for (int i = 0; i < expositions.size(); i++) {
            Set<Sample> leftOut = Collections.newSetFromMap(new IdentityHashMap<>());
            for (Block block : invalidParts.get(i)) {
                if (validSomewhere.contains(new FamilyKey(block.name, block.groupedType))) {
                    leftOut.addAll(block.samples);
                    dropped.merge(block.groupedType, block.samples.size(), Integer::sum);
                }
            }
            kept.add(leftOut.isEmpty() ? expositions.get(i) : without(expositions.get(i), leftOut));
        }
        return new Isolated(kept, dropped);
    }

    /** The grouped families (with samples) that more than one exposition has. */
    private static Set<FamilyKey> sharedGroupedFamilies(List<Exposition> expositions) {
        Map<FamilyKey, Integer> counts = new HashMap<>();
        Set<FamilyKey> shared = new HashSet<>();
        for (Exposition exposition : expositions) {
            Set<FamilyKey> own = new HashSet<>();
            for (MetricFamily family : exposition.families()) {
                if (OpenMetricsOutputRules.INSTANCE.isGrouped(family.type())
                        && !family.samples().isEmpty()) {
                    own.add(new FamilyKey(family.name(), family.type()));
                }
            }
            for (FamilyKey key : own) {
                if (counts.merge(key, 1, Integer::sum) == 2) {
                    shared.add(key);
                }
            }
        }
        return shared;
    }

    private static boolean hasAny(Exposition exposition, Set<FamilyKey> keys) {
        for (MetricFamily family : exposition.families()) {
            if (keys.contains(new FamilyKey(family.name(), family.type()))) {
                return true;
            }
        }
        return false;
    }

    private static Exposition without(Exposition exposition, Set<Sample> leftOut) {
        List<MetricFamily> families = new ArrayList<>(exposition.families().size());
        for (MetricFamily family : exposition.families()) {
            List<Sample> samples = new ArrayList<>(family.samples().size());
            for (Sample sample : family.samples()) {
                if (!leftOut.contains(sample)) {
                    samples.add(sample);
                }
            }
            if (samples.size() == family.samples().size()) {
                families.add(family);
            } else if (!samples.isEmpty()) {
                families.add(family.withSamples(samples));
            }
        }
        return new Exposition(families);
    }

    /**
     * How one exposition's part of a grouped family (with samples) reads in OpenMetrics output on its own:
     * written with its type ({@code valid}), downgraded ({@code !valid}, with the sample names it holds and
     * how many samples), or holding no samples at all (then {@code valid} is false and {@code samples} 0).
     */
    public record Part(String name, MetricType type, boolean valid, Set<String> sampleNames, int samples) {
        public Part {
            sampleNames = Set.copyOf(sampleNames);
        }
    }

    /**
     * What {@link #isolate} needs to know of one exposition, so that expositions can be looked at one at
     * a time and let go: one part per grouped family with samples, in no particular order.
     */
    public static List<Part> parts(Exposition exposition) {
        Map<FamilyKey, Part> parts = new HashMap<>();
        for (MetricFamily family : exposition.families()) {
            if (OpenMetricsOutputRules.INSTANCE.isGrouped(family.type())
                    && !family.samples().isEmpty()) {
                parts.putIfAbsent(
                        new FamilyKey(family.name(), family.type()),
                        new Part(family.name(), family.type(), false, Set.of(), 0));
            }
        }
        if (parts.isEmpty()) {
            return List.of();
        }
        for (Block block : BlockPlanner.route(exposition.families(), OpenMetricsOutputRules.INSTANCE)) {
            if (!block.isGrouped()) {
                continue;
            }
            FamilyKey key = new FamilyKey(block.name, block.groupedType);
            if (!block.conflicting && OpenMetricsChecks.isValid(block)) {
                parts.put(key, new Part(block.name, block.groupedType, true, Set.of(), block.samples.size()));
            } else {
                Set<String> names = new HashSet<>();
                for (Sample sample : block.samples) {
                    names.add(sample.name());
                }
                parts.put(key, new Part(block.name, block.groupedType, false, names, block.samples.size()));
            }
        }
        return List.copyOf(parts.values());
    }

    /**
     * @param leftOutNames per exposition, the sample names whose samples are left out (every sample of such a
     *     name: routing is by name)
     * @param droppedSeries per family type, the samples left out
     */
    public record Decision(List<Set<String>> leftOutNames, Map<MetricType, Integer> droppedSeries) {}

    /**
     * What {@link #isolate} leaves out, from the {@link #parts} of each exposition in merge order: the same
     * samples, named by their sample names.
     */
    public static Decision decide(List<List<Part>> parts) {
        Map<FamilyKey, Integer> counts = new HashMap<>();
        Set<FamilyKey> validSomewhere = new HashSet<>();
        for (List<Part> own : parts) {
            for (Part part : own) {
                FamilyKey key = new FamilyKey(part.name(), part.type());
                counts.merge(key, 1, Integer::sum);
                if (part.valid()) {
                    validSomewhere.add(key);
                }
            }
        }
        List<Set<String>> leftOut = new ArrayList<>(parts.size());
        Map<MetricType, Integer> dropped = new EnumMap<>(MetricType.class);
        for (List<Part> own : parts) {
            Set<String> names = Set.of();
            for (Part part : own) {
                FamilyKey key = new FamilyKey(part.name(), part.type());
                if (!part.valid() && part.samples() > 0 && counts.get(key) >= 2 && validSomewhere.contains(key)) {
                    if (names.isEmpty()) {
                        names = new HashSet<>();
                    }
                    names.addAll(part.sampleNames());
                    dropped.merge(part.type(), part.samples(), Integer::sum);
                }
            }
            leftOut.add(names);
        }
        return new Decision(leftOut, dropped);
    }
}
