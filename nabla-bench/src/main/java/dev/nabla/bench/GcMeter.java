package dev.nabla.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * GC time and heap use between two points of a run, from the platform MXBeans: the evidence that a training
 * epoch allocates only short-lived garbage (GC time per epoch flat, heap after each epoch flat).
 */
final class GcMeter {
    private long startMillis;
    private long startCount;

    /** Marks the start of an interval. */
    void start() {
        startMillis = totalMillis();
        startCount = totalCount();
    }

    /** Milliseconds spent in GC (all collectors) since {@link #start()}. */
    long gcMillis() {
        return totalMillis() - startMillis;
    }

    /** Collections (all collectors) since {@link #start()}. */
    long gcCount() {
        return totalCount() - startCount;
    }

    /** Heap in use now, in MiB (live data plus garbage not yet collected). */
    static double heapUsedMiB() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }

    private static long totalMillis() {
        long t = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) t += Math.max(0, b.getCollectionTime());
        return t;
    }

    private static long totalCount() {
        long c = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) c += Math.max(0, b.getCollectionCount());
        return c;
    }
}
