package dev.nabla.kernels;

/**
 * Plain Java loops: always available, the reference the Vector API kernels are tested against. Loop orders are
 * chosen so that the innermost loop walks contiguous memory, which C2 auto-vectorises.
 */
public class ScalarKernels implements Kernels {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float[] c, int cOff, int ldc, boolean accumulate) {
        if (!accumulate) {
            for (int i = 0; i < m; i++) java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
        }
        if (!transB) {
            // c[i, :] += A(i, p) * b[p, :]: the inner loop streams rows of B and C.
            for (int i = 0; i < m; i++) {
                int ci = cOff + i * ldc;
                for (int p = 0; p < k; p++) {
                    float aip = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    if (aip == 0f) continue;
                    int bp = bOff + p * ldb;
                    for (int j = 0; j < n; j++) c[ci + j] += aip * b[bp + j];
                }
            }
        } else if (!transA) {
            // Both operands are read along k: dot products of rows.
            for (int i = 0; i < m; i++) {
                int ai = aOff + i * lda;
                for (int j = 0; j < n; j++) {
                    int bj = bOff + j * ldb;
                    float s = 0f;
                    for (int p = 0; p < k; p++) s += a[ai + p] * b[bj + p];
                    c[cOff + i * ldc + j] += s;
                }
            }
        } else {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    int bj = bOff + j * ldb;
                    float s = 0f;
                    for (int p = 0; p < k; p++) s += a[aOff + p * lda + i] * b[bj + p];
                    c[cOff + i * ldc + j] += s;
                }
            }
        }
    }

    @Override
    public void dgemm(boolean transA, boolean transB, int m, int n, int k,
                      double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                      double[] c, int cOff, int ldc, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = accumulate ? c[cOff + i * ldc + j] : 0.0;
                for (int p = 0; p < k; p++) {
                    double x = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    double y = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    s += x * y;
                }
                c[cOff + i * ldc + j] = s;
            }
        }
    }

    @Override
    public void binary(BinaryOp op, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        // One loop per op keeps each loop free of a switch, so C2 can vectorise it.
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) out[outOff + i] = a[aOff + i] + b[bOff + i]; }
            case SUB -> { for (int i = 0; i < n; i++) out[outOff + i] = a[aOff + i] - b[bOff + i]; }
            case MUL -> { for (int i = 0; i < n; i++) out[outOff + i] = a[aOff + i] * b[bOff + i]; }
            case DIV -> { for (int i = 0; i < n; i++) out[outOff + i] = a[aOff + i] / b[bOff + i]; }
            default -> { for (int i = 0; i < n; i++) out[outOff + i] = op.apply(a[aOff + i], b[bOff + i]); }
        }
    }

    @Override
    public void binaryScalar(BinaryOp op, float[] a, int aOff, float s, float[] out, int outOff, int n) {
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) out[outOff + i] = a[aOff + i] + s; }
            case SUB -> { for (int i = 0; i < n; i++) out[outOff + i] = a[aOff + i] - s; }
            case MUL -> { for (int i = 0; i < n; i++) out[outOff + i] = a[aOff + i] * s; }
            case DIV -> { for (int i = 0; i < n; i++) out[outOff + i] = a[aOff + i] / s; }
            default -> { for (int i = 0; i < n; i++) out[outOff + i] = op.apply(a[aOff + i], s); }
        }
    }

    @Override
    public void unary(UnaryOp op, float[] a, int aOff, float[] out, int outOff, int n) {
        switch (op) {
            case NEG -> { for (int i = 0; i < n; i++) out[outOff + i] = -a[aOff + i]; }
            case RELU -> { for (int i = 0; i < n; i++) { float x = a[aOff + i]; out[outOff + i] = x > 0f ? x : (x != x ? x : 0f); } }
            case ABS -> { for (int i = 0; i < n; i++) out[outOff + i] = Math.abs(a[aOff + i]); }
            case SQUARE -> { for (int i = 0; i < n; i++) { float x = a[aOff + i]; out[outOff + i] = x * x; } }
            default -> { for (int i = 0; i < n; i++) out[outOff + i] = op.apply(a[aOff + i]); }
        }
    }

    @Override
    public double sum(float[] a, int off, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += a[off + i];
        return s;
    }

    @Override
    public void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0; i < n; i++) y[yOff + i] += alpha * x[xOff + i];
    }
}
