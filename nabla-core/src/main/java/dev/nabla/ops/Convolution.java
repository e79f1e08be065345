package dev.nabla.ops;

import dev.nabla.DType;
import dev.nabla.Tensor;
import dev.nabla.autograd.Node;
import dev.nabla.kernels.Parallel;
import dev.nabla.ops.ConvArith.Data;
import dev.nabla.ops.ConvArith.Geom;

import java.util.Arrays;

/**
 * Convolution and transposed convolution over 1 or 2 spatial dimensions (NCL / NCHW), with stride, asymmetric
 * zero padding, dilation and groups, and their derivatives for input, weight and bias.
 *
 * <p>Each group is lowered to GEMMs: im2col unrolls each sample's windows into a
 * {@code (C/groups * kh * kw) x (OH * OW)} matrix, which the weight rows multiply, several samples per GEMM. The
 * three products the forward and backward passes need come in the same three shapes for both ops (a transposed
 * convolution's forward is a convolution's input gradient, and the other way round), so {@link #lower},
 * {@link #raise} and {@link #weightGrad} serve both. Batches of samples are split across cores when the work is
 * large enough.
 */
public final class Convolution {
    private Convolution() {}

    // ----------------------------------------------------------------------------------------------------------
    // Convolution

    /**
     * {@code torch.convolution} without transposition. {@code input} is {@code [N, C, (H,) W]}, {@code weight}
     * {@code [O, C/groups, (kh,) kw]}, {@code bias} {@code [O]} or null; each int array has one entry per spatial
     * dimension. {@code padBefore}/{@code padAfter} allow the asymmetric padding of {@code padding="same"}.
     */
    public static Tensor convolution(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padBefore,
                                     int[] padAfter, int[] dilation, int groups) {
        Plan p = plan(input, weight, bias, stride, padBefore, padAfter, dilation, groups);
        Data x = ConvArith.data(input, p.dt), w = ConvArith.data(weight, p.dt);
        Data b = bias == null ? null : ConvArith.data(bias, p.dt);
        Object y = p.ar.alloc(Math.multiplyExact(p.n, Math.multiplyExact(p.o, p.g.cols())));
        lower(p.ar, p.g, groups, p.n, x, w, b, p.og, y);
        Tensor result = Tensor.of(p.ar.wrap(y), p.outShape);
        return Graph.record(result, "ConvolutionBackward0", new Tensor[] {input, weight, bias},
                new Tensor[] {input, weight}, (node, grad, s) -> backward(p, node, grad, s));
    }

    /**
     * A checked convolution call: its element type, geometry ({@code g}: one group seen from its image side),
     * {@code n} samples of {@code c} channels, {@code o} output channels ({@code og} per group), and the shapes.
     */
    record Plan(DType dt, ConvArith ar, Geom g, int groups, int n, int c, int o, int og, int[] in, int[] ws,
                int[] outShape, boolean hasBias) {}

    /** Checks a convolution's arguments in PyTorch's words and works out its geometry. */
    static Plan plan(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padBefore, int[] padAfter,
                     int[] dilation, int groups) {
        int sd = stride.length;
        DType dt = checkTypes(input, weight, bias);
        checkRank(input, weight, sd, false);
        int[] in = input.shape(), ws = weight.shape();
        int n = in[0], c = in[1], o = ws[0];
        if (groups <= 0) throw new IllegalArgumentException("non-positive groups is not supported");
        if (o % groups != 0) {
            throw new IllegalArgumentException("Given groups=" + groups + ", expected weight to be divisible by " + groups
                    + " at dimension 0, but got weight of size [" + Arrays.toString(ws) + "] instead");
        }
        if (c != ws[1] * groups) {
            throw new IllegalArgumentException("Given groups=" + groups + ", weight of size " + Arrays.toString(ws)
                    + ", expected input" + Arrays.toString(in) + " to have " + ws[1] * groups
                    + " channels, but got " + c + " channels instead");
        }
        checkBias(bias, ws, o);
        int[] sizes = spatial(in, sd), kernel = spatial(ws, sd), padded = new int[sd], dilated = new int[sd];
        int[] out = new int[sd];
        for (int i = 0; i < sd; i++) {
            if (stride[i] <= 0) throw new IllegalArgumentException("non-positive stride is not supported");
            if (dilation[i] <= 0) throw new IllegalArgumentException("dilation should be greater than zero");
            if (padBefore[i] < 0 || padAfter[i] < 0) throw new IllegalArgumentException("negative padding is not supported");
            padded[i] = sizes[i] + padBefore[i] + padAfter[i];
            dilated[i] = dilation[i] * (kernel[i] - 1) + 1;
        }
        for (int i = 0; i < sd; i++) {
            if (padded[i] < dilated[i]) {
                throw new IllegalArgumentException("Calculated padded input size per channel: (" + join(padded)
                        + "). Kernel size: (" + join(dilated) + "). Kernel size can't be greater than actual input size");
            }
            out[i] = (padded[i] - dilated[i]) / stride[i] + 1;
        }
        Geom g = geom(c / groups, sizes, kernel, stride, padBefore, dilation, out);
        return new Plan(dt, ConvArith.of(dt), g, groups, n, c, o, o / groups, in, ws, withSpatial(n, o, out),
                bias != null);
    }

    /** Whether {@link #lower} computes this convolution one sample at a time. */
    static boolean perSample(Plan p) {
        return batchSize(p.n, p.g.rows(), p.g.cols(), p.og) == 1;
    }

    /**
     * The output of sample {@code s} alone, {@code [o, positions]}, into {@code out[0..]}: what {@link #convolution}
     * writes for that sample when {@link #perSample} holds (the same GEMMs, so the same bits).
     */
    static void forwardSample(Plan p, Data x, Data w, Data b, int s, Object out) {
        Data sample = new Data(x.array(), x.off() + s * p.c * p.g.plane());
        lower(p.ar, p.g, p.groups, 1, sample, w, b, p.og, out);
    }

    /**
     * Whether {@link #weightBackward} can serve this node: the input needs no gradient (a first layer), and a bias
     * gradient, if wanted, rides in the weight gradient's GEMM.
     */
    static boolean weightOnly(Plan p, Node node) {
        return !node.needsGrad(0) && node.needsGrad(1) && (!p.hasBias || !node.needsGrad(2) || biasInGemm(p));
    }

    /**
     * Whether the bias gradient rides in the weight gradient's GEMM as one more row of its thin side (a row of
     * ones, as in the forward): with few kernel rows (a first layer: k = 9), saving a pass over the large output
     * gradient (conv1 of the cnn: 1.5 -> 1.25 ms); with many, the extra column can cost a whole extra tile of the
     * GEMM (k = 288 is nine 32-wide panels, 289 ten).
     */
    private static boolean biasInGemm(Plan p) {
        return p.g.rows() + 1 < p.og;
    }

    /**
     * {@link #backward} for a node that {@link #weightOnly} accepts, with the output gradient produced one sample at
     * a time by {@code samples} (each {@code [o, positions]}) instead of held whole: the same GEMMs in the same
     * order, so the same bits as {@link #backward} on the whole gradient.
     */
    static Tensor[] weightBackward(Plan p, Node node, Samples samples, Tensor[] s) {
        ConvArith.refuseDoubleBackward("convolution");
        boolean withBias = p.hasBias && node.needsGrad(2);
        Object[] wb = weightGrad(p.ar, p.g, p.groups, p.n, ConvArith.data(s[0], p.dt), samples, p.o * p.g.cols(), p.og,
                withBias);
        return new Tensor[] {null, Tensor.of(p.ar.wrap(wb[0]), p.ws), withBias ? Tensor.of(p.ar.wrap(wb[1]), p.o) : null};
    }

    /** The gradients for input, weight and bias from the output's gradient {@code grad} ({@code s}: input, weight). */
    static Tensor[] backward(Plan p, Node node, Tensor grad, Tensor[] s) {
        ConvArith.refuseDoubleBackward("convolution");
        ConvArith ar = p.ar;
        Geom g = p.g;
        Data gy = ConvArith.data(grad, p.dt);
        Tensor gi = null, gw = null, gb = null;
        if (node.needsGrad(0)) {
            Object gx = ar.alloc(p.n * p.c * g.plane());
            raise(ar, g, p.groups, p.n, gy, ConvArith.data(s[1], p.dt), null, p.og, gx);
            gi = Tensor.of(ar.wrap(gx), p.in);
        }
        boolean biasToo = p.hasBias && node.needsGrad(2);
        boolean fused = biasToo && node.needsGrad(1) && biasInGemm(p);
        if (node.needsGrad(1)) {
            Object[] wb = weightGrad(ar, g, p.groups, p.n, ConvArith.data(s[0], p.dt), gy, p.og, fused);
            gw = Tensor.of(ar.wrap(wb[0]), p.ws);
            if (fused) gb = Tensor.of(ar.wrap(wb[1]), p.o);
        }
        if (biasToo && !fused) gb = Tensor.of(ar.wrap(biasGrad(ar, gy, p.n, p.o, g.cols())), p.o);
        return new Tensor[] {gi, gw, gb};
    }

    // ----------------------------------------------------------------------------------------------------------
    // Transposed convolution

    /**
     * {@code torch.convolution} with {@code transposed=True}: {@code input} is {@code [N, Cin, (H,) W]},
     * {@code weight} {@code [Cin, Cout/groups, (kh,) kw]}; the output has
     * {@code (H-1)*stride - 2*padding + dilation*(k-1) + outputPadding + 1} rows (and columns).
     */
    public static Tensor convTranspose(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding,
                                       int[] outputPadding, int[] dilation, int groups) {
        int sd = stride.length;
        DType dt = checkTypes(input, weight, bias);
        checkRank(input, weight, sd, true);
        int[] in = input.shape(), ws = weight.shape();
        int n = in[0], cin = in[1];
        if (groups <= 0) throw new IllegalArgumentException("non-positive groups is not supported");
        if (ws[0] % groups != 0) {
            throw new IllegalArgumentException("Given groups=" + groups + ", expected weight to be divisible by " + groups
                    + " at dimension 0, but got weight of size [" + Arrays.toString(ws) + "] instead");
        }
        if (cin != ws[0]) {
            throw new IllegalArgumentException("Given transposed=1, weight of size " + Arrays.toString(ws)
                    + ", expected input" + Arrays.toString(in) + " to have " + ws[0] + " channels, but got " + cin
                    + " channels instead");
        }
        int coutG = ws[1], cout = coutG * groups, cinG = cin / groups;
        checkBias(bias, ws, cout);
        int[] sizes = spatial(in, sd), kernel = spatial(ws, sd), out = new int[sd];
        for (int i = 0; i < sd; i++) {
            if (stride[i] <= 0) throw new IllegalArgumentException("non-positive stride is not supported");
            if (dilation[i] <= 0) throw new IllegalArgumentException("dilation should be greater than zero");
            if (padding[i] < 0) throw new IllegalArgumentException("negative padding is not supported");
        }
        for (int i = 0; i < sd; i++) {
            if (outputPadding[i] >= stride[i] && outputPadding[i] >= dilation[i]) {
                String[] names = sd == 2 ? new String[] {"height", "width"} : new String[] {"width"};
                StringBuilder sb = new StringBuilder("output padding must be smaller than either stride or dilation, but got");
                for (int j = 0; j < sd; j++) sb.append(" output_padding_").append(names[j]).append(": ").append(outputPadding[j]);
                for (int j = 0; j < sd; j++) sb.append(" stride_").append(names[j]).append(": ").append(stride[j]);
                for (int j = 0; j < sd; j++) sb.append(" dilation_").append(names[j]).append(": ").append(dilation[j]);
                throw new IllegalArgumentException(sb.toString());
            }
            out[i] = (sizes[i] - 1) * stride[i] - 2 * padding[i] + dilation[i] * (kernel[i] - 1) + outputPadding[i] + 1;
        }
        for (int i = 0; i < sd; i++) {
            if (out[i] <= 0) {
                throw new IllegalArgumentException("Given input size per channel: (" + join(sizes)
                        + "). Calculated output size per channel: (" + join(out) + "). Output size is too small");
            }
        }
        // The geometry of the convolution that maps the (larger) output back to the input.
        Geom g = geom(coutG, out, kernel, stride, padding, dilation, sizes);
        ConvArith ar = ConvArith.of(dt);
        Data x = ConvArith.data(input, dt), w = ConvArith.data(weight, dt);
        Data b = bias == null ? null : ConvArith.data(bias, dt);
        Object y = ar.alloc(Math.multiplyExact(n, Math.multiplyExact(cout, g.plane())));
        raise(ar, g, groups, n, x, w, b, cinG, y);
        int[] outShape = withSpatial(n, cout, out);
        Tensor result = Tensor.of(ar.wrap(y), outShape);
        return Graph.record(result, "ConvolutionBackward0", new Tensor[] {input, weight, bias},
                new Tensor[] {input, weight}, (node, grad, s) -> {
                    ConvArith.refuseDoubleBackward("convolution");
                    Data gy = ConvArith.data(grad, dt);
                    Tensor gi = null, gw = null, gb = null;
                    if (node.needsGrad(0)) {
                        Object gx = ar.alloc(n * cin * g.cols());
                        lower(ar, g, groups, n, gy, ConvArith.data(s[1], dt), null, cinG, gx);
                        gi = Tensor.of(ar.wrap(gx), in);
                    }
                    if (node.needsGrad(1)) {
                        gw = Tensor.of(ar.wrap(weightGrad(ar, g, groups, n, gy, ConvArith.data(s[0], dt), cinG, false)[0]), ws);
                    }
                    if (bias != null && node.needsGrad(2)) gb = Tensor.of(ar.wrap(biasGrad(ar, gy, n, cout, g.plane())), cout);
                    return new Tensor[] {gi, gw, gb};
                });
    }

    // ----------------------------------------------------------------------------------------------------------
    // The three products. "Image" is the side with g.c channels per group of h x w; "small" is the side with m
    // channels per group of oh x ow; the weight of group j is the m x g.rows() block starting at row j*m.
    //
    // Samples are lowered a batch at a time: the column matrices of S samples sit side by side in one
    // k x (S*l) buffer (sample s in columns [s*l, (s+1)*l)), so each group is one GEMM with n = S*l instead of S
    // GEMMs with n = l. A per-sample GEMM of a small feature map (l = 196) spends much of its time packing the
    // weight and writing back short rows; the batched one packs the weight once per batch. The small side is
    // copied into (or out of) the same side-by-side layout, since NCHW puts a sample's channels, not its
    // positions, next to each other.

    /** Test hook: samples lowered together, 0 for the automatic choice (1 gives the per-sample reference). */
    static int batchOverride = 0;

    /** Floats of the column and small-side buffers of one batch: about L2-sized, where the GEMM packs from. */
    private static final int BATCH_FLOATS = 1 << 18;

    /** Feature maps with at least this many positions are lowered one sample at a time. */
    private static final int BATCH_BELOW_POSITIONS = 512;

    /** How many samples to lower together for a problem of k x l columns and m small channels per group. */
    private static int batchSize(int n, int k, int l, int m) {
        if (batchOverride > 0) return Math.min(batchOverride, Math.max(n, 1));
        // A large map already gives the GEMM long rows, and one sample at a time the GEMM reads and writes NCHW
        // in place, saving the copy to and from the side-by-side layout (measured on the cnn's 28x28 first
        // layer: batching made it 30% slower).
        if (l >= BATCH_BELOW_POSITIONS) return 1;
        int s = (int) Math.max(1, BATCH_FLOATS / ((long) (k + m) * l));
        // At least one batch per thread, so that the batches split across cores.
        int perThread = (n + Parallel.threads() - 1) / Parallel.threads();
        return Math.max(1, Math.min(s, perThread));
    }

    /** {@code small[s, j] = W_j @ im2col(image[s, j]) (+ bias)}: convolution forward, transposed input-grad. */
    private static void lower(ConvArith ar, Geom g, int groups, int n, Data image, Data w, Data bias, int m, Object small) {
        int k = g.rows(), l = g.cols(), imgStride = groups * g.c() * g.plane(), smallStride = groups * m * l;
        int batch = batchSize(n, k, l, m), batches = (n + batch - 1) / batch, ld = batch * l;
        // A bias rides in the GEMM: the columns get one more row, of ones, and each weight row its bias as one
        // more entry, so the output is written once (filling it with the bias first, or adding it after, is
        // one more pass over the largest tensor of a first layer).
        int kb = bias == null ? k : k + 1;
        Object wb = bias == null ? w.array() : ar.appendColumn(w.array(), w.off(), groups * m, k, bias.array(), bias.off());
        int wOff = bias == null ? w.off() : 0;
        int parts = Workers.worthSplitting(batches, 2L * n * groups * m * k * l);
        Workers.run(batches, parts, r -> {
            // Padding entries of col are never written (im2col's contract), nor is its row of ones; out is fully
            // overwritten each time.
            Object col = ar.alloc(kb * ld), out = batch == 1 ? null : ar.alloc(m * ld);
            if (bias != null) ar.fillOnes(col, k * ld, ld);
            for (int bi = r.from(); bi < r.to(); bi++) {
                int s0 = bi * batch, cnt = Math.min(batch, n - s0);
                for (int j = 0; j < groups; j++) {
                    for (int s = 0; s < cnt; s++) {
                        ar.im2col(image.array(), image.off() + (s0 + s) * imgStride + j * g.c() * g.plane(), g, col, s * l, ld);
                    }
                    if (batch == 1) {
                        // One sample: the GEMM writes its NCHW rows directly.
                        ar.gemm(false, false, m, l, kb, wb, wOff + j * m * kb, kb, col, 0, l, small,
                                s0 * smallStride + j * m * l, l, false);
                        continue;
                    }
                    ar.gemm(false, false, m, cnt * l, kb, wb, wOff + j * m * kb, kb, col, 0, ld, out, 0, ld, false);
                    for (int s = 0; s < cnt; s++) {
                        ar.scatterRows(out, s * l, ld, m, l, small, (s0 + s) * smallStride + j * m * l);
                    }
                }
            }
        });
    }

    /** {@code image[s, j] += col2im(W_j^T @ small[s, j]) (+ bias)}: convolution input-grad, transposed forward. */
    private static void raise(ConvArith ar, Geom g, int groups, int n, Data small, Data w, Data bias, int m, Object image) {
        int k = g.rows(), l = g.cols(), imgStride = groups * g.c() * g.plane(), smallStride = groups * m * l;
        int batch = batchSize(n, k, l, m), batches = (n + batch - 1) / batch, ld = batch * l;
        int parts = Workers.worthSplitting(batches, 2L * n * groups * m * k * l);
        Workers.run(batches, parts, r -> {
            Object col = ar.alloc(k * ld), in = batch == 1 ? null : ar.alloc(m * ld);
            for (int bi = r.from(); bi < r.to(); bi++) {
                int s0 = bi * batch, cnt = Math.min(batch, n - s0);
                for (int s = 0; s < cnt && bias != null; s++) {
                    ar.fillRows(image, (s0 + s) * imgStride, groups * g.c(), g.plane(), bias.array(), bias.off());
                }
                for (int j = 0; j < groups; j++) {
                    // One sample's rows are already side by side; several are gathered first.
                    Object b = batch == 1 ? small.array() : in;
                    int bOff = batch == 1 ? small.off() + s0 * smallStride + j * m * l : 0;
                    for (int s = 0; s < cnt && batch > 1; s++) {
                        ar.gatherRows(small.array(), small.off() + (s0 + s) * smallStride + j * m * l, m, l, in, s * l, ld);
                    }
                    ar.gemm(true, false, k, cnt * l, m, w.array(), w.off() + j * m * k, k, b, bOff, ld, col, 0, ld, false);
                    for (int s = 0; s < cnt; s++) {
                        ar.col2im(col, s * l, ld, g, image, (s0 + s) * imgStride + j * g.c() * g.plane());
                    }
                }
            }
        });
    }

    /**
     * {@code sum over s of small[s, j] @ im2col(image[s, j])^T}, the weight's gradient, {@code [groups*m, k]};
     * with {@code withBias} also the sum of {@code small} over samples and positions, {@code [groups*m]} (the
     * convolution's bias gradient), from the same GEMM: the columns get a row of ones, as in {@link #lower}.
     * Returns {@code {weightGrad, biasGrad or null}}.
     */
    private static Object[] weightGrad(ConvArith ar, Geom g, int groups, int n, Data image, Data small, int m,
                                       boolean withBias) {
        int smallStride = groups * m * g.cols();
        return weightGrad(ar, g, groups, n, image, (s, scratch) -> new Data(small.array(), small.off() + s * smallStride),
                null, m, withBias);
    }

    /**
     * Where sample {@code s}'s {@code [groups*m, positions]} block of the small side starts: a slice of a whole
     * tensor, or one produced on demand into {@code scratch} (a per-thread buffer of that size).
     */
    interface Samples {
        Data sample(int s, Object scratch);
    }

    /**
     * {@link #weightGrad} taking the small side sample by sample from {@code samples}; {@code scratchSize} is the
     * size of the buffer each thread hands it, or null when it needs none.
     */
    private static Object[] weightGrad(ConvArith ar, Geom g, int groups, int n, Data image, Samples samples,
                                       Integer scratchSize, int m, boolean withBias) {
        int k = g.rows(), l = g.cols(), imgStride = groups * g.c() * g.plane();
        int kb = withBias ? k + 1 : k, size = groups * m * kb;
        int batch = batchSize(n, k, l, m), batches = (n + batch - 1) / batch, ld = batch * l;
        // With few kernel rows (a first layer on one input channel: k = 9) the GEMM's output would be a thin m x k
        // strip; computing its transpose k x m keeps the micro-kernel's wide side busy.
        boolean flip = kb < m;
        int parts = Workers.worthSplitting(batches, 2L * n * groups * m * k * l);
        Object[] partial = new Object[parts];
        Workers.run(batches, parts, r -> {
            Object acc = ar.alloc(size);
            partial[r.part()] = acc;
            Object col = ar.alloc(kb * ld), gathered = batch == 1 ? null : ar.alloc(m * ld);
            Object scratch = scratchSize == null ? null : ar.alloc(scratchSize);
            if (withBias) ar.fillOnes(col, k * ld, ld);
            for (int bi = r.from(); bi < r.to(); bi++) {
                int s0 = bi * batch, cnt = Math.min(batch, n - s0);
                // One sample: its rows are already side by side (fetched once for all groups).
                Data first = batch == 1 ? samples.sample(s0, scratch) : null;
                for (int j = 0; j < groups; j++) {
                    Object dy = batch == 1 ? first.array() : gathered;
                    int dyOff = batch == 1 ? first.off() + j * m * l : 0;
                    for (int s = 0; s < cnt; s++) {
                        ar.im2col(image.array(), image.off() + (s0 + s) * imgStride + j * g.c() * g.plane(), g, col, s * l, ld);
                        if (batch > 1) {
                            Data d = samples.sample(s0 + s, scratch);
                            ar.gatherRows(d.array(), d.off() + j * m * l, m, l, dy, s * l, ld);
                        }
                    }
                    // One GEMM over the whole batch: its inner dimension runs over every sample's positions.
                    if (flip) {
                        ar.gemm(false, true, kb, m, cnt * l, col, 0, ld, dy, dyOff, ld, acc, j * m * kb, m, true);
                    } else {
                        ar.gemm(false, true, m, kb, cnt * l, dy, dyOff, ld, col, 0, ld, acc, j * m * kb, kb, true);
                    }
                }
            }
        });
        for (int p = 1; p < parts; p++) ar.addInto(partial[0], partial[p], size);
        Object w = flip ? ar.transposeBlocks(partial[0], groups, kb, m) : partial[0];
        if (!withBias) return new Object[] {w, null};
        // [groups*m, k+1]: the last column is the bias gradient.
        Object weightGrad = ar.alloc(groups * m * k), biasGrad = ar.alloc(groups * m);
        for (int r = 0; r < groups * m; r++) {
            System.arraycopy(w, r * kb, weightGrad, r * k, k);
            System.arraycopy(w, r * kb + k, biasGrad, r, 1);
        }
        return new Object[] {weightGrad, biasGrad};
    }

    /** Sum of the output gradient over the batch and positions, per channel. */
    private static Object biasGrad(ConvArith ar, Data grad, int n, int channels, int positions) {
        double[] sums = new double[channels];
        // Channels split across threads: each sums its own rows of every sample.
        Workers.run(channels, Workers.worthSplitting(channels, 2L * n * channels * positions), r -> {
            double[] part = new double[r.to() - r.from()];
            for (int s = 0; s < n; s++) {
                ar.sumRows(grad.array(), grad.off() + (s * channels + r.from()) * positions, r.to() - r.from(), positions, part);
            }
            System.arraycopy(part, 0, sums, r.from(), part.length);
        });
        return ar.fromDoubles(sums);
    }

    // ----------------------------------------------------------------------------------------------------------
    // Checks and shapes

    private static DType checkTypes(Tensor input, Tensor weight, Tensor bias) {
        DType dt = input.dtype();
        if (!dt.isFloatingPoint()) {
            throw new IllegalArgumentException("\"slow_conv2d_cpu\" not implemented for '" + scalarName(dt) + "'");
        }
        if (weight.dtype() != dt) {
            throw new IllegalArgumentException("expected scalar type " + scalarName(dt) + " but found "
                    + scalarName(weight.dtype()));
        }
        if (bias != null && bias.dtype() != dt) {
            throw new IllegalArgumentException("expected scalar type " + scalarName(dt) + " but found "
                    + scalarName(bias.dtype()));
        }
        return dt;
    }

    private static void checkRank(Tensor input, Tensor weight, int sd, boolean transposed) {
        String op = (transposed ? "conv_transpose" : "conv") + sd + "d";
        if (input.dim() != sd + 2) {
            throw new IllegalArgumentException("Expected " + (sd + 1) + "D (unbatched) or " + (sd + 2)
                    + "D (batched) input to " + op + ", but got input of size: " + Arrays.toString(input.shape()));
        }
        if (weight.dim() != sd + 2) {
            throw new IllegalArgumentException("Expected " + (sd + 2) + "-dimensional weight for " + (sd + 2)
                    + "-dimensional input " + Arrays.toString(input.shape()) + ", but got " + weight.dim()
                    + "-dimensional weight of size " + Arrays.toString(weight.shape()) + " instead");
        }
    }

    private static void checkBias(Tensor bias, int[] ws, int channels) {
        if (bias != null && (bias.dim() != 1 || bias.size(0) != channels)) {
            throw new IllegalArgumentException("Given weight of size " + Arrays.toString(ws)
                    + ", expected bias to be 1-dimensional with " + channels + " elements, but got bias of size "
                    + Arrays.toString(bias.shape()) + " instead");
        }
    }

    private static String scalarName(DType dt) {
        return switch (dt) {
            case FLOAT32 -> "Float";
            case FLOAT64 -> "Double";
            case INT64 -> "Long";
            case BOOL -> "Bool";
        };
    }

    /** The trailing {@code sd} sizes of a shape. */
    private static int[] spatial(int[] shape, int sd) {
        return Arrays.copyOfRange(shape, shape.length - sd, shape.length);
    }

    private static int[] withSpatial(int n, int c, int[] sizes) {
        int[] s = new int[sizes.length + 2];
        s[0] = n;
        s[1] = c;
        System.arraycopy(sizes, 0, s, 2, sizes.length);
        return s;
    }

    /** PyTorch's {@code (a x b)} spelling of per-channel sizes. */
    static String join(int[] v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length; i++) sb.append(i > 0 ? " x " : "").append(v[i]);
        return sb.toString();
    }

    /** A 1-D problem is a 2-D one with a single row. */
    private static Geom geom(int c, int[] image, int[] kernel, int[] stride, int[] padBefore, int[] dilation, int[] out) {
        if (image.length == 1) {
            return new Geom(c, 1, image[0], 1, kernel[0], 1, stride[0], 0, padBefore[0], 1, dilation[0], 1, out[0]);
        }
        return new Geom(c, image[0], image[1], kernel[0], kernel[1], stride[0], stride[1], padBefore[0], padBefore[1],
                dilation[0], dilation[1], out[0], out[1]);
    }
}
