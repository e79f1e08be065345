package dev.nabla.ops;

import dev.nabla.DType;
import dev.nabla.Storage;
import dev.nabla.Tensor;
import dev.nabla.autograd.GradMode;
import dev.nabla.ops.ConvArith.Data;

/**
 * Batch normalisation of {@code [N, C, *]} tensors as one primitive, PyTorch's {@code native_batch_norm}: the
 * forward pass computes each channel's statistics and the normalised output in two sweeps over the data, and the
 * backward pass the input, weight and bias gradients in two more, instead of the dozen broadcast tensor ops of
 * the composed formula (each a full pass with its own allocation).
 *
 * <p>Statistics are accumulated in double. In training the output uses the batch mean and biased variance and
 * the running statistics (when given) move by {@code momentum} toward the batch mean and unbiased variance; in
 * evaluation the running statistics are used.
 */
public final class Normalization {
    private Normalization() {}

    /** Whether {@link #batchNorm} handles this input: floating point, at least [N, C]. */
    public static boolean supports(Tensor x) {
        return x.dim() >= 2 && x.dtype().isFloatingPoint() && x.numel() > 0;
    }

    /**
     * {@code F.batch_norm}. {@code weight}/{@code bias} may be null; in training, {@code runningMean} and
     * {@code runningVar} may be null (no tracking) and are otherwise updated in place.
     */
    public static Tensor batchNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                                   boolean training, double momentum, double eps) {
        DType dt = x.dtype();
        int[] shape = x.shape();
        int n = shape[0], c = shape[1];
        int inner = (int) (x.numel() / ((long) n * c));
        long count = (long) n * inner;
        Data xd = ConvArith.data(x, dt);
        double[] mean = new double[c], invStd = new double[c];
        if (training) {
            double[] var = new double[c];
            int parts = Workers.worthSplitting(c, 3L * x.numel());
            Workers.forEach(c, parts, ch -> {
                double s = 0;
                for (int i = 0; i < n; i++) s += sum(xd, (i * c + ch) * inner, inner);
                double m = s / count, q = 0;
                for (int i = 0; i < n; i++) q += squaredDeviation(xd, (i * c + ch) * inner, inner, m);
                mean[ch] = m;
                var[ch] = q / count;
                invStd[ch] = 1 / Math.sqrt(q / count + eps);
            });
            if (runningMean != null || runningVar != null) updateRunning(runningMean, runningVar, mean, var, count, momentum);
        } else {
            double[] rm = runningMean.toDoubleArray(), rv = runningVar.toDoubleArray();
            for (int ch = 0; ch < c; ch++) {
                mean[ch] = rm[ch];
                invStd[ch] = 1 / Math.sqrt(rv[ch] + eps);
            }
        }
        double[] w = weight == null ? null : weight.toDoubleArray(), b = bias == null ? null : bias.toDoubleArray();
        ConvArith ar = ConvArith.of(dt);
        Object out = ar.alloc((int) x.numel());
        int parts = Workers.worthSplitting(n * c, 2L * x.numel());
        Workers.forEach(n * c, parts, row -> {
            int ch = row % c;
            double scale = invStd[ch] * (w == null ? 1 : w[ch]);
            double shift = (b == null ? 0 : b[ch]) - mean[ch] * scale;
            affine(xd, row * inner, out, row * inner, inner, scale, shift);
        });
        Tensor result = Tensor.of(ar.wrap(out), shape);
        return Graph.record(result, "NativeBatchNormBackward0", new Tensor[] {x, weight, bias}, new Tensor[] {x},
                (node, g, saved) -> {
                    ConvArith.refuseDoubleBackward("batch_norm");
                    Data gd = ConvArith.data(g, dt), xs = ConvArith.data(saved[0], dt);
                    // Per channel: sum of the gradient, and of the gradient times the normalised input.
                    double[] sumG = new double[c], sumGX = new double[c];
                    Workers.forEach(c, Workers.worthSplitting(c, 3L * count * c), ch -> {
                        double sg = 0, sgx = 0;
                        for (int i = 0; i < n; i++) {
                            int off = (i * c + ch) * inner;
                            sg += sum(gd, off, inner);
                            sgx += dotCentered(gd, xs, off, inner, mean[ch]);
                        }
                        sumG[ch] = sg;
                        sumGX[ch] = sgx * invStd[ch];
                    });
                    Tensor gx = null;
                    if (node.needsGrad(0)) {
                        Object gxa = ar.alloc((int) (count * c));
                        Workers.forEach(n * c, Workers.worthSplitting(n * c, 3L * count * c), row -> {
                            int ch = row % c;
                            double wi = (w == null ? 1 : w[ch]) * invStd[ch];
                            if (training) {
                                // d/dx of (x - mean) * invStd through the batch statistics as well.
                                double k = sumGX[ch] * invStd[ch] / count, mg = sumG[ch] / count;
                                inputGrad(gd, xs, gxa, row * inner, inner, wi, mean[ch], k, mg);
                            } else {
                                inputGrad(gd, xs, gxa, row * inner, inner, wi, mean[ch], 0, 0);
                            }
                        });
                        gx = Tensor.of(ar.wrap(gxa), shape);
                    }
                    Tensor gw = node.needsGrad(1) ? Tensor.of(ar.wrap(ar.fromDoubles(sumGX)), c) : null;
                    Tensor gb = node.needsGrad(2) ? Tensor.of(ar.wrap(ar.fromDoubles(sumG)), c) : null;
                    return new Tensor[] {gx, gw, gb};
                });
    }

    private static void updateRunning(Tensor runningMean, Tensor runningVar, double[] mean, double[] var, long count,
                                      double momentum) {
        int c = mean.length;
        double unbias = count > 1 ? (double) count / (count - 1) : 1;
        try (var g = GradMode.set(false)) {
            if (runningMean != null) {
                double[] rm = runningMean.toDoubleArray();
                for (int i = 0; i < c; i++) rm[i] = (1 - momentum) * rm[i] + momentum * mean[i];
                runningMean.copy_(Tensor.of(Storage.of(rm), c).reshape(runningMean.shape()));
            }
            if (runningVar != null) {
                double[] rv = runningVar.toDoubleArray();
                for (int i = 0; i < c; i++) rv[i] = (1 - momentum) * rv[i] + momentum * var[i] * unbias;
                runningVar.copy_(Tensor.of(Storage.of(rv), c).reshape(runningVar.shape()));
            }
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // Loops over one contiguous run, per element type

    private static double sum(Data d, int off, int len) {
        int o = d.off() + off;
        double s = 0;
        if (d.array() instanceof float[] a) {
            // Blocks of float partial sums keep the loop vectorisable; the blocks are added in double.
            for (int i = 0; i < len; ) {
                int end = Math.min(len, i + 256);
                float p = 0;
                for (; i < end; i++) p += a[o + i];
                s += p;
            }
        } else {
            double[] a = (double[]) d.array();
            for (int i = 0; i < len; i++) s += a[o + i];
        }
        return s;
    }

    private static double squaredDeviation(Data d, int off, int len, double mean) {
        int o = d.off() + off;
        double s = 0;
        if (d.array() instanceof float[] a) {
            float m = (float) mean;
            for (int i = 0; i < len; ) {
                int end = Math.min(len, i + 256);
                float p = 0;
                for (; i < end; i++) {
                    float v = a[o + i] - m;
                    p += v * v;
                }
                s += p;
            }
        } else {
            double[] a = (double[]) d.array();
            for (int i = 0; i < len; i++) {
                double v = a[o + i] - mean;
                s += v * v;
            }
        }
        return s;
    }

    /** {@code sum of g[i] * (x[i] - mean)}. */
    private static double dotCentered(Data g, Data x, int off, int len, double mean) {
        int go = g.off() + off, xo = x.off() + off;
        double s = 0;
        if (g.array() instanceof float[] ga) {
            float[] xa = (float[]) x.array();
            float m = (float) mean;
            for (int i = 0; i < len; ) {
                int end = Math.min(len, i + 256);
                float p = 0;
                for (; i < end; i++) p += ga[go + i] * (xa[xo + i] - m);
                s += p;
            }
        } else {
            double[] ga = (double[]) g.array(), xa = (double[]) x.array();
            for (int i = 0; i < len; i++) s += ga[go + i] * (xa[xo + i] - mean);
        }
        return s;
    }

    /** {@code out[i] = x[i] * scale + shift}. */
    private static void affine(Data x, int off, Object out, int outOff, int len, double scale, double shift) {
        int o = x.off() + off;
        if (x.array() instanceof float[] a) {
            float[] y = (float[]) out;
            float s = (float) scale, t = (float) shift;
            for (int i = 0; i < len; i++) y[outOff + i] = a[o + i] * s + t;
        } else {
            double[] a = (double[]) x.array(), y = (double[]) out;
            for (int i = 0; i < len; i++) y[outOff + i] = a[o + i] * scale + shift;
        }
    }

    /** {@code gx[i] = wi * (g[i] - mg - (x[i] - mean) * k)}. */
    private static void inputGrad(Data g, Data x, Object gxArr, int off, int len, double wi, double mean, double k,
                                  double mg) {
        int go = g.off() + off, xo = x.off() + off;
        if (g.array() instanceof float[] ga) {
            float[] xa = (float[]) x.array(), gx = (float[]) gxArr;
            float fw = (float) wi, fm = (float) mean, fk = (float) k, fmg = (float) mg;
            for (int i = 0; i < len; i++) gx[off + i] = fw * (ga[go + i] - fmg - (xa[xo + i] - fm) * fk);
        } else {
            double[] ga = (double[]) g.array(), xa = (double[]) x.array(), gx = (double[]) gxArr;
            for (int i = 0; i < len; i++) gx[off + i] = wi * (ga[go + i] - mg - (xa[xo + i] - mean) * k);
        }
    }
}
