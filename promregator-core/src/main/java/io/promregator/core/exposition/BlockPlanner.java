package io.promregator.core.exposition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns families into the blocks an output format can express, never changing a sample.
 *
 * <p>Every sample is routed by its name. A name that a grouped block claims (a histogram {@code foo}
 * claims {@code foo}, {@code foo_bucket}, {@code foo_count}, ...) goes into that block, whichever family it
 * came from: that folds, for example, the {@code foo_created} gauge that 0.0.4 clients expose next to a
 * counter {@code foo} back into the counter for OpenMetrics. Every other name gets a simple block of its
 * own, shared by all families with samples of that name. So no name gets two TYPE lines and no family is
 * interleaved. Blocks are written in the order of their first sample; a family without samples yields none.
 */
final class BlockPlanner {
    private BlockPlanner() {}

    static List<Block> plan(List<MetricFamily> families, OutputRules rules) {
        return plan(families, rules, families.size());
    }

    /**
     * The same, with every block that gets a sample of the families from {@code firstAppended} on marked
     * {@link Block#appended}; the caller makes sure no block gets samples of both kinds.
     */
    static List<Block> plan(List<MetricFamily> families, OutputRules rules, int firstAppended) {
        List<Block> order = route(families, rules, firstAppended);
        List<Block> finished = new ArrayList<>(order.size() + 8);
        for (Block block : order) {
            rules.finish(block, finished);
        }
        return finished;
    }

    /** The blocks with every sample routed, in order, not yet checked or downgraded. */
    static List<Block> route(List<MetricFamily> families, OutputRules rules) {
        return route(families, rules, families.size());
    }

    private static List<Block> route(List<MetricFamily> families, OutputRules rules, int firstAppended) {
        Map<String, Block> grouped = new HashMap<>();
        for (MetricFamily family : families) {
            if (rules.isGrouped(family.type()) && !family.samples().isEmpty()) {
                Block existing = grouped.putIfAbsent(family.name(), Block.grouped(family));
                if (existing != null) {
                    existing.conflicting |= existing.groupedType != family.type();
                    existing.adoptHelp(family.help());
                }
            }
        }
        Map<String, Block> simple = new HashMap<>();
        List<Block> order = new ArrayList<>();
        for (int f = 0; f < families.size(); f++) {
            MetricFamily family = families.get(f);
            String lastName = null;
            Block target = null;
            for (Sample sample : family.samples()) {
                String name = sample.name();
                if (!name.equals(lastName)) {
                    target = route(family, name, rules, grouped, simple, order);
                    target.appended |= f >= firstAppended;
                    lastName = name;
                }
                target.samples.add(sample);
            }
        }
        return order;
    }

    private static Block route(
            MetricFamily family,
            String name,
            OutputRules rules,
            Map<String, Block> grouped,
            Map<String, Block> simple,
            List<Block> order) {
        Block claimant = claimant(name, rules, grouped);
        if (claimant != null) {
            if (claimant.samples.isEmpty()) {
                order.add(claimant);
            }
            return claimant;
        }
        String keyword = rules.simpleKeyword(family, name);
        Block block = simple.get(name);
        if (block == null) {
            block = Block.simple(
                    name,
                    keyword,
                    family.help(),
                    family.unit(),
                    family.samples().size());
            simple.put(name, block);
            order.add(block);
        } else {
            if (!block.keyword.equals(keyword)) {
                block.keyword = rules.conflictKeyword();
            }
            block.adoptHelp(family.help());
        }
        return block;
    }

    private static Block claimant(String name, OutputRules rules, Map<String, Block> grouped) {
        if (grouped.isEmpty()) {
            return null;
        }
        Block block = grouped.get(name);
        if (block != null) {
            return block;
        }
        for (String suffix : rules.suffixes()) {
            if (name.length() > suffix.length() && name.endsWith(suffix)) {
                block = grouped.get(name.substring(0, name.length() - suffix.length()));
                if (block != null && rules.claims(block.groupedType, suffix)) {
                    return block;
                }
            }
        }
        return null;
    }

    /**
     * The blocks of {@link #route}, planned from the families' metadata and sample names alone: each with
     * its metadata, none with samples, and for each the families that route samples into it. Routing is by
     * sample name, so the samples of a block are, family by family in order, those of its families whose
     * name {@link Plan#blockOf} gives that block: exactly what {@link #route} would have put into it.
     */
    static Plan planLazily(FamilySource source, OutputRules rules) {
        Map<String, Block> grouped = new HashMap<>();
        for (int f = 0; f < source.size(); f++) {
            MetricFamily family = source.outline(f);
            if (rules.isGrouped(family.type()) && !source.sampleNames(f).isEmpty()) {
                Block existing = grouped.putIfAbsent(family.name(), Block.grouped(family, 0));
                if (existing != null) {
                    existing.conflicting |= existing.groupedType != family.type();
                    existing.adoptHelp(family.help());
                }
            }
        }
        Map<String, Block> simple = new HashMap<>();
        Map<String, Block> byName = new HashMap<>();
        List<Block> order = new ArrayList<>();
        Map<Block, List<Integer>> contributors = new HashMap<>();
        Map<Block, Boolean> started = new IdentityHashMap<>();
        for (int f = 0; f < source.size(); f++) {
            MetricFamily family = source.outline(f);
            for (String name : source.sampleNames(f)) {
                Block claimant = claimant(name, rules, grouped);
                Block block;
                if (claimant != null) {
                    block = claimant;
                    if (started.put(block, Boolean.TRUE) == null) {
                        order.add(block);
                    }
                } else {
                    String keyword = rules.simpleKeyword(family, name);
                    block = simple.get(name);
                    if (block == null) {
                        block = Block.simple(name, keyword, family.help(), family.unit(), 0);
                        simple.put(name, block);
                        order.add(block);
                    } else {
                        if (!block.keyword.equals(keyword)) {
                            block.keyword = rules.conflictKeyword();
                        }
                        block.adoptHelp(family.help());
                    }
                }
                byName.put(name, block);
                List<Integer> families = contributors.computeIfAbsent(block, b -> new ArrayList<>());
                if (families.isEmpty() || families.get(families.size() - 1) != f) {
                    families.add(f);
                }
            }
        }
        return new Plan(order, byName, contributors);
    }

    /**
     * The blocks in the order they are written, each without samples, with the families that contribute
     * to it (ascending) and the block of every sample name.
     */
    record Plan(List<Block> blocks, Map<String, Block> blockOf, Map<Block, List<Integer>> contributors) {}
}
