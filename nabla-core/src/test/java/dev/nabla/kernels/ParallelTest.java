package dev.nabla.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParallelTest {

    @Test
    void everyPartRunsExactlyOnce() {
        for (int parts : new int[] {0, 1, 2, 3, 17}) {
            for (int rep = 0; rep < 200; rep++) {
                AtomicIntegerArray runs = new AtomicIntegerArray(Math.max(parts, 1));
                Parallel.forEach(parts, runs::incrementAndGet);
                for (int i = 0; i < parts; i++) assertEquals(1, runs.get(i), "part " + i + " of " + parts);
            }
        }
    }

    @Test
    void nestedCallsRunInline() {
        AtomicIntegerArray runs = new AtomicIntegerArray(4);
        Parallel.forEach(2, outer -> Parallel.forEach(2, inner -> runs.incrementAndGet(outer * 2 + inner)));
        for (int i = 0; i < 4; i++) assertEquals(1, runs.get(i));
    }

    @Test
    void exceptionsReachTheCallerAndThePoolKeepsWorking() {
        IllegalStateException boom = new IllegalStateException("boom");
        for (int rep = 0; rep < 50; rep++) {
            RuntimeException thrown = assertThrows(RuntimeException.class,
                    () -> Parallel.forEach(2, i -> { if (i == 1) throw boom; }));
            assertSame(boom, thrown);
        }
        everyPartRunsExactlyOnce();
    }

    @Test
    void manyConcurrentCallersNeverDeadlock() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    for (int rep = 0; rep < 2000; rep++) {
                        AtomicIntegerArray runs = new AtomicIntegerArray(3);
                        Parallel.forEach(3, runs::incrementAndGet);
                        for (int i = 0; i < 3; i++) assertEquals(1, runs.get(i));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) f.get();
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void workersWakeAfterParking() throws Exception {
        Thread.sleep(5); // long enough past the spin window that the workers park
        AtomicIntegerArray runs = new AtomicIntegerArray(2);
        Parallel.forEach(2, runs::incrementAndGet);
        assertEquals(1, runs.get(0));
        assertEquals(1, runs.get(1));
    }
}
