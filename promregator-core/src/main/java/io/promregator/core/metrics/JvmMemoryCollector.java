package io.promregator.core.metrics;

import io.prometheus.client.Collector;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The JVM's memory, read from its MXBeans at each collection, under the names simpleclient_hotspot gives
 * them, with the {@code promregator_} prefix as the original exposed them: areas ({@code heap},
 * {@code nonheap}), memory pools, their usage after the last collection, and buffer pools. A maximum the
 * JVM does not define is -1. Thread-safe.
 */
final class JvmMemoryCollector extends Collector {
    private static final String PREFIX = "promregator_jvm_";

    private final MemoryMXBean memory;
    private final List<MemoryPoolMXBean> pools;
    private final List<BufferPoolMXBean> bufferPools;

    JvmMemoryCollector() {
        this(
                ManagementFactory.getMemoryMXBean(),
                ManagementFactory.getMemoryPoolMXBeans(),
                ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class));
    }

    JvmMemoryCollector(MemoryMXBean memory, List<MemoryPoolMXBean> pools, List<BufferPoolMXBean> bufferPools) {
        this.memory = memory;
        this.pools = List.copyOf(pools);
        this.bufferPools = List.copyOf(bufferPools);
    }

    @Override
    public List<MetricFamilySamples> collect() {
        MemoryUsage heap = memory.getHeapMemoryUsage();
        MemoryUsage nonHeap = memory.getNonHeapMemoryUsage();
        return List.of(
                Family.gauge(
                                PREFIX + "memory_objects_pending_finalization",
                                "The number of objects waiting in the finalizer queue.")
                        .add(memory.getObjectPendingFinalizationCount())
                        .build(),
                areas("used", "Used bytes of a given JVM memory area.", MemoryUsage::getUsed, heap, nonHeap),
                areas(
                        "committed",
                        "Committed bytes of a given JVM memory area.",
                        MemoryUsage::getCommitted,
                        heap,
                        nonHeap),
                areas("max", "Max bytes of a given JVM memory area.", MemoryUsage::getMax, heap, nonHeap),
                areas("init", "Initial bytes of a given JVM memory area.", MemoryUsage::getInit, heap, nonHeap),
                pools("bytes_used", "Used bytes of a given JVM memory pool.", MemoryUsage::getUsed, false),
                pools(
                        "bytes_committed",
                        "Committed bytes of a given JVM memory pool.",
                        MemoryUsage::getCommitted,
                        false),
                pools("bytes_max", "Max bytes of a given JVM memory pool.", MemoryUsage::getMax, false),
                pools("bytes_init", "Initial bytes of a given JVM memory pool.", MemoryUsage::getInit, false),
                pools(
                        "collection_used_bytes",
                        "Used bytes after the last collection of a given JVM memory pool.",
                        MemoryUsage::getUsed,
                        true),
                pools(
                        "collection_committed_bytes",
                        "Committed bytes after the last collection of a given JVM memory pool.",
                        MemoryUsage::getCommitted,
                        true),
                pools(
                        "collection_max_bytes",
                        "Max bytes after the last collection of a given JVM memory pool.",
                        MemoryUsage::getMax,
                        true),
                pools(
                        "collection_init_bytes",
                        "Initial bytes after the last collection of a given JVM memory pool.",
                        MemoryUsage::getInit,
                        true),
                buffers("used_bytes", "Used bytes of a given JVM buffer pool.", BufferPoolMXBean::getMemoryUsed),
                buffers(
                        "capacity_bytes",
                        "Bytes capacity of a given JVM buffer pool.",
                        BufferPoolMXBean::getTotalCapacity),
                buffers("used_buffers", "Used buffers of a given JVM buffer pool.", BufferPoolMXBean::getCount));
    }

    private static MetricFamilySamples areas(
            String what, String help, ToLongFunction<MemoryUsage> value, MemoryUsage heap, MemoryUsage nonHeap) {
        return Family.gauge(PREFIX + "memory_bytes_" + what, help, "area")
                .add(value.applyAsLong(heap), "heap")
                .add(value.applyAsLong(nonHeap), "nonheap")
                .build();
    }

    /** One family over all pools; {@code afterCollection} for the usage after the last GC (bytes, with unit). */
    private MetricFamilySamples pools(
            String what, String help, ToLongFunction<MemoryUsage> value, boolean afterCollection) {
        Family family = Family.gauge(PREFIX + "memory_pool_" + what, help, "pool");
        if (afterCollection) {
            family.unit("bytes");
        }
        for (MemoryPoolMXBean pool : pools) {
            MemoryUsage usage = afterCollection ? pool.getCollectionUsage() : pool.getUsage();
            if (usage != null) {
                family.add(value.applyAsLong(usage), pool.getName());
            }
        }
        return family.build();
    }

    private MetricFamilySamples buffers(String what, String help, ToLongFunction<BufferPoolMXBean> value) {
        Family family = Family.gauge(PREFIX + "buffer_pool_" + what, help, "pool");
        if (what.endsWith("_bytes")) {
            family.unit("bytes");
        }
        for (BufferPoolMXBean pool : bufferPools) {
            family.add(value.applyAsLong(pool), pool.getName());
        }
        return family.build();
    }
}
