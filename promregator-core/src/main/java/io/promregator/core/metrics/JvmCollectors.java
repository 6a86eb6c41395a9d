package io.promregator.core.metrics;

import io.prometheus.client.Collector;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.hotspot.BufferPoolsExports;
import io.prometheus.client.hotspot.ClassLoadingExports;
import io.prometheus.client.hotspot.GarbageCollectorExports;
import io.prometheus.client.hotspot.MemoryPoolsExports;
import io.prometheus.client.hotspot.StandardExports;
import io.prometheus.client.hotspot.ThreadExports;
import io.prometheus.client.hotspot.VersionInfoExports;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM and process metrics of Prometheus' own {@code simpleclient_hotspot}, every name starting with
 * {@code promregator_} as in the original Promregator ({@code promregator_jvm_memory_bytes_used},
 * {@code promregator_process_cpu_seconds_total}, ...), and with the unit a name ends in declared, so that
 * OpenMetrics output says {@code # UNIT}.
 */
final class JvmCollectors {
    private static final String PREFIX = "promregator_";

    private JvmCollectors() {}

    /** Registers the collectors of memory, buffer pools, GC, threads, class loading, version and process. */
    static void register(CollectorRegistry registry) {
        List<Collector> collectors = List.of(
                new StandardExports(),
                new MemoryPoolsExports(),
                new BufferPoolsExports(),
                new GarbageCollectorExports(),
                new ThreadExports(),
                new ClassLoadingExports(),
                new VersionInfoExports());
        for (Collector collector : collectors) {
            new Prefixed(collector).register(registry);
        }
    }

    /** One hotspot collector with the prefix on its family and sample names. */
    private static final class Prefixed extends Collector {
        private final Collector delegate;

        Prefixed(Collector delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<MetricFamilySamples> collect() {
            List<MetricFamilySamples> families = delegate.collect();
            List<MetricFamilySamples> prefixed = new ArrayList<>(families.size());
            for (MetricFamilySamples family : families) {
                List<MetricFamilySamples.Sample> samples = new ArrayList<>(family.samples.size());
                for (MetricFamilySamples.Sample sample : family.samples) {
                    samples.add(new MetricFamilySamples.Sample(
                            PREFIX + sample.name,
                            sample.labelNames,
                            sample.labelValues,
                            sample.value,
                            sample.exemplar,
                            sample.timestampMs));
                }
                String name = PREFIX + family.name;
                prefixed.add(new MetricFamilySamples(name, unit(name, family.unit), family.type, family.help, samples));
            }
            return prefixed;
        }

        private static String unit(String name, String declared) {
            if (declared != null && !declared.isEmpty()) {
                return declared;
            }
            return name.endsWith("_seconds") ? "seconds" : name.endsWith("_bytes") ? "bytes" : "";
        }
    }
}
