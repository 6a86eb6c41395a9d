package io.promregator.core.metrics;

import io.prometheus.client.Collector;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The JVM's garbage collectors, threads, classes and version, read from its MXBeans at each collection,
 * under the names simpleclient_hotspot gives them, with the {@code promregator_} prefix as the original
 * exposed them. Garbage collection time is in seconds. Thread-safe.
 */
final class JvmRuntimeCollector extends Collector {
    private static final String PREFIX = "promregator_jvm_";

    private final List<GarbageCollectorMXBean> collectors;
    private final ThreadMXBean threads;
    private final ClassLoadingMXBean classes;

    JvmRuntimeCollector() {
        this(
                ManagementFactory.getGarbageCollectorMXBeans(),
                ManagementFactory.getThreadMXBean(),
                ManagementFactory.getClassLoadingMXBean());
    }

    JvmRuntimeCollector(List<GarbageCollectorMXBean> collectors, ThreadMXBean threads, ClassLoadingMXBean classes) {
        this.collectors = List.copyOf(collectors);
        this.threads = threads;
        this.classes = classes;
    }

    @Override
    public List<MetricFamilySamples> collect() {
        return List.of(
                garbageCollection(),
                Family.gauge(PREFIX + "threads_current", "Current thread count of the JVM.")
                        .add(threads.getThreadCount())
                        .build(),
                Family.gauge(PREFIX + "threads_daemon", "Daemon thread count of the JVM.")
                        .add(threads.getDaemonThreadCount())
                        .build(),
                Family.gauge(PREFIX + "threads_peak", "Peak thread count of the JVM.")
                        .add(threads.getPeakThreadCount())
                        .build(),
                Family.counter(PREFIX + "threads_started", "Threads started since the JVM started.")
                        .add(threads.getTotalStartedThreadCount())
                        .build(),
                Family.gauge(
                                PREFIX + "threads_deadlocked",
                                "Threads in deadlock cycles waiting to acquire object monitors or ownable"
                                        + " synchronizers.")
                        .add(length(threads.findDeadlockedThreads()))
                        .build(),
                Family.gauge(
                                PREFIX + "threads_deadlocked_monitor",
                                "Threads in deadlock cycles waiting to acquire object monitors.")
                        .add(length(threads.findMonitorDeadlockedThreads()))
                        .build(),
                threadStates(),
                Family.gauge(PREFIX + "classes_currently_loaded", "Classes currently loaded in the JVM.")
                        .add(classes.getLoadedClassCount())
                        .build(),
                Family.counter(PREFIX + "classes_loaded", "Classes loaded since the JVM started.")
                        .add(classes.getTotalLoadedClassCount())
                        .build(),
                Family.counter(PREFIX + "classes_unloaded", "Classes unloaded since the JVM started.")
                        .add(classes.getUnloadedClassCount())
                        .build(),
                Family.info("promregator_jvm", "The JVM's version.", "version", "vendor", "runtime")
                        .add(
                                1,
                                System.getProperty("java.runtime.version", "unknown"),
                                System.getProperty("java.vm.vendor", "unknown"),
                                System.getProperty("java.runtime.name", "unknown"))
                        .build());
    }

    private MetricFamilySamples garbageCollection() {
        Family family = Family.summary(
                        PREFIX + "gc_collection_seconds", "Time spent in a given JVM garbage collector.", "gc")
                .unit("seconds");
        for (GarbageCollectorMXBean collector : collectors) {
            long count = collector.getCollectionCount();
            long millis = collector.getCollectionTime();
            if (count >= 0 && millis >= 0) {
                family.addSummary(count, millis / MILLISECONDS_PER_SECOND, collector.getName());
            }
        }
        return family.build();
    }

    private MetricFamilySamples threadStates() {
        Map<Thread.State, Integer> counts = new EnumMap<>(Thread.State.class);
        for (Thread.State state : Thread.State.values()) {
            counts.put(state, 0);
        }
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds(), 0)) {
            if (info != null) {
                counts.merge(info.getThreadState(), 1, Integer::sum);
            }
        }
        Family family = Family.gauge(PREFIX + "threads_state", "Current count of threads by state.", "state");
        counts.forEach((state, count) -> family.add(count, state.name()));
        return family.build();
    }

    private static int length(long[] ids) {
        return ids == null ? 0 : ids.length;
    }
}
