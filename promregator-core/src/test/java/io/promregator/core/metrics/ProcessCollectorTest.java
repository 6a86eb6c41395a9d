package io.promregator.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.client.Collector.MetricFamilySamples;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessCollectorTest {
    private static final String STATUS = """
            Name:\tjava
            Umask:\t0022
            State:\tS (sleeping)
            VmPeak:\t 9303148 kB
            VmSize:\t 9241804 kB
            VmHWM:\t  161864 kB
            VmRSS:\t  151248 kB
            Threads:\t42
            """;

    @TempDir
    Path directory;

    private List<MetricFamilySamples> collect(Path status) {
        return new ProcessCollector(
                        ManagementFactory.getOperatingSystemMXBean(), ManagementFactory.getRuntimeMXBean(), status)
                .collect();
    }

    private static OptionalLong value(List<MetricFamilySamples> families, String name) {
        return families.stream()
                .filter(f -> f.name.equals(name))
                .flatMap(f -> f.samples.stream())
                .mapToLong(s -> (long) s.value)
                .findFirst();
    }

    @Test
    void readsResidentAndVirtualMemoryFromProcStatusInBytes() throws IOException {
        Path status = Files.writeString(directory.resolve("status"), STATUS);

        List<MetricFamilySamples> families = collect(status);

        assertThat(value(families, "promregator_process_resident_memory_bytes")).hasValue(151248L * 1024);
        assertThat(value(families, "promregator_process_virtual_memory_bytes")).hasValue(9241804L * 1024);
    }

    @Test
    void leavesMemoryOutWithoutProcStatus() {
        List<MetricFamilySamples> families = collect(directory.resolve("missing"));

        assertThat(families)
                .extracting(f -> f.name)
                .doesNotContain(
                        "promregator_process_resident_memory_bytes", "promregator_process_virtual_memory_bytes");
        assertThat(families).extracting(f -> f.name).contains("promregator_process_start_time_seconds");
    }

    @Test
    void ignoresAFieldThatIsNotANumber() {
        assertThat(ProcessCollector.kibibytes("VmRSS:\tlots kB\n", "VmRSS")).isEmpty();
        assertThat(ProcessCollector.kibibytes("VmRSSx:\t12 kB\nVmRSS:\t3 kB\n", "VmRSS"))
                .hasValue(3 * 1024);
    }
}
