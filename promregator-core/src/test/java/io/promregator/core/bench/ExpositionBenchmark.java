package io.promregator.core.bench;

import io.promregator.core.ExpositionMerger;
import io.promregator.core.Target;
import io.promregator.core.enrich.CfLabelEnricher;
import io.promregator.core.enrich.LabelConflict;
import io.promregator.core.exposition.Exposition;
import io.promregator.core.exposition.ExpositionFormat;
import io.promregator.core.exposition.ExpositionParseException;
import io.promregator.core.exposition.ExpositionParser;
import io.promregator.core.exposition.ExpositionWriter;
import io.promregator.core.exposition.Labels;
import io.promregator.core.merge.FirstTypeWinsMerger;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The exposition pipeline on the 190 KB {@code alltypes.237mfs.prom.txt} (237 families, 1,857 samples)
 * taken from a live Prometheus: parse; enrich + merge of two instances' parsed expositions; write;
 * and the whole path parse → enrich → merge → write. One thread, so the score is per core.
 * MiB/s = 190,191 bytes / (average time per operation); docs/performance.md shows the figures and the command.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class ExpositionBenchmark {
    static final String PAYLOAD = "/corpus/prometheus-payloads/alltypes.237mfs.prom.txt";

    private byte[] body;
    private Exposition parsed;
    private Exposition merged;
    private final CfLabelEnricher enricher = new CfLabelEnricher(LabelConflict.EXPORTED);
    private final ExpositionMerger merger = new FirstTypeWinsMerger();
    private final Labels instance0 = Target.cfLabels("org", "space", "app", "5a1f0c2e-guid", 0);
    private final Labels instance1 = Target.cfLabels("org", "space", "app", "5a1f0c2e-guid", 1);

    @Setup
    public void load() throws IOException, ExpositionParseException {
        try (InputStream in = ExpositionBenchmark.class.getResourceAsStream(PAYLOAD)) {
            if (in == null) {
                throw new IOException("missing test resource " + PAYLOAD);
            }
            body = in.readAllBytes();
        }
        parsed = ExpositionParser.parse(body, ExpositionFormat.PROMETHEUS_TEXT);
        merged = enrichAndMerge(parsed);
    }

    @Benchmark
    public Exposition parse() throws ExpositionParseException {
        return ExpositionParser.parse(body, ExpositionFormat.PROMETHEUS_TEXT);
    }

    /** Two instances of the payload, each enriched with its instance's labels, merged. */
    @Benchmark
    public Exposition enrichMerge() {
        return enrichAndMerge(parsed);
    }

    @Benchmark
    public void writeText(Blackhole blackhole) throws IOException {
        ExpositionWriter.write(parsed.families(), ExpositionFormat.PROMETHEUS_TEXT, new BlackholeStream(blackhole));
    }

    @Benchmark
    public void writeOpenMetrics(Blackhole blackhole) throws IOException {
        ExpositionWriter.write(parsed.families(), ExpositionFormat.OPENMETRICS, new BlackholeStream(blackhole));
    }

    /** One target's body through the whole pipeline: parse, enrich, merge, write. */
    @Benchmark
    public void pipeline(Blackhole blackhole) throws IOException, ExpositionParseException {
        Exposition exposition = ExpositionParser.parse(body, ExpositionFormat.PROMETHEUS_TEXT);
        Exposition result =
                merger.merge(List.of(enricher.enrich(exposition, instance0))).exposition();
        ExpositionWriter.write(result.families(), ExpositionFormat.PROMETHEUS_TEXT, new BlackholeStream(blackhole));
    }

    /**
     * The same as {@link #pipeline}, the way {@code /singleTargetMetrics} now goes when the labels are only
     * appended: parse, merge, write with the labels appended in one pass (no sample rebuilt).
     */
    @Benchmark
    public void pipelineOnePass(Blackhole blackhole) throws IOException, ExpositionParseException {
        Exposition exposition = ExpositionParser.parse(body, ExpositionFormat.PROMETHEUS_TEXT);
        if (!enricher.appendsAsIs(exposition, instance0) || !ExpositionWriter.canAppend(exposition, instance0)) {
            throw new IllegalStateException("the payload does not take the one-pass path");
        }
        Exposition result = merger.merge(List.of(exposition)).exposition();
        ExpositionWriter.write(
                result.families(), ExpositionFormat.PROMETHEUS_TEXT, new BlackholeStream(blackhole), 0, instance0);
    }

    private Exposition enrichAndMerge(Exposition exposition) {
        return merger.merge(List.of(enricher.enrich(exposition, instance0), enricher.enrich(exposition, instance1)))
                .exposition();
    }

    /** Swallows output without letting the JIT drop the writing. */
    private static final class BlackholeStream extends OutputStream {
        private final Blackhole blackhole;

        BlackholeStream(Blackhole blackhole) {
            this.blackhole = blackhole;
        }

        @Override
        public void write(int b) {
            blackhole.consume(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            blackhole.consume(bytes);
            blackhole.consume(length);
        }
    }
}
