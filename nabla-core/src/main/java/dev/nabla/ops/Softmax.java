package dev.nabla.ops;

import dev.nabla.DType;
import dev.nabla.Storage;
import dev.nabla.Tensor;

/**
 * softmax and log-softmax along a dim, computed in one stable pass (shifted by the max) with their own backward
 * formulas: composing them from exp and sum would overflow and lose precision.
 */
public final class Softmax {
    private Softmax() {}

    public static Tensor softmax(Tensor a, int dim) {
        Tensor out = compute(a, dim, false);
        final int d = Strided.wrapDim(dim, a.dim());
        return Graph.record(out, "SoftmaxBackward0", new Tensor[] {a}, new Tensor[] {out}, (n, g, s) ->
                new Tensor[] {s[0].mul(g.sub(g.mul(s[0]).sum(d, true)))});
    }

    public static Tensor logSoftmax(Tensor a, int dim) {
        Tensor out = compute(a, dim, true);
        final int d = Strided.wrapDim(dim, a.dim());
        return Graph.record(out, "LogSoftmaxBackward0", new Tensor[] {a}, new Tensor[] {out}, (n, g, s) ->
                new Tensor[] {g.sub(s[0].exp().mul(g.sum(d, true)))});
    }

    private static Tensor compute(Tensor a, int dim, boolean log) {
        DType dt = a.dtype().isFloatingPoint() ? a.dtype() : DType.FLOAT32;
        if (a.dim() == 0) {
            Strided.wrapDim(dim, 0);
            return compute(a.reshape(1), 0, log).reshape();
        }
        int rank = a.dim();
        dim = Strided.wrapDim(dim, rank);
        int[] shape = a.shape();
        int n = shape[dim], outer = 1, inner = 1;
        for (int i = 0; i < dim; i++) outer *= shape[i];
        for (int i = dim + 1; i < rank; i++) inner *= shape[i];
        if (dt == DType.FLOAT32) {
            Tensor c = Elementwise.floats(a);
            float[] x = c.storage().floats();
            int off = c.storageOffset();
            float[] o = new float[(int) a.numel()];
            for (int p = 0; p < outer; p++) {
                for (int j = 0; j < inner; j++) {
                    int base = p * n * inner + j;
                    float max = Float.NEGATIVE_INFINITY;
                    for (int r = 0; r < n; r++) max = Math.max(max, x[off + base + r * inner]);
                    if (max == Float.NEGATIVE_INFINITY || Float.isNaN(max)) max = Float.isNaN(max) ? max : 0f;
                    double sum = 0;
                    for (int r = 0; r < n; r++) {
                        float e = (float) Math.exp(x[off + base + r * inner] - max);
                        if (!log) o[base + r * inner] = e;
                        sum += e;
                    }
                    if (log) {
                        float shift = max + (float) Math.log(sum);
                        for (int r = 0; r < n; r++) o[base + r * inner] = x[off + base + r * inner] - shift;
                    } else {
                        float inv = (float) (1.0 / sum);
                        for (int r = 0; r < n; r++) o[base + r * inner] *= inv;
                    }
                }
            }
            return Tensor.of(Storage.of(o), shape);
        }
        double[] x = Strided.copyToContiguous(a, DType.FLOAT64).doubles();
        double[] o = new double[x.length];
        for (int p = 0; p < outer; p++) {
            for (int j = 0; j < inner; j++) {
                int base = p * n * inner + j;
                double max = Double.NEGATIVE_INFINITY;
                for (int r = 0; r < n; r++) max = Math.max(max, x[base + r * inner]);
                if (max == Double.NEGATIVE_INFINITY) max = 0;
                double sum = 0;
                for (int r = 0; r < n; r++) sum += Math.exp(x[base + r * inner] - max);
                for (int r = 0; r < n; r++) {
                    double v = x[base + r * inner] - max;
                    o[base + r * inner] = log ? v - Math.log(sum) : Math.exp(v) / sum;
                }
            }
        }
        return Tensor.of(Storage.of(o), shape);
    }
}
