package dev.nabla.kernels.vector;

/**
 * float64 GEMM for gradient checks and float64 models: plain loops ordered so that the innermost one walks
 * contiguous memory (C2 vectorises the non-reducing ones). Not tuned; float32 is the working type.
 */
final class DoubleGemm {
    private DoubleGemm() {}

    static void dgemm(boolean transA, boolean transB, int m, int n, int k,
                      double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                      double[] c, int cOff, int ldc, boolean accumulate) {
        if (m <= 0 || n <= 0) return;
        if (!accumulate) {
            for (int i = 0; i < m; i++) java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0.0);
        }
        if (!transB) {
            // c[i, :] += A(i, p) * b[p, :]: streams rows of B and C.
            for (int i = 0; i < m; i++) {
                int ci = cOff + i * ldc;
                for (int p = 0; p < k; p++) {
                    double aip = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    int bp = bOff + p * ldb;
                    for (int j = 0; j < n; j++) c[ci + j] += aip * b[bp + j];
                }
            }
        } else {
            // Dot products of rows of op(A) with rows of b.
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    int bj = bOff + j * ldb;
                    double s = 0;
                    if (transA) {
                        for (int p = 0; p < k; p++) s += a[aOff + p * lda + i] * b[bj + p];
                    } else {
                        int ai = aOff + i * lda;
                        for (int p = 0; p < k; p++) s += a[ai + p] * b[bj + p];
                    }
                    c[cOff + i * ldc + j] += s;
                }
            }
        }
    }
}
