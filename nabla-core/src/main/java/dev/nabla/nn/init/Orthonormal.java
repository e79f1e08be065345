package dev.nabla.nn.init;

/**
 * The orthonormal factor of a matrix for {@link Init#orthogonal_}: what PyTorch computes with
 * {@code Q, R = qr(A); Q *= sign(diag(R))}, here by Gram-Schmidt, which gives exactly that Q (the one whose R has a
 * positive diagonal) for a matrix of full rank, as a random normal matrix is.
 */
final class Orthonormal {
    private Orthonormal() {}

    /**
     * {@code a} is {@code rows x cols}, row-major. A tall (or square) matrix gets orthonormal columns; a wide one is
     * handled transposed, as PyTorch does, and gets orthonormal rows.
     */
    static double[] of(double[] a, int rows, int cols) {
        if (rows >= cols) return columns(a, rows, cols);
        return transpose(columns(transpose(a, rows, cols), cols, rows), cols, rows);
    }

    /**
     * Modified Gram-Schmidt on the columns of an {@code m x n} matrix ({@code m >= n}), each column projected out
     * twice: one pass loses orthogonality in proportion to the condition number, a second restores it to rounding.
     */
    private static double[] columns(double[] a, int m, int n) {
        double[] q = a.clone();
        for (int j = 0; j < n; j++) {
            for (int pass = 0; pass < 2; pass++) {
                for (int k = 0; k < j; k++) {
                    double dot = 0;
                    for (int i = 0; i < m; i++) dot += q[i * n + k] * q[i * n + j];
                    for (int i = 0; i < m; i++) q[i * n + j] -= dot * q[i * n + k];
                }
            }
            double norm = 0;
            for (int i = 0; i < m; i++) norm += q[i * n + j] * q[i * n + j];
            norm = Math.sqrt(norm);
            for (int i = 0; i < m; i++) q[i * n + j] /= norm;
        }
        return q;
    }

    /** The transpose of a {@code rows x cols} row-major matrix. */
    private static double[] transpose(double[] a, int rows, int cols) {
        double[] t = new double[a.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) t[c * rows + r] = a[r * cols + c];
        }
        return t;
    }
}
