package dev.nabla.ops;

import dev.nabla.DType;
import dev.nabla.Tensor;
import dev.nabla.ops.ConvArith.Data;

/**
 * Batch normalisation followed by 2x2 max pooling with stride 2, without the normalised tensor: each sample's
 * normalised planes go to a scratch buffer in cache and are pooled from there, and backward rebuilds each plane's
 * gradient from the pooled one (a scatter into a plane-sized buffer) where batch norm's backward reads it. A
 * convolutional block's batch norm writes and reads its full-size output otherwise, four times what the pooling
 * keeps.
 *
 * <p>Values and gradients are bit for bit those of {@link Normalization#batchNorm} followed by
 * {@link Pooling#maxPool2dValues} (or {@link Pooling#reluMaxPool2dValues}): the same statistics, the same affine map, the same pooling kernels, and the
 * backward sums over each plane in the same order. For float64, or ceil mode with odd sizes, the two ops run one
 * after the other.
 */
public final class NormPool {
    private NormPool() {}

    /**
     * {@code max_pool2d(batch_norm(x, ...), 2, ceil_mode=ceilMode)}, with {@code relu}
     * {@code max_pool2d(relu(batch_norm(x, ...)), 2, ...)} (see {@link Pooling#reluMaxPool2dValues}), for a
     * {@code [N, C, H, W]} input that {@link Normalization#handles} (arguments as {@link Normalization#batchNorm}
     * takes them). The result has one graph node, the pooling's, whose next functions are batch norm's inputs.
     */
    public static Tensor batchNormMaxPool2x2(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight,
                                             Tensor bias, boolean training, double momentum, double eps,
                                             boolean ceilMode, boolean relu) {
        if (x.dim() != 4) {
            return ConvPool.pool(Normalization.batchNorm(x, runningMean, runningVar, weight, bias, training, momentum,
                    eps), ceilMode, relu);
        }
        int[] shape = x.shape();
        int n = shape[0], c = shape[1], h = shape[2], w = shape[3], oh = h / 2, ow = w / 2;
        if (x.dtype() != DType.FLOAT32 || !ConvPool.pairsFit(h, w, ceilMode)) {
            return ConvPool.pool(Normalization.batchNorm(x, runningMean, runningVar, weight, bias, training, momentum,
                    eps), ceilMode, relu);
        }
        int inner = h * w, outPlane = oh * ow;
        long count = (long) n * inner;
        Data xd = ConvArith.data(x, DType.FLOAT32);
        Normalization.Stats st = Normalization.stats(xd, n, c, inner, runningMean, runningVar, training, momentum, eps);
        double[] mean = st.mean(), invStd = st.invStd();
        double[] wv = weight == null ? null : weight.toDoubleArray(), bv = bias == null ? null : bias.toDoubleArray();
        float[] pooled = new float[Math.multiplyExact(n * c, outPlane)];
        int[] at = Graph.needed(x, weight, bias) ? new int[pooled.length] : null;
        Workers.run(n, Workers.worthSplitting(n, 3L * count * c), r -> {
            float[] planes = new float[c * inner];
            for (int s = r.from(); s < r.to(); s++) {
                for (int ch = 0; ch < c; ch++) {
                    double scale = invStd[ch] * (wv == null ? 1 : wv[ch]);
                    double shift = (bv == null ? 0 : bv[ch]) - mean[ch] * scale;
                    Normalization.affine(xd, (s * c + ch) * inner, planes, ch * inner, inner, scale, shift);
                }
                Pooling.maxPairs2x2(planes, 0, h, w, oh, ow, c, pooled, at, s * c, relu);
            }
        });
        ConvArith ar = ConvArith.of(DType.FLOAT32);
        Tensor out = Tensor.of(ar.wrap(pooled), new int[] {n, c, oh, ow});
        return Graph.record(out, "MaxPool2DWithIndicesBackward0", new Tensor[] {x, weight, bias}, new Tensor[] {x},
                (node, grad, saved) -> {
                    ConvArith.refuseDoubleBackward("max_pool2d");
                    Data gp = ConvArith.data(grad, DType.FLOAT32), xs = ConvArith.data(saved[0], DType.FLOAT32);
                    float[] gy = (float[]) gp.array();
                    // Per channel: the sum of the normalised output's gradient, and of it times the normalised
                    // input; each plane's gradient is rebuilt from the pooled one just before it is read.
                    double[] sumG = new double[c], sumGX = new double[c];
                    Workers.forEach(c, Workers.worthSplitting(c, 3L * count * c), ch -> {
                        float[] plane = new float[inner];
                        Data pd = new Data(plane, 0);
                        double[] sums = new double[2];
                        for (int i = 0; i < n; i++) {
                            Pooling.scatterMaxInto(gy, gp.off(), at, i * c + ch, 1, outPlane, inner, plane);
                            Normalization.sumAndDotCentered(pd, 0, xs, (i * c + ch) * inner, inner, mean[ch], sums);
                        }
                        sumG[ch] = sums[0];
                        sumGX[ch] = sums[1] * invStd[ch];
                    });
                    Tensor gx = null;
                    if (node.needsGrad(0)) {
                        float[] gxa = new float[Math.multiplyExact(n * c, inner)];
                        Workers.run(n * c, Workers.worthSplitting(n * c, 3L * count * c), r -> {
                            float[] plane = new float[inner];
                            Data pd = new Data(plane, 0);
                            for (int row = r.from(); row < r.to(); row++) {
                                int ch = row % c;
                                double wi = (wv == null ? 1 : wv[ch]) * invStd[ch];
                                // d/dx of (x - mean) * invStd through the batch statistics as well, in training.
                                double k = training ? sumGX[ch] * invStd[ch] / count : 0;
                                double mg = training ? sumG[ch] / count : 0;
                                Pooling.scatterMaxInto(gy, gp.off(), at, row, 1, outPlane, inner, plane);
                                Normalization.inputGrad(pd, 0, xs, gxa, row * inner, inner, wi, mean[ch], k, mg);
                            }
                        });
                        gx = Tensor.of(ar.wrap(gxa), shape);
                    }
                    Tensor gw = node.needsGrad(1) ? Tensor.of(ar.wrap(ar.fromDoubles(sumGX)), c) : null;
                    Tensor gb = node.needsGrad(2) ? Tensor.of(ar.wrap(ar.fromDoubles(sumG)), c) : null;
                    return new Tensor[] {gx, gw, gb};
                });
    }
}
