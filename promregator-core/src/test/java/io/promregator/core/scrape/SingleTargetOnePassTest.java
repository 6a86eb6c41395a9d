package io.promregator.core.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.promregator.core.ExpositionMerger.MergeResult;
import io.promregator.core.ScrapeResult;
import io.promregator.core.Scraper;
import io.promregator.core.Target;
import io.promregator.core.TargetResolver;
import io.promregator.core.enrich.CfLabelEnricher;
import io.promregator.core.enrich.LabelConflict;
import io.promregator.core.exposition.Exposition;
import io.promregator.core.exposition.ExpositionFormat;
import io.promregator.core.exposition.ExpositionGenerator;
import io.promregator.core.exposition.ExpositionParseException;
import io.promregator.core.exposition.ExpositionParser;
import io.promregator.core.exposition.ExpositionWriter;
import io.promregator.core.exposition.Labels;
import io.promregator.core.merge.FirstTypeWinsMerger;
import io.promregator.core.metrics.OwnMetrics;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * {@code /singleTargetMetrics} writes the target's labels in one pass when the enricher's rules only
 * append them, and that is exactly what rebuilding every sample with them, merging and writing gives:
 * over random expositions of both formats, label sets that clash with the samples' own or not, every
 * conflict policy and both output formats.
 */
class SingleTargetOnePassTest {
    private static final FirstTypeWinsMerger MERGER = new FirstTypeWinsMerger();

    private static final Labels[] TARGET_LABELS = {
        Labels.of(
                "org_name",
                "demo-org",
                "space_name",
                "prod",
                "app_name",
                "shop",
                "cf_instance_id",
                "g:0",
                "cf_instance_number",
                "0"),
        Labels.of("app_name", "shop \"quoted\"\n", "instance", "x"),
        Labels.of("job", "static"),
        Labels.of("le", "1"),
        Labels.of("method", "GET"),
    };

    /** Bodies whose checks read a label that the target's labels would add, and those labels. */
    private static final String[][] READ_LABELS = {
        {"# TYPE rpc histogram\nrpc_count 1\nrpc_sum 2\n", "le"},
        {"# TYPE rpc summary\nrpc_count 1\nrpc_sum 2\n", "quantile"},
    };

    @Test
    void labelsThatTheOutputRulesReadAreNotAppendedInOnePass() throws Exception {
        for (String[] body : READ_LABELS) {
            ExpositionFormat input =
                    body[0].endsWith("# EOF\n") ? ExpositionFormat.OPENMETRICS : ExpositionFormat.PROMETHEUS_TEXT;
            Exposition parsed = ExpositionParser.parse(body[0], input);
            Labels labels = Labels.of(body[1], "1");
            CfLabelEnricher enricher = new CfLabelEnricher(LabelConflict.EXPORTED);
            Target target = new Target("g:0", URI.create("http://127.0.0.1/metrics"), labels, Map.of());
            ScrapeResult result = ScrapeResult.success(target, parsed, Duration.ofMillis(12), 100);
            SingleTargetScraping scraping = new SingleTargetScraping(
                    mock(TargetResolver.class),
                    t -> CompletableFuture.completedFuture(result),
                    enricher,
                    MERGER,
                    new OwnMetrics(false),
                    true);

            SingleTargetScraping.Scrape scrape = scraping.scrape(target);

            MergeResult expected = MERGER.merge(
                    List.of(UpMetrics.of(List.of(result), Optional.of(enricher)), enricher.enrich(parsed, labels)));
            for (ExpositionFormat output : ExpositionFormat.values()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                scrape.writeTo(output, out);
                assertThat(out.toString(StandardCharsets.UTF_8))
                        .as("%s, %s", body[0], output)
                        .isEqualTo(
                                ExpositionWriter.toString(expected.exposition().families(), output));
            }
        }
    }

    @Test
    void writesWhatRebuildingTheSamplesWrites() throws Exception {
        Random random = new Random(1203);
        int onePass = 0;
        int rebuilt = 0;
        for (int c = 0; c < 800; c++) {
            ExpositionFormat input =
                    random.nextBoolean() ? ExpositionFormat.OPENMETRICS : ExpositionFormat.PROMETHEUS_TEXT;
            Exposition parsed;
            try {
                parsed = ExpositionParser.parse(ExpositionGenerator.generate(random, input), input);
            } catch (ExpositionParseException e) {
                continue;
            }
            LabelConflict policy = LabelConflict.values()[random.nextInt(LabelConflict.values().length)];
            CfLabelEnricher enricher = new CfLabelEnricher(policy);
            Labels labels = TARGET_LABELS[random.nextInt(TARGET_LABELS.length)];
            Target target = new Target("g:0", URI.create("http://127.0.0.1/metrics"), labels, Map.of());
            ScrapeResult result = ScrapeResult.success(target, parsed, Duration.ofMillis(12), 100);
            Scraper scraper = t -> CompletableFuture.completedFuture(result);
            SingleTargetScraping scraping = new SingleTargetScraping(
                    mock(TargetResolver.class), scraper, enricher, MERGER, new OwnMetrics(false), true);

            SingleTargetScraping.Scrape scrape = scraping.scrape(target);

            MergeResult expected = MERGER.merge(
                    List.of(UpMetrics.of(List.of(result), Optional.of(enricher)), enricher.enrich(parsed, labels)));
            for (ExpositionFormat output : ExpositionFormat.values()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                scrape.writeTo(output, out);
                assertThat(out.toString(StandardCharsets.UTF_8))
                        .as("case %d, %s, %s", c, output, labels)
                        .isEqualTo(
                                ExpositionWriter.toString(expected.exposition().families(), output));
            }
            assertThat(scrape.exposition()).as("case %d", c).isEqualTo(expected.exposition());
            if (scrape.onePass()) {
                onePass++;
            } else {
                rebuilt++;
            }
        }
        assertThat(onePass).isGreaterThan(80);
        assertThat(rebuilt).isGreaterThan(50);
    }
}
