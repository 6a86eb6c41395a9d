package io.promregator.core.merge;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.ExpositionMerger;
import io.promregator.core.ExpositionMerger.MergeResult;
import io.promregator.core.enrich.CfLabelEnricher;
import io.promregator.core.enrich.LabelConflict;
import io.promregator.core.exposition.Exposition;
import io.promregator.core.exposition.ExpositionFormat;
import io.promregator.core.exposition.ExpositionGenerator;
import io.promregator.core.exposition.ExpositionParseException;
import io.promregator.core.exposition.ExpositionParser;
import io.promregator.core.exposition.ExpositionWriter;
import io.promregator.core.exposition.Labels;
import io.promregator.core.exposition.MetricType;
import io.promregator.core.exposition.OpenMetricsIsolation;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The incremental merge writes, byte for byte, what isolating (for OpenMetrics), merging and writing the
 * expositions in memory writes, with the same counts: over random expositions of both formats (the
 * fuzzer's generator), with target labels that differ, repeat (so that series collide) or are absent,
 * handed in in random order, kept in memory or moved to a file.
 */
class SpillingMergeTest {
    private static final FirstTypeWinsMerger MERGER = new FirstTypeWinsMerger();
    private final int defaultLimit = SpillingMerge.memoryLimit;

    @AfterEach
    void restoreLimit() {
        SpillingMerge.memoryLimit = defaultLimit;
    }

    @Test
    void writesWhatTheInMemoryMergeWrites() throws Exception {
        Random random = new Random(20261203);
        int compared = 0;
        int withConflicts = 0;
        int withDuplicates = 0;
        int withDrops = 0;
        int appended = 0;
        for (int c = 0; c < 600; c++) {
            SpillingMerge.memoryLimit = random.nextBoolean() ? 0 : defaultLimit;
            List<Target> targets = targets(random);
            List<Exposition> expositions = new ArrayList<>();
            for (Target target : targets) {
                expositions.add(target.enricher().enrich(target.raw(), target.labels()));
            }
            for (ExpositionFormat output : ExpositionFormat.values()) {
                Reference expected = inMemory(expositions, output);
                String actual;
                ExpositionMerger.Merged merged;
                try (ExpositionMerger.Incremental merge = MERGER.incremental(
                                expositions.size(), output == ExpositionFormat.OPENMETRICS)
                        .orElseThrow()) {
                    List<Integer> order = new ArrayList<>();
                    for (int i = 0; i < expositions.size(); i++) {
                        order.add(i);
                    }
                    Collections.shuffle(order, random);
                    for (int i : order) {
                        Target target = targets.get(i);
                        if (target.labels().isEmpty()
                                || !target.enricher().appendsAsIs(target.raw(), target.labels())
                                || !ExpositionWriter.canAppend(target.raw(), target.labels())
                                || random.nextInt(4) == 0) {
                            merge.put(i, expositions.get(i));
                        } else {
                            merge.put(i, target.raw(), target.labels());
                            appended++;
                        }
                    }
                    merged = merge.finish();
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    ExpositionWriter.write(merged, output, out);
                    actual = out.toString(StandardCharsets.UTF_8);
                }
                assertThat(actual).as("case %d, %s", c, output).isEqualTo(expected.text());
                assertThat(merged.typeConflicts())
                        .as("type conflicts, case %d", c)
                        .isEqualTo(expected.typeConflicts());
                assertThat(merged.duplicateSeries())
                        .as("duplicates, case %d", c)
                        .isEqualTo(expected.duplicates());
                assertThat(merged.droppedSeries()).as("isolation, case %d", c).isEqualTo(expected.dropped());
                compared++;
                withConflicts += expected.typeConflicts() > 0 ? 1 : 0;
                withDuplicates += expected.duplicates() > 0 ? 1 : 0;
                withDrops += expected.dropped().isEmpty() ? 0 : 1;
            }
        }
        assertThat(SpillStore.OPEN_FILES).hasValue(0);
        // the cases cover what the merge decides, not only the easy path
        assertThat(compared).isEqualTo(1200);
        assertThat(withConflicts).isGreaterThan(50);
        assertThat(withDuplicates).isGreaterThan(50);
        assertThat(withDrops).isGreaterThan(20);
        assertThat(appended)
                .as("expositions handed in with their labels to append")
                .isGreaterThan(300);
    }

    @Test
    void movesToAFileBeyondItsLimitAndDeletesItOnClose() throws Exception {
        SpillingMerge.memoryLimit = 100;
        Exposition exposition = ExpositionParser.parse(
                "# TYPE a counter\na_total{x=\"1\"} 1\na_total{x=\"2\"} 2\n# TYPE b gauge\nb 3\n",
                ExpositionFormat.PROMETHEUS_TEXT);
        SpillingMerge merge = new SpillingMerge(20, false);
        for (int i = 0; i < 20; i++) {
            merge.put(i, new CfLabelEnricher(LabelConflict.EXPORTED).enrich(exposition, Labels.of("i", "" + i)));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExpositionWriter.write(merge.finish(), ExpositionFormat.PROMETHEUS_TEXT, out);
        assertThat(SpillStore.OPEN_FILES).hasValue(1);
        merge.close();

        assertThat(SpillStore.OPEN_FILES).hasValue(0);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .startsWith("# TYPE a_total counter\na_total{x=\"1\",i=\"0\"} 1\n")
                .contains("a_total{x=\"2\",i=\"19\"} 2\n# TYPE b gauge\nb{i=\"0\"} 3\n")
                .endsWith("b{i=\"19\"} 3\n");
    }

    /** Text 0.0.4 parts of one histogram, valid and not in OpenMetrics, that the isolation decides between. */
    private static final String[] HISTOGRAMS = {
        "# TYPE rpc histogram\nrpc_bucket{le=\"1\"} 1\nrpc_bucket{le=\"+Inf\"} 2\nrpc_count 2\nrpc_sum 3\n",
        "# TYPE rpc histogram\nrpc_bucket{le=\"1\"} 1\nrpc_count 1\nrpc_sum 3\nrpc_created 5\n",
        "# TYPE rpc histogram\nrpc_bucket{le=\"2\"} 3\nrpc_bucket{le=\"+Inf\"} 1\nrpc_count 1\n",
        "# TYPE jobs counter\njobs_total 1\n# TYPE jobs_created gauge\njobs_created 7\n",
        "# TYPE jobs counter\njobs_total -1\n",
    };

    /** A target's parsed exposition and the labels its enricher adds. */
    private record Target(Exposition raw, Labels labels, CfLabelEnricher enricher) {}

    private static List<Target> targets(Random random) {
        int count = 1 + random.nextInt(5);
        ExpositionFormat input = random.nextBoolean() ? ExpositionFormat.OPENMETRICS : ExpositionFormat.PROMETHEUS_TEXT;
        LabelConflict policy = LabelConflict.values()[random.nextInt(LabelConflict.values().length)];
        int labelling = random.nextInt(3); // 0: each its own, 1: all the same, 2: none
        List<Target> expositions = new ArrayList<>();
        for (int t = 0; t < count; t++) {
            if (random.nextInt(4) == 0) {
                input = random.nextBoolean() ? ExpositionFormat.OPENMETRICS : ExpositionFormat.PROMETHEUS_TEXT;
            }
            ExpositionFormat format = input;
            byte[] body = ExpositionGenerator.generate(random, input);
            if (random.nextInt(3) == 0) {
                format = ExpositionFormat.PROMETHEUS_TEXT;
                body = HISTOGRAMS[random.nextInt(HISTOGRAMS.length)].getBytes(StandardCharsets.UTF_8);
            }
            Exposition parsed;
            try {
                parsed = ExpositionParser.parse(body, format);
            } catch (ExpositionParseException e) {
                continue;
            }
            Labels labels = switch (labelling) {
                case 0 -> Labels.of("app_name", "app" + t, "cf_instance_number", "" + t);
                case 1 -> Labels.of("app_name", "app");
                default -> Labels.EMPTY;
            };
            expositions.add(new Target(parsed, labels, new CfLabelEnricher(policy)));
            if (random.nextInt(5) == 0) {
                expositions.add(expositions.get(expositions.size() - 1)); // the same instance twice
            }
        }
        return expositions;
    }

    private record Reference(String text, int typeConflicts, int duplicates, Map<MetricType, Integer> dropped) {}

    /** What {@code /metrics} did before it streamed. */
    private static Reference inMemory(List<Exposition> expositions, ExpositionFormat output) {
        List<Exposition> parts = expositions;
        Map<MetricType, Integer> dropped = Map.of();
        if (output == ExpositionFormat.OPENMETRICS) {
            OpenMetricsIsolation.Isolated isolated = OpenMetricsIsolation.isolate(parts);
            parts = isolated.expositions();
            dropped = isolated.droppedSeries();
        }
        MergeResult merged = MERGER.merge(parts);
        return new Reference(
                ExpositionWriter.toString(merged.exposition().families(), output),
                merged.typeConflicts(),
                merged.duplicateSeries(),
                dropped);
    }
}
