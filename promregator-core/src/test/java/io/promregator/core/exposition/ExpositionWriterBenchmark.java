package io.promregator.core.exposition;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Writer throughput on {@link SyntheticExposition} (1,793 samples). Bytes per second = output size /
 * time per operation; the output sizes are 211,470 bytes (0.0.4) and 215,862 bytes (OpenMetrics).
 *
 * <pre>
 * mvn -o -q -pl promregator-core test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp promregator-core/target/test-classes:promregator-core/target/classes:$(cat promregator-core/target/cp.txt) \
 *     org.openjdk.jmh.Main ExpositionWriterBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ExpositionWriterBenchmark {
    @Param({"PROMETHEUS_TEXT", "OPENMETRICS"})
    public ExpositionFormat format;

    private List<MetricFamily> families;
    private final CountingStream out = new CountingStream();

    @Setup
    public void setUp() {
        families = SyntheticExposition.cfApplication(11);
    }

    @Benchmark
    public long writeToStream() throws IOException {
        ExpositionWriter.write(families, format, out);
        return out.count;
    }

    @Benchmark
    public String writeToString() {
        return ExpositionWriter.toString(families, format);
    }

    /** Counts what it is given, as a socket would take it, without keeping it. */
    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
