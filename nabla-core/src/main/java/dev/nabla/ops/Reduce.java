package dev.nabla.ops;

import dev.nabla.DType;
import dev.nabla.MaxResult;
import dev.nabla.Nabla;
import dev.nabla.Storage;
import dev.nabla.Tensor;
import dev.nabla.kernels.KernelProvider;

import java.util.Arrays;

/**
 * Reductions. Every single-dim reduction views its input as [outer, n, inner] (n the reduced size), which covers
 * any dim of a contiguous tensor without permuting; several dims are reduced one at a time.
 */
public final class Reduce {
    private Reduce() {}

    private static boolean[] dimMask(Tensor a, int[] dims) {
        boolean[] mask = new boolean[a.dim()];
        if (dims == null) {
            Arrays.fill(mask, true);
            return mask;
        }
        for (int d : dims) {
            int w = Strided.wrapDim(d, a.dim());
            if (a.dim() == 0) continue; // a 0-dim tensor accepts dim 0 or -1, and reducing it changes nothing
            if (mask[w]) throw new IllegalArgumentException("dim " + w + " appears multiple times in the list of dims");
            mask[w] = true;
        }
        return mask;
    }

    private static int[] keptShape(int[] shape, boolean[] mask, boolean keepdim) {
        int k = 0;
        for (int i = 0; i < shape.length; i++) if (!mask[i] || keepdim) k++;
        int[] out = new int[k];
        k = 0;
        for (int i = 0; i < shape.length; i++) {
            if (!mask[i]) out[k++] = shape[i];
            else if (keepdim) out[k++] = 1;
        }
        return out;
    }

    public static Tensor sum(Tensor a, int[] dims, boolean keepdim) {
        boolean[] mask = dimMask(a, dims);
        DType dt = a.dtype().isFloatingPoint() ? a.dtype() : DType.INT64;
        int[] inShape = a.shape();
        Tensor out = sumRaw(a, mask, keepdim, dt);
        return Graph.record(out, "SumBackward" + (dims == null ? "0" : "1"), new Tensor[] {a}, null,
                (n, g, s) -> new Tensor[] {expandBack(g, inShape, mask, keepdim)});
    }

    /** Restores reduced dims of a gradient (unsqueeze where keepdim was false) and expands to the input's shape. */
    static Tensor expandBack(Tensor g, int[] inShape, boolean[] mask, boolean keepdim) {
        if (!keepdim) {
            for (int i = 0; i < mask.length; i++) if (mask[i]) g = g.unsqueeze(i);
        }
        return g.expand(inShape);
    }

    private static Tensor sumRaw(Tensor a, boolean[] mask, boolean keepdim, DType dt) {
        int[] shape = a.shape();
        boolean all = true;
        for (boolean m : mask) all &= m;
        if (all) {
            Storage out = Storage.allocate(dt, 1);
            if (dt == DType.FLOAT32) {
                Tensor c = Elementwise.floats(a);
                out.setDouble(0, KernelProvider.get().sum(c.storage().floats(), c.storageOffset(), (int) a.numel()));
            } else if (dt == DType.INT64) {
                long s = 0;
                for (long v : Strided.copyToContiguous(a, DType.INT64).longs()) s += v;
                out.setLong(0, s);
            } else {
                double s = 0;
                for (double v : Strided.copyToContiguous(a, DType.FLOAT64).doubles()) s += v;
                out.setDouble(0, s);
            }
            return Tensor.of(out, keptShape(shape, mask, keepdim));
        }
        Tensor cur = a;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (mask[d]) cur = sumDim(cur, d, dt);
        }
        return cur.reshape(keptShape(shape, mask, keepdim));
    }

    /** Sum over one dim, keeping it as size 1. */
    private static Tensor sumDim(Tensor a, int dim, DType dt) {
        int[] shape = a.shape();
        int n = shape[dim];
        int outer = 1, inner = 1;
        for (int i = 0; i < dim; i++) outer *= shape[i];
        for (int i = dim + 1; i < shape.length; i++) inner *= shape[i];
        int[] outShape = shape.clone();
        outShape[dim] = 1;
        if (dt == DType.FLOAT32) {
            Tensor c = Elementwise.floats(a);
            float[] x = c.storage().floats();
            int off = c.storageOffset();
            float[] o = new float[outer * inner];
            for (int p = 0; p < outer; p++) {
                int base = off + p * n * inner;
                if (inner == 1) {
                    o[p] = (float) KernelProvider.get().sum(x, base, n);
                } else {
                    // Adds whole rows: a vectorisable loop over the inner dim (bias gradients are this case).
                    for (int r = 0; r < n; r++) {
                        int row = base + r * inner;
                        for (int j = 0; j < inner; j++) o[p * inner + j] += x[row + j];
                    }
                }
            }
            return Tensor.of(Storage.of(o), outShape);
        }
        Storage src = Strided.copyToContiguous(a, dt);
        Storage out = Storage.allocate(dt, outer * inner);
        for (int p = 0; p < outer; p++) {
            for (int j = 0; j < inner; j++) {
                if (dt == DType.INT64) {
                    long s = 0;
                    for (int r = 0; r < n; r++) s += src.getLong((p * n + r) * inner + j);
                    out.setLong(p * inner + j, s);
                } else {
                    double s = 0;
                    for (int r = 0; r < n; r++) s += src.getDouble((p * n + r) * inner + j);
                    out.setDouble(p * inner + j, s);
                }
            }
        }
        return Tensor.of(out, outShape);
    }

    public static Tensor mean(Tensor a, int[] dims, boolean keepdim) {
        if (!a.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("mean(): could not infer output dtype. Input dtype must be either a floating "
                    + "point or complex dtype. Got: " + (a.dtype() == DType.INT64 ? "Long" : "Bool"));
        }
        boolean[] mask = dimMask(a, dims);
        long count = 1;
        int[] shape = a.shape();
        for (int i = 0; i < shape.length; i++) if (mask[i]) count *= shape[i];
        Tensor out = sumRaw(a, mask, keepdim, a.dtype());
        out = Elementwise.compute(dev.nabla.kernels.BinaryOp.DIV, out, Nabla.scalarLike(count, out), out.dtype(), out.shape());
        final double c = count;
        return Graph.record(out, "MeanBackward" + (dims == null ? "0" : "1"), new Tensor[] {a}, null,
                (n, g, s) -> new Tensor[] {expandBack(g.div(c), shape, mask, keepdim)});
    }

    public static Tensor prod(Tensor a) {
        double[] x = a.toDoubleArray();
        double p = 1;
        for (double v : x) p *= v;
        DType dt = a.dtype().isFloatingPoint() ? a.dtype() : DType.INT64;
        Tensor out = Nabla.full(p, dt, new int[0]);
        int[] shape = a.shape();
        return Graph.record(out, "ProdBackward0", new Tensor[] {a}, new Tensor[] {a}, (n, g, s) -> {
            // d/dx_i = product of the others: prefix times suffix products, exact also when some x_j are zero.
            double[] v = s[0].toDoubleArray();
            double[] others = new double[v.length];
            double prefix = 1;
            for (int i = 0; i < v.length; i++) { others[i] = prefix; prefix *= v[i]; }
            double suffix = 1;
            for (int i = v.length - 1; i >= 0; i--) { others[i] *= suffix; suffix *= v[i]; }
            return new Tensor[] {Tensor.of(Storage.of(others), shape).to(g.dtype()).mul(g)};
        });
    }

    /** Max (or min) over all elements; NaN wins, as in PyTorch. */
    public static Tensor maxAll(Tensor a, boolean isMax) {
        if (a.numel() == 0) {
            throw new IllegalArgumentException((isMax ? "max" : "min") + "(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.");
        }
        double[] x = a.toDoubleArray();
        double best = x[0];
        for (double v : x) {
            if (Double.isNaN(v)) { best = v; break; }
            if (isMax ? v > best : v < best) best = v;
        }
        Tensor out = Nabla.full(best, a.dtype(), new int[0]);
        return Graph.record(out, isMax ? "MaxBackward1" : "MinBackward1", new Tensor[] {a}, new Tensor[] {a, out}, (n, g, s) -> {
            Tensor hit = s[0].eq(s[1]).to(g.dtype());
            return new Tensor[] {hit.mul(g.div(hit.sum()))};
        });
    }

    public static MaxResult max(Tensor a, int dim, boolean keepdim, boolean isMax) {
        int rank = a.dim();
        if (rank == 0) {
            Strided.wrapDim(dim, rank);
            Tensor v = Tensor.of(Strided.copyToContiguous(a, a.dtype()));
            v = Graph.record(v, isMax ? "MaxBackward0" : "MinBackward0", new Tensor[] {a}, null, (n, g, s) -> new Tensor[] {g});
            return new MaxResult(v, Nabla.zeros(DType.INT64));
        }
        dim = Strided.wrapDim(dim, rank);
        int[] shape = a.shape();
        int n = shape[dim];
        if (n == 0) {
            throw new IllegalArgumentException((isMax ? "max" : "min") + "(): Expected reduction dim " + dim + " to have non-zero size.");
        }
        int outer = 1, inner = 1;
        for (int i = 0; i < dim; i++) outer *= shape[i];
        for (int i = dim + 1; i < rank; i++) inner *= shape[i];
        int[] keptShape = shape.clone();
        keptShape[dim] = 1;
        Storage src = Strided.contiguousData(a, a.dtype());
        int base = src == a.storage() ? a.storageOffset() : 0;
        Storage vals = Storage.allocate(a.dtype(), outer * inner);
        long[] idx = new long[outer * inner];
        for (int p = 0; p < outer; p++) {
            for (int j = 0; j < inner; j++) {
                int first = base + p * n * inner + j;
                double best = src.getDouble(first);
                int bi = 0;
                if (!Double.isNaN(best)) {
                    for (int r = 1; r < n; r++) {
                        double v = src.getDouble(first + r * inner);
                        if (Double.isNaN(v)) { best = v; bi = r; break; }
                        if (isMax ? v > best : v < best) { best = v; bi = r; }
                    }
                }
                idx[p * inner + j] = bi;
                if (a.dtype() == DType.INT64) vals.setLong(p * inner + j, src.getLong(first + bi * inner));
                else vals.setDouble(p * inner + j, best);
            }
        }
        Tensor values = Tensor.of(vals, keptShape), indices = Tensor.of(Storage.of(idx), keptShape);
        if (!keepdim) {
            values = values.squeeze(dim);
            indices = indices.squeeze(dim);
        }
        final int d = dim;
        Tensor keptIndices = Tensor.of(Storage.of(idx), keptShape);
        values = Graph.record(values, isMax ? "MaxBackward0" : "MinBackward0", new Tensor[] {a}, new Tensor[] {keptIndices},
                (nd, g, s) -> {
                    Tensor gk = keepdim ? g : g.unsqueeze(d);
                    return new Tensor[] {Nabla.zeros(g.dtype(), shape).scatterAdd(d, s[0], gk)};
                });
        return new MaxResult(values, indices);
    }

    /** Index of the max (or min) of the flattened tensor. */
    public static Tensor argAll(Tensor a, boolean isMax) {
        return max(a.reshape(-1), 0, false, isMax).indices();
    }

    public static Tensor var(Tensor a, int[] dims, int correction, boolean keepdim) {
        boolean[] mask = dimMask(a, dims);
        long count = 1;
        int[] shape = a.shape();
        for (int i = 0; i < shape.length; i++) if (mask[i]) count *= shape[i];
        int[] all = dims == null ? null : dims;
        Tensor mu = all == null ? a.mean() : a.mean(all, true);
        Tensor sq = a.sub(mu).square();
        Tensor s = all == null ? sq.sum() : sq.sum(all, keepdim);
        return s.div(Math.max(count - correction, 0));
    }

    public static Tensor logsumexp(Tensor a, int dim, boolean keepdim) {
        if (!a.dtype().isFloatingPoint()) a = a.toFloat();
        Tensor m = a.detach().max(dim, true).values();
        // An infinite max would give inf - inf = NaN; shifting by 0 there is exact.
        m = m.maskedFill(m.abs().eq(Double.POSITIVE_INFINITY), 0);
        Tensor out = a.sub(m).exp().sum(dim, true).log().add(m);
        return keepdim ? out : out.squeeze(dim);
    }

    public static long countNonZero(Tensor a) {
        long c = 0;
        for (double v : a.toDoubleArray()) if (v != 0) c++;
        return c;
    }
}
