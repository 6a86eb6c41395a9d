package io.promregator.core.metrics;

import io.prometheus.client.Collector;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.RuntimeMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The process's CPU time, start time, file descriptors and memory, under the names of the Prometheus
 * client libraries' standard process metrics, with the {@code promregator_} prefix as the original
 * exposed them. CPU time needs the {@code com.sun.management} MXBean, file descriptors a Unix system,
 * and memory a readable {@code /proc/self/status} (Linux); a metric whose source is missing is left out.
 * Thread-safe.
 */
final class ProcessCollector extends Collector {
    private static final String PREFIX = "promregator_process_";
    private static final Path PROC_STATUS = Path.of("/proc/self/status");

    private final OperatingSystemMXBean system;
    private final RuntimeMXBean runtime;
    private final Path status;

    ProcessCollector() {
        this(ManagementFactory.getOperatingSystemMXBean(), ManagementFactory.getRuntimeMXBean(), PROC_STATUS);
    }

    /** @param status a file in the format of Linux's {@code /proc/self/status} */
    ProcessCollector(OperatingSystemMXBean system, RuntimeMXBean runtime, Path status) {
        this.system = system;
        this.runtime = runtime;
        this.status = status;
    }

    @Override
    public List<MetricFamilySamples> collect() {
        List<MetricFamilySamples> families = new ArrayList<>();
        if (system instanceof com.sun.management.OperatingSystemMXBean sun && sun.getProcessCpuTime() >= 0) {
            families.add(Family.counter(PREFIX + "cpu_seconds", "Total user and system CPU time spent in seconds.")
                    .unit("seconds")
                    .add(sun.getProcessCpuTime() / NANOSECONDS_PER_SECOND)
                    .build());
        }
        families.add(
                Family.gauge(PREFIX + "start_time_seconds", "Start time of the process since unix epoch in seconds.")
                        .unit("seconds")
                        .add(runtime.getStartTime() / MILLISECONDS_PER_SECOND)
                        .build());
        if (system instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            families.add(Family.gauge(PREFIX + "open_fds", "Number of open file descriptors.")
                    .add(unix.getOpenFileDescriptorCount())
                    .build());
            families.add(Family.gauge(PREFIX + "max_fds", "Maximum number of open file descriptors.")
                    .add(unix.getMaxFileDescriptorCount())
                    .build());
        }
        String text = readStatus();
        kibibytes(text, "VmSize")
                .ifPresent(bytes ->
                        families.add(Family.gauge(PREFIX + "virtual_memory_bytes", "Virtual memory size in bytes.")
                                .unit("bytes")
                                .add(bytes)
                                .build()));
        kibibytes(text, "VmRSS")
                .ifPresent(bytes ->
                        families.add(Family.gauge(PREFIX + "resident_memory_bytes", "Resident memory size in bytes.")
                                .unit("bytes")
                                .add(bytes)
                                .build()));
        return families;
    }

    private String readStatus() {
        try {
            return Files.isReadable(status) ? Files.readString(status, StandardCharsets.UTF_8) : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** A line such as {@code VmRSS:	  123456 kB}, in bytes. */
    static OptionalLong kibibytes(String status, String field) {
        for (String line : status.split("\n")) {
            if (line.startsWith(field + ":")) {
                String[] parts = line.substring(field.length() + 1).trim().split("\\s+");
                try {
                    long value = Long.parseLong(parts[0]);
                    return OptionalLong.of(parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? value * 1024 : value);
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }
}
