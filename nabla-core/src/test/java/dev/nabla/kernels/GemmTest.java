package dev.nabla.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * sgemm of both kernels against a float64 reference: every trans combination, awkward sizes that leave ragged
 * edges in every blocking dimension, leading dimensions wider than the rows, offsets, and accumulate on and off.
 */
class GemmTest {
    private static final Kernels SCALAR = new ScalarKernels();
    private static final Kernels VECTOR = vector();
    private static final int[] SIZES = {1, 7, 13, 17, 31, 33, 65};

    private static Kernels vector() {
        try {
            return (Kernels) Class.forName("dev.nabla.kernels.vector.VectorKernels").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("the tests run with --add-modules jdk.incubator.vector", e);
        }
    }

    /** One GEMM problem laid out in padded arrays, with its float64 reference result and error bound. */
    private static final class Problem {
        final boolean transA, transB, accumulate;
        final int m, n, k, lda, ldb, ldc, aOff, bOff, cOff;
        final float[] a, b, c0;
        final double[] ref, bound;

        Problem(Random r, boolean transA, boolean transB, int m, int n, int k, boolean accumulate) {
            this.transA = transA;
            this.transB = transB;
            this.m = m;
            this.n = n;
            this.k = k;
            this.accumulate = accumulate;
            int aRows = transA ? k : m, aCols = transA ? m : k;
            int bRows = transB ? n : k, bCols = transB ? k : n;
            lda = aCols + r.nextInt(3);
            ldb = bCols + r.nextInt(3);
            ldc = n + r.nextInt(3);
            aOff = r.nextInt(5);
            bOff = r.nextInt(5);
            cOff = r.nextInt(5);
            a = random(r, aOff + aRows * lda + 3);
            b = random(r, bOff + bRows * ldb + 3);
            c0 = random(r, cOff + m * ldc + 3);
            if (!accumulate) {
                // C's old contents must be ignored entirely, NaNs included.
                for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) c0[cOff + i * ldc + j] = Float.NaN;
            }
            ref = new double[m * n];
            bound = new double[m * n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0, mag = 0;
                    for (int p = 0; p < k; p++) {
                        double x = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                        double y = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                        s += x * y;
                        mag += Math.abs(x * y);
                    }
                    if (accumulate) {
                        s += c0[cOff + i * ldc + j];
                        mag += Math.abs(c0[cOff + i * ldc + j]);
                    }
                    ref[i * n + j] = s;
                    // Any summation order in float32 stays within (k + 1) roundings of the magnitude sum.
                    bound[i * n + j] = (k + 2) * 0x1p-24 * mag + 1e-30;
                }
            }
        }

        static float[] random(Random r, int len) {
            float[] x = new float[len];
            for (int i = 0; i < len; i++) x[i] = (float) (r.nextGaussian());
            return x;
        }

        float[] run(Kernels kernels) {
            float[] c = c0.clone();
            kernels.sgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            return c;
        }

        void check(float[] c, String who) {
            String what = who + " transA=" + transA + " transB=" + transB + " m=" + m + " n=" + n + " k=" + k
                    + " accumulate=" + accumulate;
            for (int idx = 0; idx < c.length; idx++) {
                int rel = idx - cOff;
                int i = rel >= 0 ? rel / ldc : -1, j = rel >= 0 ? rel % ldc : -1;
                if (i >= 0 && i < m && j < n) {
                    double diff = Math.abs(c[idx] - ref[i * n + j]);
                    if (!(diff <= bound[i * n + j])) {
                        fail(what + ": C(" + i + "," + j + ") = " + c[idx] + ", reference " + ref[i * n + j]
                                + ", bound " + bound[i * n + j]);
                    }
                } else if (Float.floatToIntBits(c[idx]) != Float.floatToIntBits(c0[idx])) {
                    fail(what + ": wrote outside C at index " + idx);
                }
            }
        }
    }

    @Test
    void smallShapesAllTransCombinations() {
        Random r = new Random(11);
        int count = 0;
        for (int m : SIZES) {
            for (int n : SIZES) {
                for (int k : SIZES) {
                    for (int t = 0; t < 4; t++) {
                        Problem p = new Problem(r, (t & 1) != 0, (t & 2) != 0, m, n, k, ((count++) & 1) == 0);
                        p.check(p.run(VECTOR), "vector");
                    }
                }
            }
        }
    }

    @Test
    void scalarKernelsAgreeWithTheReferenceToo() {
        Random r = new Random(12);
        int[] sizes = {1, 7, 17, 33};
        for (int m : sizes) for (int n : sizes) for (int k : sizes) for (int t = 0; t < 4; t++) {
            Problem p = new Problem(r, (t & 1) != 0, (t & 2) != 0, m, n, k, r.nextBoolean());
            p.check(p.run(SCALAR), "scalar");
        }
    }

    @Test
    void shapesThatCrossBlockBoundaries() {
        // 207 and 241 cross MC = 240 unevenly; 300 and 513 cross KC = 256; 65 and 207 leave ragged NR edges.
        // One-row products: 1x257x300 and 1x1023x784 are split over the threads with a ragged last group of rows.
        int[][] shapes = {
                {207, 207, 207}, {207, 65, 13}, {13, 207, 65}, {65, 13, 207}, {256, 300, 129},
                {241, 33, 300}, {64, 256, 784}, {17, 31, 513}, {1, 207, 300}, {207, 1, 300},
                {1, 257, 300}, {1, 1023, 784}, {1, 6, 785},
        };
        Random r = new Random(13);
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                for (boolean acc : new boolean[] {false, true}) {
                    Problem p = new Problem(r, (t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], acc);
                    p.check(p.run(VECTOR), "vector");
                }
            }
        }
    }

    @Test
    void kZeroClearsOrKeepsC() {
        float[] c = {1, 2, 3, 4, 5, 6};
        VECTOR.sgemm(false, false, 2, 2, 0, new float[0], 0, 0, new float[0], 0, 2, c, 1, 3, true);
        assertEquals(List.of(1f, 2f, 3f, 4f, 5f, 6f), box(c));
        VECTOR.sgemm(false, false, 2, 2, 0, new float[0], 0, 0, new float[0], 0, 2, c, 1, 3, false);
        assertEquals(List.of(1f, 0f, 0f, 4f, 0f, 0f), box(c));
    }

    private static List<Float> box(float[] x) {
        List<Float> list = new ArrayList<>();
        for (float v : x) list.add(v);
        return list;
    }

    /**
     * The parallel path splits M or N into whole panels (N for the 9x1000x300 shapes and Linear's 64x256x784 with
     * transposed B, M for the others), so each element of C is summed in the same order as on one thread: the
     * results must be bit-identical. A GEMM called from inside a Parallel part runs inline (the pool is busy),
     * which gives the single-thread result to compare against.
     */
    @Test
    void parallelPathMatchesSingleThreadBitForBit() {
        Random r = new Random(14);
        int[][] shapes = {{256, 300, 129}, {64, 256, 784}, {512, 512, 512}, {9, 1000, 300}, {207, 207, 207}};
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                Problem p = new Problem(r, (t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], t == 1);
                float[] parallel = p.run(VECTOR);
                float[][] single = new float[1][];
                Parallel.forEach(2, part -> { if (part == 0) single[0] = p.run(VECTOR); });
                p.check(parallel, "vector parallel");
                for (int i = 0; i < parallel.length; i++) {
                    if (Float.floatToIntBits(parallel[i]) != Float.floatToIntBits(single[0][i])) {
                        fail("parallel and single-thread results differ at " + i + " for shape " + s[0] + "x" + s[1] + "x" + s[2]);
                    }
                }
            }
        }
    }

    @Test
    void concurrentCallersGetCorrectResults() throws Exception {
        // Several threads at once: one gets the pool, the others run inline; per-thread packing buffers must not mix.
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < 6; w++) {
                final int seed = w;
                futures.add(pool.submit(() -> {
                    Random r = new Random(100 + seed);
                    for (int rep = 0; rep < 8; rep++) {
                        int m = 64 + r.nextInt(200), n = 64 + r.nextInt(200), k = 64 + r.nextInt(300);
                        Problem p = new Problem(r, r.nextBoolean(), r.nextBoolean(), m, n, k, r.nextBoolean());
                        p.check(p.run(VECTOR), "vector concurrent");
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) f.get();
        } finally {
            pool.shutdown();
        }
        assertTrue(Parallel.threads() >= 1);
    }
}
