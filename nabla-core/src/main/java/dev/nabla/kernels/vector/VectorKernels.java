package dev.nabla.kernels.vector;

import dev.nabla.kernels.BinaryOp;
import dev.nabla.kernels.Kernels;
import dev.nabla.kernels.UnaryOp;
import dev.nabla.kernels.WarmUpStop;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernels, loaded by name by {@link dev.nabla.kernels.KernelProvider} when
 * {@code jdk.incubator.vector} is readable (this class must never be linked from elsewhere).
 *
 * <p>Every loop has its own operator written out rather than passed in: a lanewise call whose operator is not a
 * compile-time constant is not intrinsified and runs hundreds of times slower. Results are bit-identical to
 * {@link dev.nabla.kernels.ScalarKernels} except where noted: {@code exp, log, tanh, sin, cos} use the JDK's
 * vector math library (within 1 ulp of the scalar definition), {@code sum} adds in a different order (still in
 * double), and {@code sgemm} sums its products in a different order, with FMA.
 */
public final class VectorKernels implements Kernels {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int FL = F.length();
    /** Doubles for sigmoid and sum: the widest double species, fed by a float species of the same lane count. */
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> FD = VectorSpecies.of(float.class, VectorShape.forBitSize(D.length() * 32));
    private static final int DL = D.length();

    /** The GEMM alone for this long at the start of the warm-up. */
    private static final long GEMM_ONLY_NANOS = 240_000_000L;

    /**
     * The kernels a training step calls, on throwaway data, one round after another until the program's first
     * matrix product ({@link WarmUpStop}) or the end of the budget: the GEMM in its four layouts at a size whose
     * tiles are all full (64x64x256, large enough to take the compute pool's parallel path too), alone for the first
     * 0.24 s, then also at a ragged size (37x45x29: edge tiles, scalar packing tails), the 2x2 max pool with and
     * without its ReLU, and the elementwise and sum kernels. Only on request
     * ({@code Nabla.warmUp()}), never on its own: a background warm-up that started by itself at first use ran
     * alongside the program's first steps, and on two cores that made the first epoch of the seed MLP slower
     * (2.7-3.2 s against 2.2-2.3 s). Run while the program loads its data, the kernels' loops are hot, so C2
     * compiles them during the load instead of during the first steps, which otherwise run them uncompiled (boxed
     * vectors, ~100x slower). A branch the warm-up never took would deoptimise the compiled code at its first use,
     * hence the ragged shape: with the full-tile GEMM and no pooling, the cnn's first step took 0.85-1.0 s, of
     * which 2x2 pooling was a third and GEMM packing and edges a quarter (JFR samples).
     */
    @Override
    public void warmUp(long budgetNanos) {
        float[] a = new float[64 * 256], b = new float[256 * 64], c = new float[64 * 64];
        float[] x = new float[4096], y = new float[4096], z = new float[4096];
        float[] pooled = new float[4 * 16 * 16];
        int[] at = new int[pooled.length];
        // The GEMM alone first: every training step needs it from the start, and compiling the other kernels
        // alongside from the beginning delayed it (the seed MLP's first epoch 1.21-1.23 s against 1.23-1.34 s;
        // the cnn's first 50 steps cost ~0.1 s more this way, against a 16 s epoch).
        long start = System.nanoTime(), deadline = start + budgetNanos, gemmOnly = start + GEMM_ONLY_NANOS;
        for (int i = 0; System.nanoTime() < deadline && !WarmUpStop.programComputed(); i++) {
            boolean ta = (i & 1) != 0, tb = (i & 2) != 0, acc = (i & 4) != 0;
            VectorGemm.sgemm(ta, tb, 64, 64, 256, a, 0, ta ? 64 : 256, b, 0, tb ? 256 : 64, c, 0, 64, acc);
            if (System.nanoTime() < gemmOnly) continue;
            VectorGemm.sgemm(ta, tb, 37, 45, 29, a, 0, ta ? 37 : 29, b, 0, tb ? 29 : 45, c, 0, 45, acc);
            VectorPool.maxPairs(x, 0, 32, 32, 16, 16, pooled, (i & 8) != 0 ? at : null, 0, 4, (i & 16) != 0);
            for (BinaryOp op : WARM_BINARY) binary(op, x, 0, y, 0, z, 0, x.length - (i & 7));
            binaryScalar(BinaryOp.MUL, x, 0, 0.5f, z, 0, x.length);
            unary(UnaryOp.RELU, x, 0, z, 0, x.length);
            sum(x, 0, x.length - (i & 7));
            axpy(x.length, 0.5f, x, 0, z, 0);
        }
    }

    /** The binary kernels of a training step: residual adds, the dropout mask, ReLU's backward. */
    private static final BinaryOp[] WARM_BINARY = {BinaryOp.ADD, BinaryOp.MUL, BinaryOp.RELU_BACKWARD};

    @Override
    public String name() {
        return "vector-" + F.vectorBitSize();
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float[] c, int cOff, int ldc, boolean accumulate) {
        WarmUpStop.programComputes();
        VectorGemm.sgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
    }

    @Override
    public void dgemm(boolean transA, boolean transB, int m, int n, int k,
                      double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                      double[] c, int cOff, int ldc, boolean accumulate) {
        WarmUpStop.programComputes();
        DoubleGemm.dgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
    }

    // ---------------------------------------------------------------- binary

    @Override
    public void binary(BinaryOp op, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        int i = switch (op) {
            case ADD -> add(a, aOff, b, bOff, out, outOff, n);
            case SUB -> sub(a, aOff, b, bOff, out, outOff, n);
            case MUL -> mul(a, aOff, b, bOff, out, outOff, n);
            case DIV -> div(a, aOff, b, bOff, out, outOff, n);
            case MAXIMUM -> max(a, aOff, b, bOff, out, outOff, n);
            case MINIMUM -> min(a, aOff, b, bOff, out, outOff, n);
            case RELU_BACKWARD -> reluBackward(a, aOff, b, bOff, out, outOff, n);
            case SIGMOID_BACKWARD -> sigmoidBackward(a, aOff, b, bOff, out, outOff, n);
            case TANH_BACKWARD -> tanhBackward(a, aOff, b, bOff, out, outOff, n);
            case POW -> 0; // Math.pow's special cases are not worth re-deriving: scalar
        };
        // The tail (and POW) by the scalar definition.
        for (; i < n; i++) out[outOff + i] = op.apply(a[aOff + i], b[bOff + i]);
    }

    private static int add(float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += FL) {
            FloatVector.fromArray(F, a, ao + i).add(FloatVector.fromArray(F, b, bo + i)).intoArray(o, oo + i);
        }
        return i;
    }

    private static int sub(float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += FL) {
            FloatVector.fromArray(F, a, ao + i).sub(FloatVector.fromArray(F, b, bo + i)).intoArray(o, oo + i);
        }
        return i;
    }

    private static int mul(float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += FL) {
            FloatVector.fromArray(F, a, ao + i).mul(FloatVector.fromArray(F, b, bo + i)).intoArray(o, oo + i);
        }
        return i;
    }

    private static int div(float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += FL) {
            FloatVector.fromArray(F, a, ao + i).div(FloatVector.fromArray(F, b, bo + i)).intoArray(o, oo + i);
        }
        return i;
    }

    /** The Vector API's MAX follows Math.max: NaN if either is NaN, and +0 above -0, as BinaryOp defines it. */
    private static int max(float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += FL) {
            FloatVector.fromArray(F, a, ao + i).max(FloatVector.fromArray(F, b, bo + i)).intoArray(o, oo + i);
        }
        return i;
    }

    private static int min(float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += FL) {
            FloatVector.fromArray(F, a, ao + i).min(FloatVector.fromArray(F, b, bo + i)).intoArray(o, oo + i);
        }
        return i;
    }

    /** {@code b > 0 ? a : 0}: a NaN in b compares false and gives 0, as the scalar definition does. */
    private static int reluBackward(float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
        FloatVector zero = FloatVector.zero(F);
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += FL) {
            // "b <= 0" rather than "b > 0" so that a NaN output passes its gradient, as in PyTorch.
            VectorMask<Float> off = FloatVector.fromArray(F, b, bo + i).compare(VectorOperators.LE, 0f);
            FloatVector.fromArray(F, a, ao + i).blend(zero, off).intoArray(o, oo + i);
        }
        return i;
    }

    /** {@code (a * b) * (1 - b)}, in the scalar definition's order and without FMA, so results are identical. */
    private static int sigmoidBackward(float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
        FloatVector one = FloatVector.broadcast(F, 1f);
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += FL) {
            FloatVector y = FloatVector.fromArray(F, b, bo + i);
            FloatVector.fromArray(F, a, ao + i).mul(y).mul(one.sub(y)).intoArray(o, oo + i);
        }
        return i;
    }

    /** {@code a * (1 - b*b)}, without FMA. */
    private static int tanhBackward(float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
        FloatVector one = FloatVector.broadcast(F, 1f);
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += FL) {
            FloatVector y = FloatVector.fromArray(F, b, bo + i);
            FloatVector.fromArray(F, a, ao + i).mul(one.sub(y.mul(y))).intoArray(o, oo + i);
        }
        return i;
    }

    // ---------------------------------------------------------------- binary with a scalar

    @Override
    public void binaryScalar(BinaryOp op, float[] a, int aOff, float s, float[] out, int outOff, int n) {
        int i = switch (op) {
            case ADD -> addS(a, aOff, s, out, outOff, n);
            case SUB -> subS(a, aOff, s, out, outOff, n);
            case MUL -> mulS(a, aOff, s, out, outOff, n);
            case DIV -> divS(a, aOff, s, out, outOff, n);
            case MAXIMUM -> maxS(a, aOff, s, out, outOff, n);
            case MINIMUM -> minS(a, aOff, s, out, outOff, n);
            default -> 0; // the backward ops with a scalar are rare; POW is scalar anyway
        };
        for (; i < n; i++) out[outOff + i] = op.apply(a[aOff + i], s);
    }

    private static int addS(float[] a, int ao, float s, float[] o, int oo, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += FL) FloatVector.fromArray(F, a, ao + i).add(s).intoArray(o, oo + i);
        return i;
    }

    private static int subS(float[] a, int ao, float s, float[] o, int oo, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += FL) FloatVector.fromArray(F, a, ao + i).sub(s).intoArray(o, oo + i);
        return i;
    }

    private static int mulS(float[] a, int ao, float s, float[] o, int oo, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += FL) FloatVector.fromArray(F, a, ao + i).mul(s).intoArray(o, oo + i);
        return i;
    }

    /** Divides rather than multiplying by 1/s, which would not be the scalar definition's rounding. */
    private static int divS(float[] a, int ao, float s, float[] o, int oo, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += FL) FloatVector.fromArray(F, a, ao + i).div(s).intoArray(o, oo + i);
        return i;
    }

    private static int maxS(float[] a, int ao, float s, float[] o, int oo, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += FL) FloatVector.fromArray(F, a, ao + i).max(s).intoArray(o, oo + i);
        return i;
    }

    private static int minS(float[] a, int ao, float s, float[] o, int oo, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += FL) FloatVector.fromArray(F, a, ao + i).min(s).intoArray(o, oo + i);
        return i;
    }

    // ---------------------------------------------------------------- unary

    @Override
    public void unary(UnaryOp op, float[] a, int aOff, float[] out, int outOff, int n) {
        int i = switch (op) {
            case NEG -> neg(a, aOff, out, outOff, n);
            case ABS -> abs(a, aOff, out, outOff, n);
            case SQUARE -> square(a, aOff, out, outOff, n);
            case RELU -> relu(a, aOff, out, outOff, n);
            case SQRT -> sqrt(a, aOff, out, outOff, n);
            case RECIPROCAL -> reciprocal(a, aOff, out, outOff, n);
            // The transcendental functions take the scalar definition (Math.exp and friends), as the scalar kernels
            // do. The Vector API's versions (SVML on x86) are 20-40x faster but differ from Math.exp by up to an ulp
            // on ~1% of inputs, and only once C2 has compiled the loop: the Java code that runs before uses
            // Math.exp. A seeded training run (log-softmax's backward takes exp) then depended on when the JIT got
            // there, and two runs of the same program diverged after ~750 steps.
            case EXP, LOG, TANH, SIN, COS, SIGMOID -> 0;
        };
        for (; i < n; i++) out[outOff + i] = op.apply(a[aOff + i]);
    }

    private static int neg(float[] a, int ao, float[] o, int oo, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += FL) FloatVector.fromArray(F, a, ao + i).neg().intoArray(o, oo + i);
        return i;
    }

    private static int abs(float[] a, int ao, float[] o, int oo, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += FL) FloatVector.fromArray(F, a, ao + i).abs().intoArray(o, oo + i);
        return i;
    }

    private static int square(float[] a, int ao, float[] o, int oo, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += FL) {
            FloatVector x = FloatVector.fromArray(F, a, ao + i);
            x.mul(x).intoArray(o, oo + i);
        }
        return i;
    }

    /** max(x, 0) is the scalar definition: x when positive, NaN for NaN, +0 for -0 and negatives. */
    private static int relu(float[] a, int ao, float[] o, int oo, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += FL) FloatVector.fromArray(F, a, ao + i).max(0f).intoArray(o, oo + i);
        return i;
    }

    /** Correctly rounded, as (float) Math.sqrt(double) is (double rounding is exact for sqrt). */
    private static int sqrt(float[] a, int ao, float[] o, int oo, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += FL) {
            FloatVector.fromArray(F, a, ao + i).lanewise(VectorOperators.SQRT).intoArray(o, oo + i);
        }
        return i;
    }

    private static int reciprocal(float[] a, int ao, float[] o, int oo, int n) {
        FloatVector one = FloatVector.broadcast(F, 1f);
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += FL) one.div(FloatVector.fromArray(F, a, ao + i)).intoArray(o, oo + i);
        return i;
    }

    // ---------------------------------------------------------------- reductions and axpy

    /** Widens each float to double exactly, so the sum is as precise as the scalar one (only the order differs). */
    @Override
    public double sum(float[] a, int off, int n) {
        DoubleVector s0 = DoubleVector.zero(D), s1 = DoubleVector.zero(D);
        int i = 0;
        // Two accumulators hide the add latency.
        for (int end = n - 2 * DL + 1; i < end; i += 2 * DL) {
            s0 = s0.add(FloatVector.fromArray(FD, a, off + i).convertShape(VectorOperators.F2D, D, 0));
            s1 = s1.add(FloatVector.fromArray(FD, a, off + i + DL).convertShape(VectorOperators.F2D, D, 0));
        }
        double s = sumLanes(s0.add(s1));
        for (; i < n; i++) s += a[off + i];
        return s;
    }

    // reduceLanes(ADD) on floating-point vectors adds the lanes in an unspecified order, which may differ between
    // the compiled intrinsic and the Java code that runs before C2 has compiled a method, and results would then
    // depend on when the JIT got to the kernel. These add the lanes in one fixed order in both.

    /** The lanes of {@code v} added in index order. */
    static double sumLanes(DoubleVector v) {
        double[] lanes = v.toArray();
        double s = 0;
        for (double x : lanes) s += x;
        return s;
    }

    /** Rotations by half, a quarter, ... of the preferred float vector, for {@link #sumLanes(FloatVector)}. */
    private static final VectorShuffle<Float>[] HALVES = halves();

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Float>[] halves() {
        int steps = Integer.numberOfTrailingZeros(FL);
        VectorShuffle<Float>[] r = new VectorShuffle[steps];
        for (int i = 0, half = FL / 2; i < steps; i++, half /= 2) r[i] = VectorShuffle.iota(F, half, 1, true);
        return r;
    }

    /**
     * The lanes of {@code v} added as a fixed tree (lane i with lane i + L/2, then with i + L/4, ...): exact
     * rotations and additions, so compiled and uncompiled code agree, and cheaper than adding the lanes one by one.
     */
    static float sumLanes(FloatVector v) {
        for (VectorShuffle<Float> s : HALVES) v = v.add(v.rearrange(s));
        return v.lane(0);
    }

    /** {@code y + alpha*x} as two roundings (no FMA), so results match the scalar kernels bit for bit. */
    @Override
    public void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += FL) {
            FloatVector.fromArray(F, x, xOff + i).mul(alpha).add(FloatVector.fromArray(F, y, yOff + i))
                    .intoArray(y, yOff + i);
        }
        for (; i < n; i++) y[yOff + i] += alpha * x[xOff + i];
    }
}
