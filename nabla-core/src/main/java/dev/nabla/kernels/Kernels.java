package dev.nabla.kernels;

/**
 * The loops over storage that every op ends in. Implementations know nothing of autograd or modules; they
 * see plain arrays, offsets and lengths. {@link KernelProvider#get()} picks one at start-up: the scalar kernels
 * are always there, the Vector API kernels are loaded by name when {@code jdk.incubator.vector} is readable.
 *
 * <p>Matrices are row-major; a transposed operand is read in place through its leading dimension (BLAS's
 * trans flags), so {@code x.matmul(w.t())} never copies {@code w}.
 */
public interface Kernels {

    /** A short name for logs and benchmarks ("scalar", "vector-512"). */
    String name();

    /**
     * {@code C = op(A) op(B) (+ C if accumulate)}, where op(A) is m x k and op(B) is k x n, all row-major.
     * When {@code transA} is false, element (i, p) of op(A) is {@code a[aOff + i*lda + p]}; when true it is
     * {@code a[aOff + p*lda + i]}. Likewise for B with (p, j). C's element (i, j) is {@code c[cOff + i*ldc + j]}.
     */
    void sgemm(boolean transA, boolean transB, int m, int n, int k,
               float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
               float[] c, int cOff, int ldc, boolean accumulate);

    /** The float64 twin of {@link #sgemm}; used by gradient checks and float64 models. */
    void dgemm(boolean transA, boolean transB, int m, int n, int k,
               double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
               double[] c, int cOff, int ldc, boolean accumulate);

    /** {@code out[i] = a[i] op b[i]} for i in [0, n), float32, contiguous. */
    void binary(BinaryOp op, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n);

    /** {@code out[i] = a[i] op s} for i in [0, n), float32, contiguous. */
    void binaryScalar(BinaryOp op, float[] a, int aOff, float s, float[] out, int outOff, int n);

    /** {@code out[i] = op(a[i])} for i in [0, n), float32, contiguous. */
    void unary(UnaryOp op, float[] a, int aOff, float[] out, int outOff, int n);

    /** The sum of {@code a[off .. off+n)}, accumulated in double. */
    double sum(float[] a, int off, int n);

    /** {@code y[i] += alpha * x[i]} for i in [0, n). */
    void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff);

    /**
     * Runs the kernels that need the JIT most on throwaway data, from the calling thread (its parallel GEMM also
     * uses the compute pool), so that their compilation starts early: until the program's next matrix product
     * after {@link WarmUpStop#reset()} (from then on the program's own calls do it) or for at most
     * {@code budgetNanos}. Kernels that need none (the scalar ones) return at once.
     */
    default void warmUp(long budgetNanos) {}
}
