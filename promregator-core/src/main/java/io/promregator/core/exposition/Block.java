package io.promregator.core.exposition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the writer emits under one set of metadata lines: a name, the TYPE keyword of the output format,
 * HELP, UNIT and the samples. Either grouped (one family with suffixed samples, like a histogram) or
 * simple (every sample is named like the block). Mutable while the writer plans; one per write.
 */
final class Block {
    final String name;
    /** The family type of a grouped block; null for a simple block. */
    final MetricType groupedType;

    String keyword;
    String help;
    final String unit;
    /** Two families of different types wanted this grouped block. */
    boolean conflicting;
    /** Its samples are written with the writer's appended labels after their own. */
    boolean appended;

    final ArrayList<Sample> samples;

    private Block(String name, MetricType groupedType, String keyword, String help, String unit, int capacity) {
        this.name = name;
        this.groupedType = groupedType;
        this.keyword = keyword;
        this.help = help;
        this.unit = unit;
        this.samples = new ArrayList<>(capacity);
    }

    static Block grouped(MetricFamily family) {
        return grouped(family, family.samples().size());
    }

    static Block grouped(MetricFamily family, int capacity) {
        return new Block(
                family.name(), family.type(), family.type().openMetricsName(), family.help(), family.unit(), capacity);
    }

    static Block simple(String name, String keyword, String help, String unit, int capacity) {
        return new Block(name, null, keyword, help, unit, capacity);
    }

    boolean isGrouped() {
        return groupedType != null;
    }

    /** Takes HELP from a later family when this block has none. */
    void adoptHelp(String otherHelp) {
        if (help.isEmpty()) {
            help = otherHelp;
        }
    }

    /** One simple block per distinct sample name, in order of first appearance, samples in order. */
    List<Block> splitBySampleName(String splitKeyword) {
        Map<String, Block> parts = new LinkedHashMap<>();
        Block current = null;
        for (Sample sample : samples) {
            if (current == null || !current.name.equals(sample.name())) {
                current = parts.computeIfAbsent(sample.name(), name -> simple(name, splitKeyword, help, unit, 8));
                current.appended = appended;
            }
            current.samples.add(sample);
        }
        return new ArrayList<>(parts.values());
    }
}
