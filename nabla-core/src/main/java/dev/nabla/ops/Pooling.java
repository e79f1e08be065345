package dev.nabla.ops;

import dev.nabla.DType;
import dev.nabla.MaxResult;
import dev.nabla.Storage;
import dev.nabla.Tensor;
import dev.nabla.kernels.KernelProvider;
import dev.nabla.ops.ConvArith.Data;

import java.util.Arrays;

/**
 * Pooling and resampling over the last two dimensions of a {@code [C, H, W]} or {@code [N, C, H, W]} tensor:
 * max pooling (returning PyTorch's flat {@code h*W + w} indices), average pooling, their adaptive forms, and
 * nearest / bilinear upsampling, each with its derivative.
 *
 * <p>Every op but max pooling maps each plane linearly and identically, so it is built once per call as a small
 * sparse matrix ({@link PlaneMap}) applied forward and transposed backward. Max pooling picks one input per
 * output; it keeps the picked indices for its backward.
 */
public final class Pooling {
    private Pooling() {}

    // ----------------------------------------------------------------------------------------------------------
    // Max pooling

    /** {@code torch.nn.functional.max_pool2d(..., return_indices=True)}: the maxima and their flat indices. */
    public static MaxResult maxPool2d(Tensor input, int[] kernel, int[] stride, int[] padding, int[] dilation,
                                      boolean ceilMode) {
        return maxPool2d(input, kernel, stride, padding, dilation, ceilMode, true, false);
    }

    /** {@code max_pool2d} without the indices tensor (its backward still knows where each maximum came from). */
    public static Tensor maxPool2dValues(Tensor input, int[] kernel, int[] stride, int[] padding, int[] dilation,
                                         boolean ceilMode) {
        return maxPool2d(input, kernel, stride, padding, dilation, ceilMode, false, false).values();
    }

    /**
     * {@code max_pool2d(relu(input))} as one op, the ReLU applied to the pooled values: ReLU never reorders values,
     * so the maximum of the ReLUs is the ReLU of the maximum, and where it is not positive the gradient is zero in
     * both (ReLU's backward passes it only for a positive result, or NaN). Same values and gradients as the two ops
     * (see {@link #reluPooled}), and one graph node, the pooling's, as PyTorch's last op is.
     */
    public static Tensor reluMaxPool2dValues(Tensor input, int[] kernel, int[] stride, int[] padding, int[] dilation,
                                             boolean ceilMode) {
        return maxPool2d(input, kernel, stride, padding, dilation, ceilMode, false, true).values();
    }

    private static MaxResult maxPool2d(Tensor input, int[] kernel, int[] stride, int[] padding, int[] dilation,
                                       boolean ceilMode, boolean wantIndices, boolean relu) {
        checkInput(input);
        checkPoolArgs(kernel, stride, padding, dilation);
        int h = input.size(-2), w = input.size(-1);
        int oh = outputSize(h, kernel[0], padding[0], stride[0], dilation[0], ceilMode);
        int ow = outputSize(w, kernel[1], padding[1], stride[1], dilation[1], ceilMode);
        checkOutput(input, oh, ow);
        Axis rows = Axis.strided(oh, h, kernel[0], stride[0], padding[0], dilation[0]);
        Axis cols = Axis.strided(ow, w, kernel[1], stride[1], padding[1], dilation[1]);
        // The pooling of a convolutional network: 2x2 windows, stride 2, all inside the image.
        boolean pairs = kernel[0] == 2 && kernel[1] == 2 && stride[0] == 2 && stride[1] == 2 && padding[0] == 0
                && padding[1] == 0 && dilation[0] == 1 && dilation[1] == 1 && 2 * oh <= h && 2 * ow <= w;
        return maxPool(input, rows, cols, oh, ow, pairs, wantIndices, relu, "MaxPool2DWithIndicesBackward0");
    }

    /** {@code adaptive_max_pool2d(..., return_indices=True)}: windows chosen so that the output is oh x ow. */
    public static MaxResult adaptiveMaxPool2d(Tensor input, int oh, int ow) {
        checkAdaptive(input, oh, ow, "adaptive_max_pool2d");
        int h = input.size(-2), w = input.size(-1);
        return maxPool(input, Axis.adaptive(oh, h), Axis.adaptive(ow, w), oh, ow, false, true, false,
                "AdaptiveMaxPool2DBackward0");
    }

    private static MaxResult maxPool(Tensor input, Axis rows, Axis cols, int oh, int ow, boolean pairs,
                                     boolean wantIndices, boolean relu, String name) {
        DType dt = input.dtype();
        int[] inShape = input.shape();
        int h = input.size(-2), w = input.size(-1), plane = h * w;
        int planes = (int) (input.numel() / plane);
        int outPlane = oh * ow;
        int[] outShape = inShape.clone();
        outShape[outShape.length - 2] = oh;
        outShape[outShape.length - 1] = ow;
        // Flat in-plane positions of the maxima: what backward scatters to, and PyTorch's indices.
        // For inference (no indices asked, no backward to come) they are not needed at all.
        boolean inference = pairs && dt == DType.FLOAT32 && !wantIndices && !Graph.needed(input);
        int[] at = inference ? null : new int[planes * outPlane];
        Data x = ConvArith.data(input, dt);
        ConvArith ar = ConvArith.of(dt);
        Object out = ar.alloc(planes * outPlane);
        long work = (long) planes * outPlane * rows.maxCount() * cols.maxCount();
        int parts = Workers.worthSplitting(planes, work * 2);
        if (dt == DType.FLOAT64) {
            Workers.forEach(planes, parts, p -> maxPlane((double[]) x.array(), x.off() + p * plane, w, rows, cols,
                    (double[]) out, at, p * outPlane));
        } else if (pairs) {
            Workers.run(planes, parts, r -> maxPairs2x2((float[]) x.array(), x.off() + r.from() * plane, h, w, oh, ow,
                    r.to() - r.from(), (float[]) out, at, r.from(), relu));
        } else {
            Workers.forEach(planes, parts, p -> maxPlane((float[]) x.array(), x.off() + p * plane, w, rows, cols,
                    (float[]) out, at, p * outPlane));
        }
        if (relu && (dt == DType.FLOAT64 || !pairs)) {
            Workers.run(planes, parts, r -> reluPooled(out, at, r.from() * outPlane, r.to() * outPlane));
        }
        Tensor values = Tensor.of(ar.wrap(out), outShape);
        values = Graph.record(values, name, new Tensor[] {input}, null, (node, g, s) -> {
            ConvArith.refuseDoubleBackward(name);
            return new Tensor[] {Tensor.of(ar.wrap(scatterMax(ar, ConvArith.data(g, dt), at, planes, outPlane, plane)),
                    inShape)};
        });
        Tensor indices = null;
        if (wantIndices) {
            long[] idx = new long[at.length];
            for (int i = 0; i < idx.length; i++) idx[i] = at[i];
            indices = Tensor.of(Storage.of(idx), outShape);
        }
        return new MaxResult(values, indices);
    }

    /**
     * The ReLU of pooled maxima {@code [from, to)}, in place: a value that is not positive becomes +0 (as
     * {@code relu} maps -0 and negatives) and its index {@code i} becomes {@code ~i} (negative), so that backward
     * sends it no gradient, where ReLU's backward would have zeroed it ({@code result <= 0}); a NaN keeps its
     * index, as ReLU's backward passes a NaN result's gradient. A window with no element (index -1, value -inf,
     * only possible with indices) stays as it is: pooling after a ReLU gives it -inf and no gradient too.
     */
    static void reluPooled(Object values, int[] at, int from, int to) {
        // Bit arithmetic rather than branches or selects: after a convolution about half the maxima are negative, in
        // no pattern, and C2 kept this loop's selects as mispredicted branches (+0.7 ms a cnn step).
        if (values instanceof float[] v) {
            for (int i = from; i < to; i++) {
                int b = Float.floatToRawIntBits(v[i]);
                // All ones for a positive value (b > 0 as an int) or a NaN of either sign (magnitude above infinity's),
                // or for a window with no element at all (index -1: its -inf stays, as ReLU then pooling gives).
                int keep = (-b & ~b) >> 31 | (0x7f800000 - (b & 0x7fffffff)) >> 31 | (at == null ? 0 : at[i] >> 31);
                v[i] = Float.intBitsToFloat(b & keep);
                if (at != null) at[i] ^= ~keep;
            }
        } else {
            double[] v = (double[]) values;
            for (int i = from; i < to; i++) {
                long b = Double.doubleToRawLongBits(v[i]);
                long keep = (-b & ~b) >> 63 | (0x7ff0000000000000L - (b & 0x7fffffffffffffffL)) >> 63
                        | (at == null ? 0 : at[i] >> 31);
                v[i] = Double.longBitsToDouble(b & keep);
                if (at != null) at[i] ^= ~(int) keep;
            }
        }
    }

    /**
     * Max pooling's backward: each output gradient {@code gy} added to the input position {@code at} names in its
     * plane (none where the index is negative; see {@link #scatterPlane}), into a new zeroed {@code planes * plane}
     * array.
     */
    static Object scatterMax(ConvArith ar, Data gy, int[] at, int planes, int outPlane, int plane) {
        Object gx = ar.alloc(Math.multiplyExact(planes, plane));
        // Each plane scatters only into itself, so planes split across threads without conflicts.
        Workers.forEach(planes, Workers.worthSplitting(planes, 4L * planes * outPlane), p -> {
            if (gx instanceof double[] gd) {
                int o = p * outPlane, gOff = gy.off() + o, base = p * plane;
                double[] gs = (double[]) gy.array();
                for (int e = 0; e < outPlane; e++) {
                    int a = at[o + e], sign = a >> 31;
                    gd[base + (a ^ sign)] += Double.longBitsToDouble(Double.doubleToRawLongBits(gs[gOff + e]) & ~(long) sign);
                }
            } else {
                scatterPlane((float[]) gy.array(), gy.off(), at, p, outPlane, (float[]) gx, p * plane);
            }
        });
        return gx;
    }

    /**
     * {@link #scatterMax} for planes {@code [first, first + planes)} only (float32), into {@code dst[0..]}, which
     * is zeroed first: one sample's gradient, for a caller that consumes it sample by sample.
     */
    static void scatterMaxInto(float[] gy, int gyOff, int[] at, int first, int planes, int outPlane, int plane,
                               float[] dst) {
        Arrays.fill(dst, 0, planes * plane, 0f);
        for (int p = 0; p < planes; p++) scatterPlane(gy, gyOff, at, first + p, outPlane, dst, p * plane);
    }

    /**
     * Adds plane {@code p}'s output gradients to the input positions {@code at} names, into {@code gd[base..]}. A
     * negative index {@code ~i} (see {@link #reluPooled}) adds +0 at {@code i} instead, without a branch: after a
     * ReLU about half the indices are negative, in no pattern. Adding +0 changes nothing there: every window that
     * position wins is masked the same way, so its gradient stays the +0 it started as.
     */
    private static void scatterPlane(float[] gs, int gyOff, int[] at, int p, int outPlane, float[] gd, int base) {
        int o = p * outPlane, gOff = gyOff + o;
        for (int e = 0; e < outPlane; e++) {
            int a = at[o + e], sign = a >> 31;
            gd[base + (a ^ sign)] += Float.intBitsToFloat(Float.floatToRawIntBits(gs[gOff + e]) & ~sign);
        }
    }

    /**
     * 2x2 max pooling with stride 2 of {@code planes} float32 planes of {@code h x w} at {@code src[off..]}: the
     * maxima into {@code dst} and their in-plane indices into {@code at} (or none, {@code at} null), both from
     * output plane {@code firstOut} on ({@code (firstOut + p) * oh * ow}); with {@code relu} followed by
     * {@link #reluPooled}. The vector kernel when the vector kernels are in use, else the scalar loops (without
     * indices, the loop that computes none).
     */
    static void maxPairs2x2(float[] src, int off, int h, int w, int oh, int ow, int planes, float[] dst, int[] at,
                            int firstOut, boolean relu) {
        if (VECTOR_PAIRS) {
            dev.nabla.kernels.vector.VectorPool.maxPairs(src, off, h, w, oh, ow, dst, at, firstOut, firstOut + planes,
                    relu);
            return;
        }
        if (at == null) maxPairsValues(src, off, h, w, oh, ow, dst, firstOut, firstOut + planes);
        else maxPairs(src, off, h, w, oh, ow, dst, at, firstOut, firstOut + planes);
        if (relu) reluPooled(dst, at, firstOut * oh * ow, (firstOut + planes) * oh * ow);
    }

    /**
     * Whether the 2x2 windows go through the Vector API kernel: only with the vector kernels in use (the class is
     * named only in a branch taken then, so it is never loaded without the incubator module).
     */
    private static final boolean VECTOR_PAIRS =
            KernelProvider.get().getClass().getName().equals("dev.nabla.kernels.vector.VectorKernels");

    /** 2x2 windows with stride 2 inside planes {@code [from, to)}: four loads per output, no window bookkeeping. */
    private static void maxPairs(float[] src, int off, int h, int w, int oh, int ow, float[] dst, int[] at, int from, int to) {
        int plane = h * w, outPlane = oh * ow;
        for (int p = from; p < to; p++) {
            int base = off + (p - from) * plane, o = p * outPlane;
            for (int i = 0; i < oh; i++) {
                int r0 = base + 2 * i * w;
                for (int j = 0; j < ow; j++, o++) {
                    int s = r0 + 2 * j;
                    float a = src[s], b = src[s + 1], c = src[s + w], d = src[s + w + 1];
                    // PyTorch scans a, b, c, d and moves to a later element only when it is greater or NaN:
                    // comparing the two rows' winners gives the same answer. The value is the winning element
                    // itself (max() would turn a winning -0.0 into +0.0).
                    boolean right = takes(b, a), rightB = takes(d, c);
                    float top = right ? b : a, bottom = rightB ? d : c;
                    boolean down = takes(bottom, top);
                    dst[o] = down ? bottom : top;
                    at[o] = s - base + (down ? (rightB ? w + 1 : w) : (right ? 1 : 0));
                }
            }
        }
    }

    /** PyTorch's max-pool scan: a later element replaces the current maximum when greater, or when it is NaN. */
    private static boolean takes(float later, float current) {
        return later > current || later != later;
    }

    /** {@link #maxPairs} without the indices. */
    private static void maxPairsValues(float[] src, int off, int h, int w, int oh, int ow, float[] dst, int from, int to) {
        int plane = h * w, outPlane = oh * ow;
        for (int p = from; p < to; p++) {
            int base = off + (p - from) * plane, o = p * outPlane;
            for (int i = 0; i < oh; i++) {
                int r0 = base + 2 * i * w;
                for (int j = 0; j < ow; j++, o++) {
                    int s = r0 + 2 * j;
                    float a = src[s], b = src[s + 1], c = src[s + w], d = src[s + w + 1];
                    float top = takes(b, a) ? b : a, bottom = takes(d, c) ? d : c;
                    dst[o] = takes(bottom, top) ? bottom : top;
                }
            }
        }
    }

    private static void maxPlane(float[] src, int base, int w, Axis rows, Axis cols, float[] dst, int[] at, int o) {
        int oh = rows.first.length, ow = cols.first.length, rs = rows.step, cs = cols.step;
        for (int i = 0; i < oh; i++) {
            int h0 = rows.first[i], hn = rows.count[i];
            for (int j = 0; j < ow; j++, o++) {
                int w0 = cols.first[j], wn = cols.count[j];
                float best = Float.NEGATIVE_INFINITY;
                int k = h0 * w + w0;
                for (int a = 0, ih = h0; a < hn; a++, ih += rs) {
                    for (int b = 0, iw = w0; b < wn; b++, iw += cs) {
                        float v = src[base + ih * w + iw];
                        if (takes(v, best)) {
                            best = v;
                            k = ih * w + iw;
                        }
                    }
                }
                dst[o] = best;
                at[o] = hn == 0 || wn == 0 ? -1 : k;
            }
        }
    }

    private static void maxPlane(double[] src, int base, int w, Axis rows, Axis cols, double[] dst, int[] at, int o) {
        int oh = rows.first.length, ow = cols.first.length, rs = rows.step, cs = cols.step;
        for (int i = 0; i < oh; i++) {
            int h0 = rows.first[i], hn = rows.count[i];
            for (int j = 0; j < ow; j++, o++) {
                int w0 = cols.first[j], wn = cols.count[j];
                double best = Double.NEGATIVE_INFINITY;
                int k = h0 * w + w0;
                for (int a = 0, ih = h0; a < hn; a++, ih += rs) {
                    for (int b = 0, iw = w0; b < wn; b++, iw += cs) {
                        double v = src[base + ih * w + iw];
                        if (v > best || v != v) {
                            best = v;
                            k = ih * w + iw;
                        }
                    }
                }
                dst[o] = best;
                at[o] = hn == 0 || wn == 0 ? -1 : k;
            }
        }
    }

    /** Input positions along one axis: output {@code o} reads {@code count[o]} inputs from {@code first[o]}, step apart. */
    private record Axis(int[] first, int[] count, int step) {
        static Axis strided(int out, int size, int k, int s, int p, int d) {
            int[] first = new int[out], count = new int[out];
            for (int o = 0; o < out; o++) {
                int start = o * s - p, end = Math.min(start + (k - 1) * d + 1, size);
                while (start < 0) start += d;
                first[o] = start;
                count[o] = start >= end ? 0 : (end - start + d - 1) / d;
            }
            return new Axis(first, count, d);
        }

        static Axis adaptive(int out, int size) {
            int[] first = new int[out], count = new int[out];
            for (int o = 0; o < out; o++) {
                first[o] = adaptiveStart(o, size, out);
                count[o] = adaptiveEnd(o, size, out) - first[o];
            }
            return new Axis(first, count, 1);
        }

        int maxCount() {
            int m = 0;
            for (int c : count) m = Math.max(m, c);
            return m;
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // Average pooling and resampling: linear maps applied plane by plane

    /** {@code avg_pool2d}; {@code divisorOverride} 0 means none. */
    public static Tensor avgPool2d(Tensor input, int[] kernel, int[] stride, int[] padding, boolean ceilMode,
                                   boolean countIncludePad, int divisorOverride) {
        checkInput(input);
        checkPoolArgs(kernel, stride, padding, new int[] {1, 1});
        if (divisorOverride < 0) throw new IllegalArgumentException("divisor must be not zero");
        int h = input.size(-2), w = input.size(-1);
        int oh = outputSize(h, kernel[0], padding[0], stride[0], 1, ceilMode);
        int ow = outputSize(w, kernel[1], padding[1], stride[1], 1, ceilMode);
        checkOutput(input, oh, ow);
        PlaneMap.Builder b = new PlaneMap.Builder(oh * ow, h * w);
        for (int i = 0; i < oh; i++) {
            int hs = i * stride[0] - padding[0], he = Math.min(hs + kernel[0], h + padding[0]);
            int padH = he - hs;
            hs = Math.max(hs, 0);
            he = Math.min(he, h);
            for (int j = 0; j < ow; j++) {
                int ws = j * stride[1] - padding[1], we = Math.min(ws + kernel[1], w + padding[1]);
                int padW = we - ws;
                ws = Math.max(ws, 0);
                we = Math.min(we, w);
                int divisor = divisorOverride != 0 ? divisorOverride
                        : countIncludePad ? padH * padW : (he - hs) * (we - ws);
                for (int a = hs; a < he; a++) for (int c = ws; c < we; c++) b.add(a * w + c, 1.0 / divisor);
                b.next();
            }
        }
        return b.build(oh, ow).apply(input, "AvgPool2DBackward0");
    }

    /** {@code adaptive_avg_pool2d}: the mean over windows chosen so that the output is oh x ow. */
    public static Tensor adaptiveAvgPool2d(Tensor input, int oh, int ow) {
        checkAdaptive(input, oh, ow, "adaptive_avg_pool2d");
        int h = input.size(-2), w = input.size(-1);
        PlaneMap.Builder b = new PlaneMap.Builder(oh * ow, h * w);
        for (int i = 0; i < oh; i++) {
            int hs = adaptiveStart(i, h, oh), he = adaptiveEnd(i, h, oh);
            for (int j = 0; j < ow; j++) {
                int ws = adaptiveStart(j, w, ow), we = adaptiveEnd(j, w, ow);
                double weight = 1.0 / ((he - hs) * (we - ws));
                for (int a = hs; a < he; a++) for (int c = ws; c < we; c++) b.add(a * w + c, weight);
                b.next();
            }
        }
        return b.build(oh, ow).apply(input, "AdaptiveAvgPool2DBackward0");
    }

    /**
     * {@code upsample_nearest2d} (PyTorch's legacy "nearest": source index {@code floor(dst * scale)}).
     * {@code scaleH}/{@code scaleW} are the user's scale factors, or NaN when the output size was given.
     */
    public static Tensor upsampleNearest2d(Tensor input, int oh, int ow, double scaleH, double scaleW) {
        checkResample(input, oh, ow);
        int h = input.size(-2), w = input.size(-1);
        int[] rows = nearest(h, oh, scaleH), cols = nearest(w, ow, scaleW);
        PlaneMap.Builder b = new PlaneMap.Builder(oh * ow, h * w);
        for (int i = 0; i < oh; i++) {
            for (int j = 0; j < ow; j++) {
                b.add(rows[i] * w + cols[j], 1.0);
                b.next();
            }
        }
        return b.build(oh, ow).apply(input, "UpsampleNearest2DBackward0");
    }

    /** {@code upsample_bilinear2d}; scales as in {@link #upsampleNearest2d}. */
    public static Tensor upsampleBilinear2d(Tensor input, int oh, int ow, boolean alignCorners, double scaleH, double scaleW) {
        checkResample(input, oh, ow);
        int h = input.size(-2), w = input.size(-1);
        Linear rows = Linear.of(h, oh, alignCorners, scaleH), cols = Linear.of(w, ow, alignCorners, scaleW);
        PlaneMap.Builder b = new PlaneMap.Builder(oh * ow, h * w);
        for (int i = 0; i < oh; i++) {
            for (int j = 0; j < ow; j++) {
                b.add(rows.i0[i] * w + cols.i0[j], rows.l0[i] * cols.l0[j]);
                b.add(rows.i0[i] * w + cols.i1[j], rows.l0[i] * cols.l1[j]);
                b.add(rows.i1[i] * w + cols.i0[j], rows.l1[i] * cols.l0[j]);
                b.add(rows.i1[i] * w + cols.i1[j], rows.l1[i] * cols.l1[j]);
                b.next();
            }
        }
        return b.build(oh, ow).apply(input, "UpsampleBilinear2DBackward0");
    }

    private static int[] nearest(int in, int out, double scale) {
        int[] src = new int[out];
        // PyTorch computes this scale in float: keep its rounding so that indices agree at window edges.
        float s = Double.isNaN(scale) ? (float) in / out : (float) (1.0 / scale);
        for (int o = 0; o < out; o++) {
            src[o] = out == in ? o : out == 2 * in ? o >> 1 : Math.min((int) Math.floor(o * s), in - 1);
        }
        return src;
    }

    /** The two source indices and weights of linear interpolation along one axis. */
    private record Linear(int[] i0, int[] i1, double[] l0, double[] l1) {
        static Linear of(int in, int out, boolean alignCorners, double scale) {
            double s;
            if (alignCorners) s = out > 1 ? (in - 1) / (double) (out - 1) : 0;
            else s = Double.isNaN(scale) ? in / (double) out : 1.0 / scale;
            int[] i0 = new int[out], i1 = new int[out];
            double[] l0 = new double[out], l1 = new double[out];
            for (int o = 0; o < out; o++) {
                double src = alignCorners ? s * o : Math.max(s * (o + 0.5) - 0.5, 0);
                int lo = Math.min((int) src, in - 1);
                i0[o] = lo;
                i1[o] = lo < in - 1 ? lo + 1 : lo;
                l1[o] = src - lo;
                l0[o] = 1 - l1[o];
            }
            return new Linear(i0, i1, l0, l1);
        }
    }

    /**
     * A linear map from one input plane to one output plane, as a sparse matrix in compressed rows: output
     * {@code p} is {@code sum of weight[e] * in[index[e]]} over {@code e in [start[p], start[p+1])}.
     */
    private record PlaneMap(int[] start, int[] index, double[] weight, int inSize, int oh, int ow) {
        static final class Builder {
            private final int[] start;
            private int[] index = new int[16];
            private double[] weight = new double[16];
            private int rows, size;
            private final int inSize;

            Builder(int outSize, int inSize) {
                this.start = new int[outSize + 1];
                this.inSize = inSize;
            }

            void add(int at, double w) {
                if (size == index.length) {
                    index = Arrays.copyOf(index, size * 2);
                    weight = Arrays.copyOf(weight, size * 2);
                }
                index[size] = at;
                weight[size++] = w;
            }

            void next() {
                start[++rows] = size;
            }

            PlaneMap build(int oh, int ow) {
                return new PlaneMap(start, index, weight, inSize, oh, ow);
            }
        }

        Tensor apply(Tensor input, String name) {
            DType dt = input.dtype();
            int[] inShape = input.shape(), outShape = inShape.clone();
            outShape[outShape.length - 2] = oh;
            outShape[outShape.length - 1] = ow;
            int outSize = oh * ow, planes = inSize == 0 ? 0 : (int) (input.numel() / inSize);
            double[] x = Strided.copyToContiguous(input, DType.FLOAT64).doubles();
            double[] y = new double[planes * outSize];
            for (int p = 0; p < planes; p++) {
                int xo = p * inSize, yo = p * outSize;
                for (int o = 0; o < outSize; o++) {
                    double s = 0;
                    for (int e = start[o]; e < start[o + 1]; e++) s += weight[e] * x[xo + index[e]];
                    y[yo + o] = s;
                }
            }
            ConvArith ar = ConvArith.of(dt);
            Tensor out = Tensor.of(ar.wrap(ar.fromDoubles(y)), outShape);
            return Graph.record(out, name, new Tensor[] {input}, null, (node, g, s) -> {
                ConvArith.refuseDoubleBackward(name);
                double[] gy = Strided.copyToContiguous(g, DType.FLOAT64).doubles();
                double[] gx = new double[planes * inSize];
                for (int p = 0; p < planes; p++) {
                    int xo = p * inSize, yo = p * outSize;
                    for (int o = 0; o < outSize; o++) {
                        double v = gy[yo + o];
                        for (int e = start[o]; e < start[o + 1]; e++) gx[xo + index[e]] += weight[e] * v;
                    }
                }
                return new Tensor[] {Tensor.of(ar.wrap(ar.fromDoubles(gx)), inShape)};
            });
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // Sizes and checks

    /** PyTorch's {@code pooling_output_shape}: floor or ceil division, never starting a window in the right padding. */
    static int outputSize(int size, int k, int pad, int stride, int dilation, boolean ceilMode) {
        long num = (long) size + 2L * pad - (long) dilation * (k - 1) - 1 + (ceilMode ? stride - 1 : 0);
        int out = (int) Math.floorDiv(num, stride) + 1;
        if (ceilMode && (long) (out - 1) * stride >= (long) size + pad) out--;
        return out;
    }

    static int adaptiveStart(int o, int size, int out) {
        return (int) ((long) o * size / out);
    }

    static int adaptiveEnd(int o, int size, int out) {
        return (int) (((long) (o + 1) * size + out - 1) / out);
    }

    private static void checkInput(Tensor input) {
        if ((input.dim() != 3 && input.dim() != 4) || input.numel() == 0) {
            throw new IllegalArgumentException("non-empty 3D or 4D (batch mode) tensor expected for input");
        }
        if (!input.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("pooling is not implemented for " + input.dtype().torchName() + " tensors");
        }
    }

    private static void checkPoolArgs(int[] kernel, int[] stride, int[] padding, int[] dilation) {
        for (int i = 0; i < 2; i++) {
            if (kernel[i] <= 0) {
                throw new IllegalArgumentException("kernel size should be greater than zero, but got kH: " + kernel[0]
                        + " kW: " + kernel[1]);
            }
            if (stride[i] <= 0) {
                throw new IllegalArgumentException("stride should be greater than zero, but got dH: " + stride[0]
                        + " dW: " + stride[1]);
            }
            if (dilation[i] <= 0) {
                throw new IllegalArgumentException("dilation should be greater than zero, but got dilationH: "
                        + dilation[0] + " dilationW: " + dilation[1]);
            }
            if (padding[i] < 0 || padding[i] > kernel[i] / 2) {
                throw new IllegalArgumentException("pad should be at most half of kernel size, but got pad="
                        + padding[i] + " and kernel_size=" + kernel[i]);
            }
        }
    }

    private static void checkOutput(Tensor input, int oh, int ow) {
        if (oh < 1 || ow < 1) {
            int c = input.size(-3);
            throw new IllegalArgumentException("Given input size: (" + c + "x" + input.size(-2) + "x" + input.size(-1)
                    + "). Calculated output size: (" + c + "x" + oh + "x" + ow + "). Output size is too small");
        }
    }

    private static void checkAdaptive(Tensor input, int oh, int ow, String op) {
        if (input.dim() != 3 && input.dim() != 4) {
            throw new IllegalArgumentException(op + "(): Expected 3D or 4D tensor, but got " + Arrays.toString(input.shape()));
        }
        for (int d = 1; d < input.dim(); d++) {
            if (input.size(d) == 0) {
                throw new IllegalArgumentException(op + "(): Expected input to have non-zero size for non-batch "
                        + "dimensions, but input has sizes " + Arrays.toString(input.shape()) + " with dimension " + d
                        + " being empty");
            }
        }
        if (oh <= 0 || ow <= 0) {
            throw new IllegalArgumentException(op + ": output_size must be positive, got (" + oh + ", " + ow + ")");
        }
        if (!input.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException(op + " is not implemented for " + input.dtype().torchName() + " tensors");
        }
    }

    private static void checkResample(Tensor input, int oh, int ow) {
        if (input.dim() != 4) {
            throw new IllegalArgumentException("Expected a 4D (N, C, H, W) input to 2-D upsampling, but got input of size: "
                    + Arrays.toString(input.shape()));
        }
        if (input.size(2) <= 0 || input.size(3) <= 0 || oh <= 0 || ow <= 0) {
            throw new IllegalArgumentException("Input and output sizes should be greater than 0, but got input (H: "
                    + input.size(2) + ", W: " + input.size(3) + ") output (H: " + oh + ", W: " + ow + ")");
        }
        if (!input.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("upsampling is not implemented for " + input.dtype().torchName() + " tensors");
        }
    }
}
