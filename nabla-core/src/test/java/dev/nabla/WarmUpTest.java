package dev.nabla;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Nabla#warmUp()}: one background daemon thread, once per JVM, that leaves no trace in results. */
class WarmUpTest {

    private static long warmUpThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("nabla-warm-up")).count();
    }

    @Test
    void startsOneDaemonThreadOnceAndOpsStayCorrect() throws Exception {
        Nabla.warmUp();
        Nabla.warmUp();
        assertTrue(warmUpThreads() <= 1, "a second call starts nothing");
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("nabla-warm-up")) {
                assertTrue(t.isDaemon(), "never keeps the JVM alive");
                // Products computed while it runs use their own packing buffers (one set per thread).
                Tensor a = Nabla.arange(12).toFloat().reshape(3, 4), b = Nabla.arange(8).toFloat().reshape(4, 2);
                assertEquals(Nabla.tensor(new float[] {28, 34, 76, 98, 124, 162}, 3, 2).toString(), a.mm(b).toString());
                // That product was the program's first: the warm-up stops at its next round (VectorKernelsTest
                // checks the stop; no time limit here, on a loaded machine a round can be slow).
                t.join();
            }
        }
        assertEquals(0, warmUpThreads());
    }
}
