package dev.nabla;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ops and backward passes on several threads at once give the same results as on one thread: no kernel, pool or
 * grad-mode state leaks between threads (services run inference on many threads).
 */
class ConcurrencyTest {
    private static final int THREADS = 4, ROUNDS = 6;

    /** A small training-like step: forward, loss, backward; returns the output and both gradients. */
    private static float[][] step(Tensor x, Tensor w1, Tensor w2) {
        Tensor a = w1.detach().clone().requiresGrad(true);
        Tensor b = w2.detach().clone().requiresGrad(true);
        Tensor out = x.matmul(a.t()).relu().matmul(b).logSoftmax(1);
        out.mean().backward();
        return new float[][] {out.toFloatArray(), a.grad().toFloatArray(), b.grad().toFloatArray()};
    }

    @Test
    void parallelForwardAndBackwardMatchSequential() throws Exception {
        Generator g = new Generator(3);
        Tensor x = randn(g, 96, 200), w1 = randn(g, 150, 200), w2 = randn(g, 150, 40);
        float[][] expected = step(x, w1, w2);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<float[][]>> results = new ArrayList<>();
            for (int i = 0; i < THREADS * ROUNDS; i++) results.add(pool.submit(() -> step(x, w1, w2)));
            for (Future<float[][]> f : results) {
                float[][] got = f.get();
                for (int k = 0; k < expected.length; k++) assertArrayEquals(expected[k], got[k], 1e-5f);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void noGradOnOneThreadLeavesOthersRecording() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Boolean> inference = pool.submit(() -> {
                boolean leaked = false;
                try (var ng = Nabla.noGrad()) {
                    for (int i = 0; i < 200; i++) leaked |= Nabla.ones(2).requiresGrad(false).mul(2).requiresGrad();
                }
                return leaked;
            });
            Future<Boolean> training = pool.submit(() -> {
                boolean recorded = true;
                for (int i = 0; i < 200; i++) recorded &= Nabla.ones(2).requiresGrad(true).mul(2).requiresGrad();
                return recorded;
            });
            assertFalse(inference.get());
            assertTrue(training.get());
        } finally {
            pool.shutdownNow();
        }
    }

    private static Tensor randn(Generator g, int... shape) {
        int n = 1;
        for (int s : shape) n *= s;
        float[] v = new float[n];
        g.fillNormal(v, 0, n, 0, 0.1);
        return Nabla.tensor(v, shape);
    }
}
