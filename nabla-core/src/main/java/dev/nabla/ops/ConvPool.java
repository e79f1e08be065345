package dev.nabla.ops;

import dev.nabla.DType;
import dev.nabla.Tensor;
import dev.nabla.ops.ConvArith.Data;

/**
 * A 2d convolution followed by 2x2 max pooling with stride 2, computed one sample at a time so that the
 * convolution's output never exists as a whole: each sample's feature maps go to a scratch buffer that stays in
 * the core's cache, and are pooled from there. The first block of a convolutional network has the largest
 * activation (the cnn workload's first convolution writes 6.4 MB per batch of 64, four times what its pooling
 * keeps), and neither backward pass needs it: the convolution's backward takes its input and weight, the pooling's
 * the positions of the maxima. In a first layer (an input without grad, so only the weight and bias gradients) the
 * backward runs one sample at a time too: each sample's share of the maps' gradient is scattered into a buffer in
 * cache and goes straight into the weight gradient's GEMM.
 *
 * <p>Values and gradients are bit for bit those of {@link Convolution#convolution} followed by
 * {@link Pooling#maxPool2dValues} (or {@link Pooling#reluMaxPool2dValues}): the same GEMMs per sample and the same pooling kernels. Where the convolution
 * would not be lowered one sample at a time anyway (small feature maps, which it batches), or for float64, the two
 * ops simply run one after the other.
 */
public final class ConvPool {
    private ConvPool() {}

    private static final int[] TWO = {2, 2}, ZERO = {0, 0}, ONE = {1, 1};

    /**
     * Whether 2x2 windows with stride 2 over an {@code h x w} plane are the fused ops' kind: at least one, and all
     * inside the plane (with ceil_mode an odd size adds a window that hangs over the edge, which the general pooling
     * handles).
     */
    static boolean pairsFit(int h, int w, boolean ceilMode) {
        return h >= 2 && w >= 2 && !(ceilMode && (h % 2 != 0 || w % 2 != 0));
    }

    /** 2x2 max pooling with stride 2 of {@code x}, after a ReLU when {@code relu}, as separate ops would do it. */
    static Tensor pool(Tensor x, boolean ceilMode, boolean relu) {
        return relu ? Pooling.reluMaxPool2dValues(x, TWO, TWO, ZERO, ONE, ceilMode)
                : Pooling.maxPool2dValues(x, TWO, TWO, ZERO, ONE, ceilMode);
    }

    /**
     * {@code max_pool2d(conv2d(input, weight, bias, ...), 2, ceil_mode=ceilMode)}, with {@code relu}
     * {@code max_pool2d(relu(conv2d(...)), 2, ...)} (see {@link Pooling#reluMaxPool2dValues}): {@code input}
     * {@code [N, C, H, W]}, the other arguments as {@link Convolution#convolution} takes them. The result has one
     * graph node, the pooling's (its next functions are the convolution's inputs: there is no
     * {@code ConvolutionBackward0} node between).
     */
    public static Tensor conv2dMaxPool2x2(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padBefore,
                                          int[] padAfter, int[] dilation, int groups, boolean ceilMode, boolean relu) {
        if (input.dim() != 4 || stride.length != 2) {
            // Not a 2d convolution of a batch: the two ops, with their own checks and messages.
            return pool(Convolution.convolution(input, weight, bias, stride, padBefore, padAfter, dilation, groups),
                    ceilMode, relu);
        }
        Convolution.Plan p = Convolution.plan(input, weight, bias, stride, padBefore, padAfter, dilation, groups);
        int[] conv = p.outShape();
        int h = conv[2], w = conv[3], oh = h / 2, ow = w / 2;
        if (p.dt() != DType.FLOAT32 || !Convolution.perSample(p) || !pairsFit(h, w, ceilMode)) {
            return pool(Convolution.convolution(input, weight, bias, stride, padBefore, padAfter, dilation, groups),
                    ceilMode, relu);
        }
        ConvArith ar = p.ar();
        int n = p.n(), o = p.o(), plane = h * w, outPlane = oh * ow;
        Data x = ConvArith.data(input, p.dt()), wd = ConvArith.data(weight, p.dt());
        Data b = bias == null ? null : ConvArith.data(bias, p.dt());
        float[] pooled = new float[Math.multiplyExact(n, o * outPlane)];
        // The maxima's positions are what backward scatters to; without a graph they are not needed at all.
        int[] at = Graph.needed(input, weight, bias) ? new int[pooled.length] : null;
        int parts = Workers.worthSplitting(n, 2L * n * o * p.g().rows() * p.g().cols());
        Workers.run(n, parts, r -> {
            float[] maps = new float[o * plane];
            for (int s = r.from(); s < r.to(); s++) {
                Convolution.forwardSample(p, x, wd, b, s, maps);
                Pooling.maxPairs2x2(maps, 0, h, w, oh, ow, o, pooled, at, s * o, relu);
            }
        });
        Tensor out = Tensor.of(ar.wrap(pooled), new int[] {n, o, oh, ow});
        return Graph.record(out, "MaxPool2DWithIndicesBackward0", new Tensor[] {input, weight, bias},
                new Tensor[] {input, weight}, (node, grad, s) -> {
                    ConvArith.refuseDoubleBackward("max_pool2d");
                    Data gy = ConvArith.data(grad, p.dt());
                    if (Convolution.weightOnly(p, node)) {
                        // A first layer: only the weight (and bias) gradient, and it takes the maps' gradient one
                        // sample at a time, so that too is scattered one sample at a time into a buffer in cache.
                        return Convolution.weightBackward(p, node, (sample, scratch) -> {
                            Pooling.scatterMaxInto((float[]) gy.array(), gy.off(), at, sample * o, o, outPlane, plane,
                                    (float[]) scratch);
                            return new Data(scratch, 0);
                        }, s);
                    }
                    Object maps = Pooling.scatterMax(ar, gy, at, n * o, outPlane, plane);
                    return Convolution.backward(p, node, Tensor.of(ar.wrap(maps), conv), s);
                });
    }
}
