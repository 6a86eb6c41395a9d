package io.promregator.core.metrics;

import static io.promregator.core.metrics.Expositions.family;
import static io.promregator.core.metrics.Expositions.samples;
import static io.promregator.core.metrics.Expositions.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.client.CollectorRegistry;
import io.promregator.core.exposition.Exposition;
import io.promregator.core.exposition.ExpositionFormat;
import io.promregator.core.exposition.MetricFamily;
import io.promregator.core.exposition.MetricType;
import io.promregator.core.exposition.Sample;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The JVM and process collectors against the JVM running the test, read back with our own parser. */
class JvmCollectorsTest {
    private static final List<String> HOTSPOT_SAMPLE_NAMES = List.of(
            "promregator_jvm_memory_objects_pending_finalization",
            "promregator_jvm_memory_bytes_used",
            "promregator_jvm_memory_bytes_committed",
            "promregator_jvm_memory_bytes_max",
            "promregator_jvm_memory_bytes_init",
            "promregator_jvm_memory_pool_bytes_used",
            "promregator_jvm_memory_pool_bytes_committed",
            "promregator_jvm_memory_pool_bytes_max",
            "promregator_jvm_memory_pool_bytes_init",
            "promregator_jvm_memory_pool_collection_used_bytes",
            "promregator_jvm_buffer_pool_used_bytes",
            "promregator_jvm_buffer_pool_capacity_bytes",
            "promregator_jvm_buffer_pool_used_buffers",
            "promregator_jvm_gc_collection_seconds_count",
            "promregator_jvm_gc_collection_seconds_sum",
            "promregator_jvm_threads_current",
            "promregator_jvm_threads_daemon",
            "promregator_jvm_threads_peak",
            "promregator_jvm_threads_started_total",
            "promregator_jvm_threads_deadlocked",
            "promregator_jvm_threads_deadlocked_monitor",
            "promregator_jvm_threads_state",
            "promregator_jvm_classes_currently_loaded",
            "promregator_jvm_classes_loaded_total",
            "promregator_jvm_classes_unloaded_total",
            "promregator_jvm_info",
            "promregator_process_cpu_seconds_total",
            "promregator_process_start_time_seconds",
            "promregator_process_open_fds",
            "promregator_process_max_fds",
            "promregator_process_virtual_memory_bytes",
            "promregator_process_resident_memory_bytes");

    private final CollectorRegistry registry = registry();

    private static CollectorRegistry registry() {
        CollectorRegistry registry = new CollectorRegistry(true);
        JvmCollectors.register(registry);
        return registry;
    }

    @ParameterizedTest
    @EnumSource(ExpositionFormat.class)
    void exposesTheHotspotNamesWithThePrefixInBothFormats(ExpositionFormat format) {
        Exposition exposition = Expositions.parse(registry, format);

        Set<String> names = exposition.families().stream()
                .flatMap(f -> f.samples().stream())
                .map(Sample::name)
                .collect(Collectors.toSet());
        assertThat(names).containsAll(HOTSPOT_SAMPLE_NAMES);
        assertThat(names)
                .allMatch(name -> name.startsWith("promregator_jvm_") || name.startsWith("promregator_process_"));
    }

    @Test
    void valuesArePlausible() {
        Exposition exposition = Expositions.parse(registry, ExpositionFormat.OPENMETRICS);

        assertThat(heap(exposition, "promregator_jvm_memory_bytes_used")).isPositive();
        assertThat(heap(exposition, "promregator_jvm_memory_bytes_committed"))
                .isGreaterThanOrEqualTo(heap(exposition, "promregator_jvm_memory_bytes_used"));
        assertThat(samples(exposition, "promregator_jvm_memory_pool_bytes_used"))
                .isNotEmpty();
        assertThat(value(exposition, "promregator_jvm_threads_current")).isGreaterThanOrEqualTo(1);
        assertThat(value(exposition, "promregator_jvm_threads_peak"))
                .isGreaterThanOrEqualTo(value(exposition, "promregator_jvm_threads_current"));
        assertThat(samples(exposition, "promregator_jvm_threads_state"))
                .extracting(s -> s.labels().get("state"))
                .contains("RUNNABLE", "WAITING", "TIMED_WAITING");
        assertThat(value(exposition, "promregator_jvm_classes_currently_loaded"))
                .isGreaterThan(100);
        assertThat(value(exposition, "promregator_jvm_classes_loaded_total"))
                .isGreaterThanOrEqualTo(value(exposition, "promregator_jvm_classes_currently_loaded"));
        assertThat(value(exposition, "promregator_process_start_time_seconds"))
                .isEqualTo(ManagementFactory.getRuntimeMXBean().getStartTime() / 1000.0);
        assertThat(value(exposition, "promregator_process_cpu_seconds_total")).isPositive();
        assertThat(value(exposition, "promregator_process_open_fds")).isPositive();
        assertThat(value(exposition, "promregator_process_max_fds"))
                .isGreaterThanOrEqualTo(value(exposition, "promregator_process_open_fds"));
        assertThat(value(exposition, "promregator_process_resident_memory_bytes"))
                .as("in bytes, not kB")
                .isGreaterThan(10 * 1024 * 1024);
        assertThat(samples(exposition, "promregator_jvm_info")).singleElement().satisfies(info -> {
            assertThat(info.labels().get("version")).isEqualTo(System.getProperty("java.runtime.version"));
            assertThat(info.labels().get("vendor")).isNotEmpty();
            assertThat(info.labels().get("runtime")).isNotEmpty();
            assertThat(info.value()).isEqualTo(1);
        });
    }

    private static double heap(Exposition exposition, String name) {
        return samples(exposition, name).stream()
                .filter(s -> "heap".equals(s.labels().get("area")))
                .findFirst()
                .orElseThrow()
                .value();
    }

    @Test
    void garbageCollectionIsASummaryInSecondsWithOneChildPerCollector() {
        Exposition exposition = Expositions.parse(registry, ExpositionFormat.OPENMETRICS);

        MetricFamily gc =
                family(exposition, "promregator_jvm_gc_collection_seconds").orElseThrow();
        assertThat(gc.type()).isEqualTo(MetricType.SUMMARY);
        assertThat(gc.unit()).isEqualTo("seconds");
        List<String> collectors = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(bean -> bean.getName())
                .toList();
        assertThat(samples(exposition, "promregator_jvm_gc_collection_seconds_count"))
                .extracting(s -> s.labels().get("gc"))
                .containsExactlyInAnyOrderElementsOf(collectors);
        long totalMillis = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(bean -> bean.getCollectionTime())
                .sum();
        double totalSeconds = samples(exposition, "promregator_jvm_gc_collection_seconds_sum").stream()
                .mapToDouble(Sample::value)
                .sum();
        assertThat(totalSeconds).as("seconds, not milliseconds").isLessThanOrEqualTo(totalMillis / 1000.0 + 1);
    }

    @Test
    void countersTypesAndUnitsAreDeclared() {
        Exposition exposition = Expositions.parse(registry, ExpositionFormat.OPENMETRICS);

        assertThat(family(exposition, "promregator_process_cpu_seconds").orElseThrow())
                .satisfies(f -> {
                    assertThat(f.type()).isEqualTo(MetricType.COUNTER);
                    assertThat(f.unit()).isEqualTo("seconds");
                });
        assertThat(family(exposition, "promregator_jvm_classes_loaded")
                        .orElseThrow()
                        .type())
                .isEqualTo(MetricType.COUNTER);
        assertThat(family(exposition, "promregator_jvm").orElseThrow().type()).isEqualTo(MetricType.INFO);
        assertThat(family(exposition, "promregator_process_resident_memory_bytes")
                        .orElseThrow()
                        .unit())
                .isEqualTo("bytes");
    }
}
