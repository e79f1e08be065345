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

    /**
     * Whether {@link #batchNorm} handles this call: floating point, at least [N, C], and more than one value per
     * channel with batch statistics or both running statistics without.
     */
    public static boolean handles(Tensor x, boolean training, Tensor runningMean, Tensor runningVar) {
        if (x.dim() < 2 || !x.dtype().isFloatingPoint() || x.numel() == 0) return false;
        return training ? x.numel() / x.size(1) > 1 : runningMean != null && runningVar != null;
    }

    /**
     * {@code F.batch_norm}. {@code weight}/{@code bias} may be null; in training, {@code runningMean} and
     * {@code runningVar} may be null (no tracking) and are otherwise updated in place.
     */
    public static Tensor batchNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                                   boolean training, double momentum, double eps) {
        return batchNorm(x, runningMean, runningVar, weight, bias, training, momentum, eps, false);
    }

    /**
     * {@link #batchNorm} writing the result over {@code x} itself and returning {@code x}, when grad mode is off
     * and {@code x} is contiguous and covers its whole storage (each element's output depends only on itself and
     * its channel's statistics, which are complete before the first write); otherwise a new tensor as usual.
     * For a caller that knows nobody else can see {@code x} (see {@code Sequential}).
     */
    public static Tensor batchNormOverwriting(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight,
                                             Tensor bias, boolean training, double momentum, double eps) {
        boolean overwrite = !GradMode.isEnabled() && x.isContiguous() && x.storageOffset() == 0
                && x.numel() == x.storage().size();
        return batchNorm(x, runningMean, runningVar, weight, bias, training, momentum, eps, overwrite);
    }

    /**
     * The mean and {@code 1/sqrt(var + eps)} of each of the {@code c} channels of {@code x} ({@code n} samples of
     * {@code inner} values each): of the batch in training (moving the running statistics, when given, toward it),
     * else the running statistics.
     */
    record Stats(double[] mean, double[] invStd) {}

    static Stats stats(Data xd, int n, int c, int inner, Tensor runningMean, Tensor runningVar, boolean training,
                       double momentum, double eps) {
        long count = (long) n * inner;
        double[] mean = new double[c], invStd = new double[c];
        if (training) {
            double[] var = new double[c];
            int parts = Workers.worthSplitting(c, 3L * count * c);
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
        return new Stats(mean, invStd);
    }

    private static Tensor batchNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                                    boolean training, double momentum, double eps, boolean overwrite) {
        DType dt = x.dtype();
        int[] shape = x.shape();
        int n = shape[0], c = shape[1];
        int inner = (int) (x.numel() / ((long) n * c));
        long count = (long) n * inner;
        Data xd = ConvArith.data(x, dt);
        Stats st = stats(xd, n, c, inner, runningMean, runningVar, training, momentum, eps);
        double[] mean = st.mean(), invStd = st.invStd();
        double[] w = weight == null ? null : weight.toDoubleArray(), b = bias == null ? null : bias.toDoubleArray();
        ConvArith ar = ConvArith.of(dt);
        Object out = overwrite ? xd.array() : ar.alloc((int) x.numel());
        int parts = Workers.worthSplitting(n * c, 2L * x.numel());
        Workers.forEach(n * c, parts, row -> {
            int ch = row % c;
            double scale = invStd[ch] * (w == null ? 1 : w[ch]);
            double shift = (b == null ? 0 : b[ch]) - mean[ch] * scale;
            affine(xd, row * inner, out, row * inner, inner, scale, shift);
        });
        if (overwrite) {
            x.storage().bumpVersion();
            return x;
        }
        Tensor result = Tensor.of(ar.wrap(out), shape);
        return Graph.record(result, "NativeBatchNormBackward0", new Tensor[] {x, weight, bias}, new Tensor[] {x},
                (node, g, saved) -> {
                    ConvArith.refuseDoubleBackward("batch_norm");
                    Data gd = ConvArith.data(g, dt), xs = ConvArith.data(saved[0], dt);
                    // Per channel: sum of the gradient, and of the gradient times the normalised input.
                    double[] sumG = new double[c], sumGX = new double[c];
                    Workers.forEach(c, Workers.worthSplitting(c, 3L * count * c), ch -> {
                        double[] sums = new double[2];
                        for (int i = 0; i < n; i++) {
                            int off = (i * c + ch) * inner;
                            sumAndDotCentered(gd, off, xs, off, inner, mean[ch], sums);
                        }
                        sumG[ch] = sums[0];
                        sumGX[ch] = sums[1] * invStd[ch];
                    });
                    Tensor gx = null;
                    if (node.needsGrad(0)) {
                        // Each element's input gradient depends on its own gradient and the channel sums only, so
                        // a gradient the engine handed over (Node.ownsGradOutput) is overwritten in place.
                        boolean inPlace = node.ownsGradOutput() && g.dtype() == dt && gd.off() == 0;
                        Object gxa = inPlace ? gd.array() : ar.alloc((int) (count * c));
                        Workers.forEach(n * c, Workers.worthSplitting(n * c, 3L * count * c), row -> {
                            int ch = row % c;
                            double wi = (w == null ? 1 : w[ch]) * invStd[ch];
                            if (training) {
                                // d/dx of (x - mean) * invStd through the batch statistics as well.
                                double k = sumGX[ch] * invStd[ch] / count, mg = sumG[ch] / count;
                                inputGrad(gd, row * inner, xs, gxa, row * inner, inner, wi, mean[ch], k, mg);
                            } else {
                                inputGrad(gd, row * inner, xs, gxa, row * inner, inner, wi, mean[ch], 0, 0);
                            }
                        });
                        if (inPlace) g.storage().bumpVersion();
                        gx = inPlace ? g : Tensor.of(ar.wrap(gxa), shape);
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

    // The float loops keep eight partial sums: one running sum waits on each addition's latency (C2 does not
    // reorder floating-point additions, so it neither vectorises nor interleaves a single sum), eight
    // independent ones let the additions overlap (about four times faster on the cnn's batch norm). Partial
    // sums stay short (blocks of BLOCK elements) before they are added in double.

    private static final int BLOCK = 256;

    private static double sum(Data d, int off, int len) {
        int o = d.off() + off;
        double s = 0;
        if (d.array() instanceof float[] a) {
            for (int i = 0; i < len; ) {
                int end = Math.min(len, i + BLOCK);
                float p0 = 0, p1 = 0, p2 = 0, p3 = 0, p4 = 0, p5 = 0, p6 = 0, p7 = 0;
                for (; i + 7 < end; i += 8) {
                    int q = o + i;
                    p0 += a[q];
                    p1 += a[q + 1];
                    p2 += a[q + 2];
                    p3 += a[q + 3];
                    p4 += a[q + 4];
                    p5 += a[q + 5];
                    p6 += a[q + 6];
                    p7 += a[q + 7];
                }
                for (; i < end; i++) p0 += a[o + i];
                s += (double) ((p0 + p1) + (p2 + p3)) + ((p4 + p5) + (p6 + p7));
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
                int end = Math.min(len, i + BLOCK);
                float p0 = 0, p1 = 0, p2 = 0, p3 = 0, p4 = 0, p5 = 0, p6 = 0, p7 = 0;
                for (; i + 7 < end; i += 8) {
                    int q = o + i;
                    float v0 = a[q] - m, v1 = a[q + 1] - m, v2 = a[q + 2] - m, v3 = a[q + 3] - m;
                    float v4 = a[q + 4] - m, v5 = a[q + 5] - m, v6 = a[q + 6] - m, v7 = a[q + 7] - m;
                    p0 += v0 * v0;
                    p1 += v1 * v1;
                    p2 += v2 * v2;
                    p3 += v3 * v3;
                    p4 += v4 * v4;
                    p5 += v5 * v5;
                    p6 += v6 * v6;
                    p7 += v7 * v7;
                }
                for (; i < end; i++) {
                    float v = a[o + i] - m;
                    p0 += v * v;
                }
                s += (double) ((p0 + p1) + (p2 + p3)) + ((p4 + p5) + (p6 + p7));
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

    /**
     * Adds {@code sum of g[i]} to {@code sums[0]} and {@code sum of g[i] * (x[i] - mean)} to {@code sums[1]}, in one
     * pass over {@code len} values from {@code gOff} in g and {@code xOff} in x.
     */
    static void sumAndDotCentered(Data g, int gOff, Data x, int xOff, int len, double mean, double[] sums) {
        int go = g.off() + gOff, xo = x.off() + xOff;
        double sg = 0, sgx = 0;
        if (g.array() instanceof float[] ga) {
            float[] xa = (float[]) x.array();
            float m = (float) mean;
            for (int i = 0; i < len; ) {
                int end = Math.min(len, i + BLOCK);
                float g0 = 0, g1 = 0, g2 = 0, g3 = 0, d0 = 0, d1 = 0, d2 = 0, d3 = 0;
                for (; i + 3 < end; i += 4) {
                    int p = go + i, q = xo + i;
                    float a0 = ga[p], a1 = ga[p + 1], a2 = ga[p + 2], a3 = ga[p + 3];
                    g0 += a0;
                    g1 += a1;
                    g2 += a2;
                    g3 += a3;
                    d0 += a0 * (xa[q] - m);
                    d1 += a1 * (xa[q + 1] - m);
                    d2 += a2 * (xa[q + 2] - m);
                    d3 += a3 * (xa[q + 3] - m);
                }
                for (; i < end; i++) {
                    g0 += ga[go + i];
                    d0 += ga[go + i] * (xa[xo + i] - m);
                }
                sg += (double) (g0 + g1) + (g2 + g3);
                sgx += (double) (d0 + d1) + (d2 + d3);
            }
        } else {
            double[] ga = (double[]) g.array(), xa = (double[]) x.array();
            for (int i = 0; i < len; i++) {
                sg += ga[go + i];
                sgx += ga[go + i] * (xa[xo + i] - mean);
            }
        }
        sums[0] += sg;
        sums[1] += sgx;
    }

    /** {@code out[i] = x[i] * scale + shift}. */
    static void affine(Data x, int off, Object out, int outOff, int len, double scale, double shift) {
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

    /** {@code gx[off + i] = wi * (g[gOff + i] - mg - (x[off + i] - mean) * k)}. */
    static void inputGrad(Data g, int gOff, Data x, Object gxArr, int off, int len, double wi, double mean, double k,
                          double mg) {
        int go = g.off() + gOff, xo = x.off() + off;
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
