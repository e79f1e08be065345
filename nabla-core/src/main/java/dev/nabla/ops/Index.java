package dev.nabla.ops;

import dev.nabla.DType;
import dev.nabla.Nabla;
import dev.nabla.Storage;
import dev.nabla.Tensor;
import dev.nabla.kernels.Parallel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Gathering and scattering by index, joining and splitting. */
public final class Index {
    private Index() {}

    private static long[] indices(Tensor index, String op) {
        if (index.dtype() != DType.INT64) {
            throw new IllegalArgumentException(op + "(): Expected dtype int64 for index, got " + index.dtype().torchName());
        }
        return index.toLongArray();
    }

    /** Gathers of at least this many elements are split over the threads. */
    private static final int PARALLEL_GATHER_MIN = 1 << 15;

    public static Tensor indexSelect(Tensor a, int dim, Tensor index) {
        if (index.dim() > 1) throw new IllegalArgumentException("index_select(): Index is supposed to be a vector");
        long[] idx = indices(index, "index_select");
        int rank = Math.max(a.dim(), 1);
        dim = Strided.wrapDim(dim, rank);
        Tensor src = a.dim() == 0 ? a.reshape(1) : a;
        int[] shape = src.shape();
        int n = shape[dim], outer = 1, inner = 1;
        for (int i = 0; i < dim; i++) outer *= shape[i];
        for (int i = dim + 1; i < shape.length; i++) inner *= shape[i];
        for (long v : idx) {
            if (v < -n || v >= n) {
                throw new IndexOutOfBoundsException("index out of range in self: index " + v + " is out of bounds for dimension " + dim + " with size " + n);
            }
        }
        Storage in = Strided.contiguousData(src, src.dtype());
        int inOff = in == src.storage() ? src.storageOffset() : 0;
        int[] outShape = shape.clone();
        outShape[dim] = idx.length;
        Storage out = Storage.allocate(a.dtype(), Strided.checkedNumel(outShape));
        Object from = Strided.array(in), to = Strided.array(out);
        int rows = idx.length, fo = outer, fi = inner, fn = n;
        // A batch gather from a large dataset waits on memory for each row: two cores keep twice as many rows in
        // flight (64 images of Fashion-MNIST: about 100 us on one core).
        int parts = outer == 1 && (long) rows * inner >= PARALLEL_GATHER_MIN ? Math.min(Parallel.threads(), rows) : 1;
        Parallel.forEach(parts, t -> {
            int r0 = (int) ((long) rows * t / parts), r1 = (int) ((long) rows * (t + 1) / parts);
            for (int p = 0; p < fo; p++) {
                for (int r = r0; r < r1; r++) {
                    int row = (int) (idx[r] < 0 ? idx[r] + fn : idx[r]);
                    System.arraycopy(from, inOff + (p * fn + row) * fi, to, (p * rows + r) * fi, fi);
                }
            }
        });
        Tensor result = Tensor.of(out, a.dim() == 0 ? new int[0] : outShape);
        final int d = dim;
        int[] inShape = a.shape();
        return Graph.record(result, "IndexSelectBackward0", new Tensor[] {a}, new Tensor[] {index}, (nd, g, s) -> {
            // Scatter-add each selected row back to where it came from.
            Tensor idxFull = expandIndexAlong(s[0], d, g.dim() == 0 ? new int[] {1} : g.shape());
            Tensor gg = g.dim() == 0 ? g.reshape(1) : g;
            Tensor z = Nabla.zeros(g.dtype(), inShape.length == 0 ? new int[] {1} : inShape).scatterAdd(d, idxFull, gg);
            return new Tensor[] {z.reshape(inShape)};
        });
    }

    /** A 1-D index laid along {@code dim} of a tensor of {@code shape}, as gather/scatter expect it. */
    private static Tensor expandIndexAlong(Tensor index, int dim, int[] shape) {
        int[] view = new int[shape.length];
        Arrays.fill(view, 1);
        view[dim] = (int) index.numel();
        return index.reshape(view).expand(shape);
    }

    public static Tensor gather(Tensor a, int dim, Tensor index) {
        long[] idx = indices(index, "gather");
        int rank = a.dim();
        dim = Strided.wrapDim(dim, rank);
        if (index.dim() != rank) {
            throw new IllegalArgumentException("Index tensor must have the same number of dimensions as input tensor");
        }
        int[] shape = a.shape(), ishape = index.shape();
        for (int d = 0; d < rank; d++) {
            if (d != dim && ishape[d] > shape[d]) {
                throw new IllegalArgumentException("Size does not match at dimension " + d + " expected index "
                        + Arrays.toString(ishape) + " to be smaller than self " + Arrays.toString(shape) + " apart from dimension " + dim);
            }
        }
        Storage in = a.storage();
        Storage out = Storage.allocate(a.dtype(), idx.length);
        int[] aStrides = a.stride();
        int[] counter = new int[rank];
        for (int o = 0; o < idx.length; o++) {
            long v = idx[o];
            if (v < -shape[dim] || v >= shape[dim]) {
                throw new IndexOutOfBoundsException("index " + v + " is out of bounds for dimension " + dim + " with size " + shape[dim]);
            }
            int off = a.storageOffset();
            for (int d = 0; d < rank; d++) {
                int c = d == dim ? (int) (v < 0 ? v + shape[dim] : v) : counter[d];
                off += c * aStrides[d];
            }
            copyElement(in, off, out, o);
            increment(counter, ishape);
        }
        Tensor result = Tensor.of(out, ishape);
        final int d = dim;
        return Graph.record(result, "GatherBackward0", new Tensor[] {a}, new Tensor[] {index}, (nd, g, s) ->
                new Tensor[] {Nabla.zeros(g.dtype(), shape).scatterAdd(d, s[0], g)});
    }

    private static void copyElement(Storage in, int from, Storage out, int to) {
        if (in.dtype() == DType.INT64) out.setLong(to, in.getLong(from));
        else out.setDouble(to, in.getDouble(from));
    }

    private static void increment(int[] counter, int[] shape) {
        for (int d = counter.length - 1; d >= 0; d--) {
            if (++counter[d] < shape[d]) return;
            counter[d] = 0;
        }
    }

    public static Tensor scatterAdd(Tensor self, int dim, Tensor index, Tensor src) {
        long[] idx = indices(index, "scatter_add");
        int rank = self.dim();
        dim = Strided.wrapDim(dim, rank);
        if (index.dim() != rank || src.dim() != rank) {
            throw new IllegalArgumentException("Index tensor must have the same number of dimensions as self tensor");
        }
        int[] shape = self.shape(), ishape = index.shape();
        Storage out = Strided.copyToContiguous(self, self.dtype());
        int[] outStrides = Strided.contiguousStrides(shape);
        Tensor part = src;
        for (int d = 0; d < rank; d++) if (part.size(d) != ishape[d]) part = part.narrow(d, 0, ishape[d]);
        Storage s = Strided.copyToContiguous(part, self.dtype());
        int[] counter = new int[rank];
        for (int o = 0; o < idx.length; o++) {
            long v = idx[o];
            if (v < -shape[dim] || v >= shape[dim]) {
                throw new IndexOutOfBoundsException("index " + v + " is out of bounds for dimension " + dim + " with size " + shape[dim]);
            }
            int off = 0;
            for (int d = 0; d < rank; d++) {
                int c = d == dim ? (int) (v < 0 ? v + shape[dim] : v) : counter[d];
                off += c * outStrides[d];
            }
            if (self.dtype() == DType.INT64) out.setLong(off, out.getLong(off) + s.getLong(o));
            else out.setDouble(off, out.getDouble(off) + s.getDouble(o));
            increment(counter, ishape);
        }
        Tensor result = Tensor.of(out, shape);
        final int d = dim;
        int[] srcShape = src.shape();
        return Graph.record(result, "ScatterAddBackward0", new Tensor[] {self, src}, new Tensor[] {index}, (nd, g, sv) ->
                new Tensor[] {nd.needsGrad(0) ? g : null, nd.needsGrad(1) ? padTo(g.gather(d, sv[0]), srcShape) : null});
    }

    /**
     * {@code g} in the leading corner of zeros of {@code shape}: src elements beyond the index got no gradient.
     * Padded with cat, so that the result stays differentiable in g (create-graph).
     */
    private static Tensor padTo(Tensor g, int[] shape) {
        for (int d = 0; d < shape.length; d++) {
            if (g.size(d) == shape[d]) continue;
            int[] pad = g.shape();
            pad[d] = shape[d] - g.size(d);
            g = cat(List.of(g, Nabla.zeros(g.dtype(), pad)), d);
        }
        return g;
    }

    public static Tensor maskedSelect(Tensor a, Tensor mask) {
        if (mask.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("masked_select: expected BoolTensor for mask");
        }
        int[] shape = Strided.broadcastShapes(a.shape(), mask.shape());
        boolean[] m = Strided.copyToContiguous(mask.expand(shape), DType.BOOL).bools();
        Tensor flat = a.expand(shape).reshape(-1);
        int count = 0;
        for (boolean b : m) if (b) count++;
        long[] pos = new long[count];
        for (int i = 0, k = 0; i < m.length; i++) if (m[i]) pos[k++] = i;
        return flat.indexSelect(0, Nabla.tensor(pos, count));
    }

    public static List<Tensor> split(Tensor a, int size, int dim) {
        dim = Strided.wrapDim(dim, a.dim());
        if (size < 0) throw new IllegalArgumentException("split expects split_size be non-negative, but got split_size=" + size);
        if (size == 0 && a.size(dim) != 0) {
            throw new IllegalArgumentException("split_size can only be 0 if dimension size is 0, but got dimension size of "
                    + a.size(dim));
        }
        if (size == 0) return new ArrayList<>(List.of(a));
        int n = a.size(dim);
        List<Tensor> out = new ArrayList<>();
        for (int start = 0; start < n || (n == 0 && out.isEmpty()); start += size) out.add(a.narrow(dim, start, Math.min(size, n - start)));
        return out;
    }

    public static List<Tensor> chunk(Tensor a, int chunks, int dim) {
        if (chunks <= 0) throw new IllegalArgumentException("chunk expects `chunks` to be greater than 0, got: " + chunks);
        int n = a.size(dim);
        return split(a, Math.max(1, (n + chunks - 1) / chunks), dim);
    }

    public static List<Tensor> unbind(Tensor a, int dim) {
        dim = Strided.wrapDim(dim, a.dim());
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < a.size(dim); i++) out.add(a.select(dim, i));
        return out;
    }

    public static Tensor cat(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) throw new IllegalArgumentException("torch.cat(): expected a non-empty list of Tensors");
        Tensor first = tensors.get(0);
        int rank = first.dim();
        if (rank == 0) throw new IllegalArgumentException("zero-dimensional tensor (at position 0) cannot be concatenated");
        dim = Strided.wrapDim(dim, rank);
        DType dt = first.dtype();
        int total = 0;
        int[] shape = first.shape();
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            if (t.dim() != rank) {
                throw new IllegalArgumentException("Tensors must have same number of dimensions: got " + rank + " and " + t.dim());
            }
            for (int d = 0; d < rank; d++) {
                if (d != dim && t.size(d) != shape[d]) {
                    throw new IllegalArgumentException("Sizes of tensors must match except in dimension " + dim + ". Expected size "
                            + shape[d] + " but got size " + t.size(d) + " for tensor number " + i + " in the list.");
                }
            }
            dt = DType.promote(dt, t.dtype());
            total += t.size(dim);
        }
        int[] outShape = shape.clone();
        outShape[dim] = total;
        Tensor out = Tensor.empty(dt, outShape);
        int[] starts = new int[tensors.size()], lengths = new int[tensors.size()];
        int off = 0;
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            starts[i] = off;
            lengths[i] = t.size(dim);
            if (lengths[i] > 0) Elementwise.writeInto(out.narrow(dim, off, lengths[i]), t);
            off += lengths[i];
        }
        Tensor[] inputs = tensors.toArray(new Tensor[0]);
        DType[] types = new DType[inputs.length];
        for (int i = 0; i < inputs.length; i++) types[i] = inputs[i].dtype();
        final int d = dim;
        return Graph.record(out, "CatBackward0", inputs, null, (nd, g, s) -> {
            Tensor[] grads = new Tensor[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                if (nd.needsGrad(i)) grads[i] = g.narrow(d, starts[i], lengths[i]).to(types[i]);
            }
            return grads;
        });
    }

    public static Tensor stack(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) throw new IllegalArgumentException("stack expects a non-empty TensorList");
        int[] shape = tensors.get(0).shape();
        for (int i = 1; i < tensors.size(); i++) {
            if (!Arrays.equals(shape, tensors.get(i).shape())) {
                throw new IllegalArgumentException("stack expects each tensor to be equal size, but got " + Arrays.toString(shape)
                        + " at entry 0 and " + Arrays.toString(tensors.get(i).shape()) + " at entry " + i);
            }
        }
        int d = Strided.wrapDim(dim, shape.length + 1);
        List<Tensor> parts = new ArrayList<>(tensors.size());
        for (Tensor t : tensors) parts.add(t.unsqueeze(d));
        return cat(parts, d);
    }
}
