package dev.nabla.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Scalar-vs-vector parity of the elementwise kernels at awkward sizes (Lucene's TestVectorUtilSupport pattern):
 * bit-identical for every unary op (the transcendental ones take the scalar definitions).
 */
class VectorKernelsTest {
    private static final int[] SIZES = {1, 7, 13, 17, 31, 33, 207, 702, 1023};
    private static final Kernels SCALAR = new ScalarKernels();
    private static final Kernels VECTOR = vector();

    private static Kernels vector() {
        try {
            return (Kernels) Class.forName("dev.nabla.kernels.vector.VectorKernels").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("the tests run with --add-modules jdk.incubator.vector", e);
        }
    }

    @Test
    void providerPicksVectorKernelsWhenTheModuleIsPresent() {
        boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        boolean forcedScalar = "scalar".equals(System.getProperty("nabla.kernels"));
        if (present && !forcedScalar) {
            assertTrue(KernelProvider.get().name().startsWith("vector"), KernelProvider.get().name());
        }
        assertTrue(VECTOR.name().startsWith("vector-"), VECTOR.name());
    }

    /** Random values of all magnitudes plus the special ones every kernel must pass through correctly. */
    private static float[] data(Random r, int n, float scale) {
        float[] specials = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1f, -1f,
                Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE};
        float[] x = new float[n + 8];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextInt(16) == 0 ? specials[r.nextInt(specials.length)] : (float) (r.nextGaussian() * scale);
        }
        return x;
    }

    private static void assertBits(float expected, float actual, String what) {
        if (Float.floatToIntBits(expected) != Float.floatToIntBits(actual)) {
            fail(what + ": expected " + expected + " but was " + actual);
        }
    }

    @Test
    void binaryMatchesScalarBitForBit() {
        Random r = new Random(1);
        for (BinaryOp op : BinaryOp.values()) {
            for (int n : SIZES) {
                float[] a = data(r, n, 3), b = data(r, n, 3);
                float[] expected = new float[n + 9], actual = new float[n + 9];
                java.util.Arrays.fill(actual, 42f);
                java.util.Arrays.fill(expected, 42f);
                SCALAR.binary(op, a, 3, b, 5, expected, 1, n);
                VECTOR.binary(op, a, 3, b, 5, actual, 1, n);
                for (int i = 0; i < expected.length; i++) assertBits(expected[i], actual[i], op + " n=" + n + " i=" + i);
            }
        }
    }

    @Test
    void binaryScalarMatchesScalarBitForBit() {
        Random r = new Random(2);
        float[] scalars = {2.5f, -0.75f, 0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, 1e-3f};
        for (BinaryOp op : BinaryOp.values()) {
            for (float s : scalars) {
                for (int n : SIZES) {
                    float[] a = data(r, n, 3);
                    float[] expected = new float[n + 4], actual = new float[n + 4];
                    java.util.Arrays.fill(actual, 42f);
                    java.util.Arrays.fill(expected, 42f);
                    SCALAR.binaryScalar(op, a, 7, s, expected, 2, n);
                    VECTOR.binaryScalar(op, a, 7, s, actual, 2, n);
                    for (int i = 0; i < expected.length; i++) {
                        assertBits(expected[i], actual[i], op + " s=" + s + " n=" + n + " i=" + i);
                    }
                }
            }
        }
    }

    @Test
    void unaryMatchesScalar() {
        Random r = new Random(3);
        for (UnaryOp op : UnaryOp.values()) {
            for (float scale : new float[] {1f, 30f, 1000f}) {
                for (int n : SIZES) {
                    float[] a = data(r, n, scale);
                    if (op == UnaryOp.LOG) for (int i = 0; i < a.length; i += 2) a[i] = Math.abs(a[i]);
                    float[] expected = new float[n + 4], actual = new float[n + 4];
                    java.util.Arrays.fill(actual, 42f);
                    java.util.Arrays.fill(expected, 42f);
                    SCALAR.unary(op, a, 4, expected, 3, n);
                    VECTOR.unary(op, a, 4, actual, 3, n);
                    for (int i = 0; i < expected.length; i++) {
                        String what = op + " n=" + n + " i=" + i + " x=" + (i >= 3 && i < n + 3 ? a[i + 1] : Float.NaN);
                        assertBits(expected[i], actual[i], what);
                    }
                }
            }
        }
    }

    /**
     * The transcendental functions equal the scalar definitions bit for bit over wide ranges, also after many calls
     * (once C2 has compiled the kernel): a vector math library's version differed by an ulp on ~1% of inputs only in
     * compiled code, which made seeded training runs depend on the JIT's timing.
     */
    @Test
    void transcendentalsEqualTheScalarDefinitionsAlsoOnceCompiled() {
        int n = 1 << 12;
        float[] x = new float[n], expected = new float[n], actual = new float[n];
        Object[][] cases = {
                {UnaryOp.EXP, -104f, 89f}, {UnaryOp.EXP, -30f, 0f}, {UnaryOp.TANH, -12f, 12f},
                {UnaryOp.SIGMOID, -110f, 110f}, {UnaryOp.LOG, 0f, 1e30f}, {UnaryOp.LOG, 0f, 1e-30f},
                {UnaryOp.SIN, -1e5f, 1e5f}, {UnaryOp.COS, -1e5f, 1e5f},
        };
        for (int rep = 0; rep < 2000; rep++) {
            for (Object[] c : cases) {
                UnaryOp op = (UnaryOp) c[0];
                float lo = (float) c[1], hi = (float) c[2];
                for (int i = 0; i < n; i++) x[i] = lo + (hi - lo) * (i + rep / 2000f) / n;
                VECTOR.unary(op, x, 0, actual, 0, n);
                if (rep != 99 && rep != 1999) continue;
                SCALAR.unary(op, x, 0, expected, 0, n);
                for (int i = 0; i < n; i++) assertBits(expected[i], actual[i], op + "(" + x[i] + ")");
            }
        }
    }

    @Test
    void sumMatchesDoubleReference() {
        Random r = new Random(4);
        for (int n : SIZES) {
            float[] a = new float[n + 5];
            for (int i = 0; i < a.length; i++) a[i] = (float) r.nextGaussian() * 100;
            double ref = 0, abs = 0;
            for (int i = 0; i < n; i++) { ref += a[i + 2]; abs += Math.abs(a[i + 2]); }
            assertEquals(ref, VECTOR.sum(a, 2, n), abs * 1e-15 * n + 1e-12, "n=" + n);
            assertEquals(SCALAR.sum(a, 2, n), VECTOR.sum(a, 2, n), abs * 1e-15 * n + 1e-12, "n=" + n);
        }
        assertEquals(0.0, VECTOR.sum(new float[3], 1, 0));
    }

    @Test
    void axpyMatchesScalarBitForBit() {
        Random r = new Random(5);
        for (int n : SIZES) {
            float[] x = data(r, n, 2), y0 = data(r, n + 3, 2);
            float[] expected = y0.clone(), actual = y0.clone();
            SCALAR.axpy(n, -0.37f, x, 6, expected, 2);
            VECTOR.axpy(n, -0.37f, x, 6, actual, 2);
            for (int i = 0; i < expected.length; i++) assertBits(expected[i], actual[i], "axpy n=" + n + " i=" + i);
        }
    }

    /** A warm-up as Nabla.warmUp() starts one, with a 10 s budget, on a daemon thread. */
    private static Thread warmUpInBackground() {
        WarmUpStop.reset();
        Thread warmUp = new Thread(() -> VECTOR.warmUp(10_000_000_000L));
        warmUp.setDaemon(true);
        warmUp.start();
        return warmUp;
    }

    @Test
    void warmUpStopsAtTheProgramsFirstGemm() throws Exception {
        Thread warmUp = warmUpInBackground();
        Thread.sleep(50);
        assertTrue(warmUp.isAlive(), "runs until the program computes");
        float[] c = new float[4];
        VECTOR.sgemm(false, false, 2, 2, 2, new float[] {1, 2, 3, 4}, 0, 2, new float[] {5, 6, 7, 8}, 0, 2, c, 0, 2, false);
        assertArrayEquals(new float[] {19, 22, 43, 50}, c);
        // Far less than its 10 s budget: it stops at its next round.
        warmUp.join(5_000);
        assertFalse(warmUp.isAlive(), "the warm-up stopped at the program's first GEMM");
    }

    @Test
    void aFloat64ProductStopsTheWarmUpToo() throws Exception {
        Thread warmUp = warmUpInBackground();
        double[] c = new double[1];
        VECTOR.dgemm(false, false, 1, 1, 1, new double[] {3}, 0, 1, new double[] {4}, 0, 1, c, 0, 1, false);
        assertEquals(12.0, c[0]);
        warmUp.join(5_000);
        assertFalse(warmUp.isAlive(), "the warm-up stopped at the program's float64 product");
    }

    @Test
    void warmUpRunsWithinItsBudgetAndLeavesResultsUnchanged() {
        float[] a = {1, 2, 3, 4}, b = {5, 6, 7, 8}, before = new float[4], after = new float[4];
        VECTOR.sgemm(false, false, 2, 2, 2, a, 0, 2, b, 0, 2, before, 0, 2, false);
        WarmUpStop.reset(); // as Nabla.warmUp() does: the loop runs its whole budget, nothing else computes
        VECTOR.warmUp(20_000_000L);
        SCALAR.warmUp(20_000_000L);
        VECTOR.sgemm(false, false, 2, 2, 2, a, 0, 2, b, 0, 2, after, 0, 2, false);
        assertArrayEquals(new float[] {19, 22, 43, 50}, after);
        assertArrayEquals(before, after);
    }
}
