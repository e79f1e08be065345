package dev.nabla.ops;

import dev.nabla.Nabla;
import dev.nabla.Tensor;

import java.util.Arrays;

/** Ops that only change how storage is read (shape, strides, offset), and the copies that make layouts plain. */
public final class Views {
    private Views() {}

    private static Tensor view(Tensor src, int[] shape, int[] strides, int offset) {
        return Tensor.viewOf(src, shape, strides, offset);
    }

    public static Tensor t(Tensor a) {
        if (a.dim() > 2) {
            throw new IllegalArgumentException("t() expects a tensor with <= 2 dimensions, but self is " + a.dim() + "D");
        }
        int[] perm = switch (a.dim()) {
            case 0 -> new int[0];
            case 1 -> new int[] {0};
            default -> new int[] {1, 0};
        };
        return permuteImpl(a, perm, "TBackward0");
    }

    public static Tensor transpose(Tensor a, int d0, int d1) {
        int rank = a.dim();
        d0 = Strided.wrapDim(d0, rank);
        d1 = Strided.wrapDim(d1, rank);
        int[] perm = new int[rank];
        for (int i = 0; i < rank; i++) perm[i] = i;
        perm[d0] = d1;
        perm[d1] = d0;
        return permuteImpl(a, perm, "TransposeBackward0");
    }

    public static Tensor permute(Tensor a, int... dims) {
        int rank = a.dim();
        if (dims.length != rank) {
            throw new IllegalArgumentException("permute(sparse_coo): number of dimensions in the tensor input does not match "
                    + "the length of the desired ordering of dimensions i.e. input.dim() = " + rank + " is not equal to len(dims) = " + dims.length);
        }
        int[] perm = new int[rank];
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < rank; i++) {
            perm[i] = Strided.wrapDim(dims[i], rank);
            if (seen[perm[i]]) throw new IllegalArgumentException("permute(): duplicate dims are not allowed.");
            seen[perm[i]] = true;
        }
        return permuteImpl(a, perm, "PermuteBackward0");
    }

    private static Tensor permuteImpl(Tensor a, int[] perm, String name) {
        int[] shape = a.shape(), strides = a.stride();
        int[] ns = new int[perm.length], nt = new int[perm.length], inverse = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            ns[i] = shape[perm[i]];
            nt[i] = strides[perm[i]];
            inverse[perm[i]] = i;
        }
        Tensor out = view(a, ns, nt, a.storageOffset());
        return Graph.record(out, name, new Tensor[] {a}, null, (n, g, s) -> new Tensor[] {g.permute(inverse)});
    }

    /** Resolves one -1 in a requested shape, with PyTorch's errors. */
    static int[] inferShape(int[] requested, long numel) {
        int[] shape = requested.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == -1) {
                if (infer >= 0) throw new IllegalArgumentException("only one dimension can be inferred");
                infer = i;
            } else if (shape[i] < 0) {
                throw new IllegalArgumentException("invalid shape dimension " + shape[i]);
            } else {
                known *= shape[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || numel % known != 0) {
                throw new IllegalArgumentException("shape '" + Arrays.toString(requested) + "' is invalid for input of size " + numel);
            }
            shape[infer] = (int) (numel / known);
        } else if (known != numel) {
            throw new IllegalArgumentException("shape '" + Arrays.toString(requested) + "' is invalid for input of size " + numel);
        }
        return shape;
    }

    /** Strides that read {@code a}'s elements in row-major order with {@code shape}, or null if no view can. */
    static int[] viewStrides(Tensor a, int[] shape) {
        if (a.isContiguous()) return Strided.contiguousStrides(shape);
        // Merge a's dims into chunks that are contiguous among themselves, then split each chunk (PyTorch's computeStride).
        int[] os = a.shape(), ot = a.stride();
        int[] nt = new int[shape.length];
        int viewD = shape.length - 1;
        long chunkBase = ot.length == 0 ? 1 : ot[ot.length - 1];
        long tensorNumel = 1, viewNumel = 1;
        for (int d = os.length - 1; d >= 0; d--) {
            tensorNumel *= os[d];
            if (d == 0 || (os[d - 1] != 1 && ot[d - 1] != tensorNumel * chunkBase)) {
                while (viewD >= 0 && (viewNumel < tensorNumel || shape[viewD] == 1)) {
                    nt[viewD] = (int) (viewNumel * chunkBase);
                    viewNumel *= shape[viewD];
                    viewD--;
                }
                if (viewNumel != tensorNumel) return null;
                if (d > 0) {
                    chunkBase = ot[d - 1];
                    tensorNumel = 1;
                    viewNumel = 1;
                }
            }
        }
        if (viewD != -1) return null;
        return nt;
    }

    public static Tensor view(Tensor a, int[] requested) {
        int[] shape = inferShape(requested, a.numel());
        int[] strides = viewStrides(a, shape);
        if (strides == null) {
            throw new IllegalArgumentException("view size is not compatible with input tensor's size and stride (at least one "
                    + "dimension spans across two contiguous subspaces). Use .reshape(...) instead.");
        }
        return viewImpl(a, shape, strides, "ViewBackward0");
    }

    private static Tensor viewImpl(Tensor a, int[] shape, int[] strides, String name) {
        int[] inShape = a.shape();
        Tensor out = view(a, shape, strides, a.storageOffset());
        return Graph.record(out, name, new Tensor[] {a}, null, (n, g, s) -> new Tensor[] {g.reshape(inShape)});
    }

    public static Tensor reshape(Tensor a, int[] requested) {
        int[] shape = inferShape(requested, a.numel());
        int[] strides = viewStrides(a, shape);
        if (strides != null) return viewImpl(a, shape, strides, "ViewBackward0");
        return viewImpl(contiguous(a), shape, Strided.contiguousStrides(shape), "ReshapeAliasBackward0");
    }

    public static Tensor flatten(Tensor a, int start, int end) {
        int rank = a.dim();
        if (rank == 0) return reshape(a, new int[] {1});
        start = Strided.wrapDim(start, rank);
        end = Strided.wrapDim(end, rank);
        if (start > end) throw new IllegalArgumentException("flatten() has invalid args: start_dim cannot come after end_dim");
        int[] s = a.shape();
        int[] ns = new int[rank - (end - start)];
        int k = 0;
        for (int i = 0; i < start; i++) ns[k++] = s[i];
        int m = 1;
        for (int i = start; i <= end; i++) m *= s[i];
        ns[k++] = m;
        for (int i = end + 1; i < rank; i++) ns[k++] = s[i];
        return reshape(a, ns);
    }

    public static Tensor unflatten(Tensor a, int dim, int[] sizes) {
        int rank = a.dim();
        dim = Strided.wrapDim(dim, rank);
        int[] s = a.shape();
        int[] inner = inferShape(sizes, s[dim]);
        int[] ns = new int[rank - 1 + inner.length];
        int k = 0;
        for (int i = 0; i < dim; i++) ns[k++] = s[i];
        for (int v : inner) ns[k++] = v;
        for (int i = dim + 1; i < rank; i++) ns[k++] = s[i];
        return view(a, ns);
    }

    public static Tensor squeeze(Tensor a) {
        int[] s = a.shape(), t = a.stride();
        int count = 0;
        for (int v : s) if (v != 1) count++;
        int[] ns = new int[count], nt = new int[count];
        int k = 0;
        for (int i = 0; i < s.length; i++) if (s[i] != 1) { ns[k] = s[i]; nt[k++] = t[i]; }
        return viewImpl(a, ns, nt, "SqueezeBackward0");
    }

    public static Tensor squeeze(Tensor a, int dim) {
        if (a.dim() == 0) return viewImpl(a, new int[0], new int[0], "SqueezeBackward1");
        dim = Strided.wrapDim(dim, a.dim());
        int[] s = a.shape(), t = a.stride();
        if (s[dim] != 1) return viewImpl(a, s, t, "SqueezeBackward1");
        return viewImpl(a, remove(s, dim), remove(t, dim), "SqueezeBackward1");
    }

    public static Tensor unsqueeze(Tensor a, int dim) {
        int rank = a.dim();
        dim = Strided.wrapDim(dim, rank + 1);
        int[] s = a.shape(), t = a.stride();
        int stride = dim < rank ? s[dim] * t[dim] : 1;
        return viewImpl(a, insert(s, dim, 1), insert(t, dim, stride), "UnsqueezeBackward0");
    }

    public static Tensor expand(Tensor a, int[] sizes) {
        int[] s = a.shape(), t = a.stride();
        if (sizes.length < s.length) {
            throw new IllegalArgumentException("expand(" + a.dtype().torchName() + "{" + Arrays.toString(s) + "}, size="
                    + Arrays.toString(sizes) + "): the number of sizes provided (" + sizes.length
                    + ") must be greater or equal to the number of dimensions in the tensor (" + s.length + ")");
        }
        int lead = sizes.length - s.length;
        int[] ns = new int[sizes.length], nt = new int[sizes.length];
        boolean same = lead == 0;
        for (int i = 0; i < sizes.length; i++) {
            int j = i - lead;
            int want = sizes[i];
            if (j < 0) {
                if (want < 0) throw new IllegalArgumentException("The expanded size of the tensor (" + want + ") isn't allowed in a leading, non-existing dimension " + i);
                ns[i] = want;
                nt[i] = 0;
            } else if (want == -1 || want == s[j]) {
                ns[i] = s[j];
                nt[i] = t[j];
            } else if (s[j] == 1) {
                ns[i] = want;
                nt[i] = 0;
                same = false;
            } else {
                throw new IllegalArgumentException("The expanded size of the tensor (" + want + ") must match the existing size ("
                        + s[j] + ") at non-singleton dimension " + i + ".  Target sizes: " + Arrays.toString(sizes)
                        + ".  Tensor sizes: " + Arrays.toString(s));
            }
        }
        if (same) return a;
        Tensor out = view(a, ns, nt, a.storageOffset());
        return Graph.record(out, "ExpandBackward0", new Tensor[] {a}, null, (n, g, sv) -> new Tensor[] {Graph.sumTo(g, s)});
    }

    public static Tensor narrow(Tensor a, int dim, int start, int length) {
        if (a.dim() == 0) throw new IllegalArgumentException("narrow() cannot be applied to a 0-dim tensor.");
        dim = Strided.wrapDim(dim, a.dim());
        int size = a.size(dim);
        if (start < 0) start += size;
        if (start < 0 || length < 0 || start + length > size) {
            throw new IndexOutOfBoundsException("start (" + start + ") + length (" + length + ") exceeds dimension size (" + size + ").");
        }
        return slice(a, dim, start, start + length, 1);
    }

    public static Tensor slice(Tensor a, int dim, int start, int end, int step) {
        dim = Strided.wrapDim(dim, a.dim());
        if (step <= 0) throw new IllegalArgumentException("slice step must be positive");
        int size = a.size(dim);
        if (start < 0) start += size;
        if (end < 0) end += size;
        start = Math.max(0, Math.min(start, size));
        end = Math.max(start, Math.min(end, size));
        int[] s = a.shape(), t = a.stride();
        int len = (end - start + step - 1) / step;
        int off = a.storageOffset() + start * t[dim];
        int[] ns = s.clone(), nt = t.clone();
        ns[dim] = len;
        nt[dim] = t[dim] * step;
        Tensor out = view(a, ns, nt, off);
        final int d = dim, st = start, stp = step;
        return Graph.record(out, "SliceBackward0", new Tensor[] {a}, null, (n, g, sv) -> new Tensor[] {sliceBackward(g, s, d, st, stp)});
    }

    /** Zeros of the input's shape with {@code g} written into the slice (the adjoint of slicing). */
    static Tensor sliceBackward(Tensor g, int[] inShape, int dim, int start, int step) {
        Tensor z = Nabla.zeros(g.dtype(), inShape);
        Tensor region = z.detach().slice(dim, start, start + (g.size(dim) - 1) * step + 1, step);
        Elementwise.writeInto(region, g);
        return z;
    }

    public static Tensor select(Tensor a, int dim, int index) {
        if (a.dim() == 0) throw new IllegalArgumentException("select() cannot be applied to a 0-dim tensor.");
        dim = Strided.wrapDim(dim, a.dim());
        int size = a.size(dim);
        if (index < -size || index >= size) {
            throw new IndexOutOfBoundsException("select(): index " + index + " out of range for tensor of size "
                    + Arrays.toString(a.shape()) + " at dimension " + dim);
        }
        if (index < 0) index += size;
        int[] s = a.shape(), t = a.stride();
        Tensor out = view(a, remove(s, dim), remove(t, dim), a.storageOffset() + index * t[dim]);
        final int d = dim, i = index;
        return Graph.record(out, "SelectBackward0", new Tensor[] {a}, null,
                (n, g, sv) -> new Tensor[] {sliceBackward(g.unsqueeze(d), s, d, i, 1)});
    }

    public static Tensor contiguous(Tensor a) {
        Tensor out = Tensor.of(Strided.copyToContiguous(a, a.dtype()), a.shape());
        return Graph.record(out, "CloneBackward0", new Tensor[] {a}, null, (n, g, s) -> new Tensor[] {g});
    }

    public static Tensor clone(Tensor a) {
        return contiguous(a);
    }

    public static Tensor repeat(Tensor a, int[] repeats) {
        if (repeats.length < a.dim()) {
            throw new IllegalArgumentException("Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor");
        }
        int lead = repeats.length - a.dim();
        int[] s = a.shape();
        // Unsqueeze a size-1 dim before each of a's dims, expand it to the repeat count, then merge.
        int[] mid = new int[2 * repeats.length], target = new int[2 * repeats.length], out = new int[repeats.length];
        for (int i = 0; i < repeats.length; i++) {
            int size = i < lead ? 1 : s[i - lead];
            mid[2 * i] = 1;
            mid[2 * i + 1] = size;
            target[2 * i] = repeats[i];
            target[2 * i + 1] = size;
            out[i] = repeats[i] * size;
        }
        return a.reshape(mid).expand(target).reshape(out);
    }

    static int[] remove(int[] a, int i) {
        int[] r = new int[a.length - 1];
        System.arraycopy(a, 0, r, 0, i);
        System.arraycopy(a, i + 1, r, i, a.length - i - 1);
        return r;
    }

    static int[] insert(int[] a, int i, int v) {
        int[] r = new int[a.length + 1];
        System.arraycopy(a, 0, r, 0, i);
        r[i] = v;
        System.arraycopy(a, i, r, i + 1, a.length - i);
        return r;
    }
}
