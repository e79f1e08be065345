package dev.nabla.ops;

import dev.nabla.DType;
import dev.nabla.Storage;
import dev.nabla.Tensor;

import java.util.Arrays;

/** Layout arithmetic (strides, broadcasting, dims) and the copy from any strided view into a contiguous array. */
public final class Strided {
    private Strided() {}

    public static int[] contiguousStrides(int[] shape) {
        int[] strides = new int[shape.length];
        int s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = s;
            s *= Math.max(shape[i], 1);
        }
        return strides;
    }

    public static long numel(int[] shape) {
        long n = 1;
        for (int s : shape) n *= s;
        return n;
    }

    /** The number of elements, checked to fit a Java array, with sizes checked non-negative. */
    public static int checkedNumel(int[] shape) {
        long n = 1;
        for (int s : shape) {
            if (s < 0) throw new IllegalArgumentException("Trying to create tensor with negative dimension " + s + ": " + Arrays.toString(shape));
            n *= s;
        }
        if (n > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("tensor of shape " + Arrays.toString(shape) + " is too large (" + n + " elements)");
        return (int) n;
    }

    public static boolean isContiguous(int[] shape, int[] strides) {
        int expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] == 1) continue;
            if (strides[i] != expected) return false;
            expected *= shape[i];
        }
        return true;
    }

    /** Wraps a possibly negative dim into [0, rank), with PyTorch's error. */
    public static int wrapDim(int dim, int rank) {
        int r = Math.max(rank, 1);
        if (dim < -r || dim >= r) {
            throw new IndexOutOfBoundsException("Dimension out of range (expected to be in range of [" + (-r) + ", "
                    + (r - 1) + "], but got " + dim + ")");
        }
        return dim < 0 ? dim + r : dim;
    }

    /** PyTorch's broadcast of two shapes, or its error naming the mismatching sizes. */
    public static int[] broadcastShapes(int[] a, int[] b) {
        int n = Math.max(a.length, b.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int ai = i - (n - a.length), bi = i - (n - b.length);
            int x = ai >= 0 ? a[ai] : 1, y = bi >= 0 ? b[bi] : 1;
            if (x != y && x != 1 && y != 1) {
                throw new IllegalArgumentException("The size of tensor a (" + x + ") must match the size of tensor b ("
                        + y + ") at non-singleton dimension " + i);
            }
            out[i] = x == 1 ? y : x;
        }
        return out;
    }

    /** Storage index of the element at {@code index}. */
    public static int offsetOf(Tensor t, int... index) {
        int[] shape = t.shape();
        if (index.length != shape.length) {
            throw new IllegalArgumentException("expected " + shape.length + " indices for a tensor of shape "
                    + Arrays.toString(shape) + ", got " + index.length);
        }
        int off = t.storageOffset();
        for (int d = 0; d < index.length; d++) {
            int i = index[d] < 0 ? index[d] + shape[d] : index[d];
            if (i < 0 || i >= shape[d]) {
                throw new IndexOutOfBoundsException("index " + index[d] + " is out of bounds for dimension " + d
                        + " with size " + shape[d]);
            }
            off += i * t.stride(d);
        }
        return off;
    }

    /**
     * Calls {@code visitor} with the storage index of every element in row-major order. Used by the general
     * (strided) paths; the innermost dimension is walked by a plain loop.
     */
    public interface IndexVisitor {
        void visit(int outIndex, int storageIndex);
    }

    public static void forEach(Tensor t, IndexVisitor visitor) {
        int[] shape = t.shape(), strides = t.stride();
        int rank = shape.length;
        int n = (int) numel(shape);
        if (n == 0) return;
        if (rank == 0) {
            visitor.visit(0, t.storageOffset());
            return;
        }
        int inner = shape[rank - 1], innerStride = strides[rank - 1];
        int[] counter = new int[rank];
        int base = t.storageOffset();
        for (int out = 0; out < n; out += inner) {
            for (int j = 0; j < inner; j++) visitor.visit(out + j, base + j * innerStride);
            for (int d = rank - 2; d >= 0; d--) {
                base += strides[d];
                if (++counter[d] < shape[d]) break;
                base -= strides[d] * shape[d];
                counter[d] = 0;
            }
        }
    }

    /** Copies the elements of {@code t} in row-major order into a new storage of {@code dtype}. */
    public static Storage copyToContiguous(Tensor t, DType dtype) {
        int n = (int) t.numel();
        Storage src = t.storage();
        if (src.dtype() == dtype && t.isContiguous()) {
            // copyOfRange allocates without zeroing the new array first (the JIT knows it is overwritten at once):
            // this is the copy of every weight gradient that autograd accumulates, 800 KB a step for the seed MLP.
            int from = t.storageOffset();
            return switch (dtype) {
                case FLOAT32 -> Storage.of(Arrays.copyOfRange(src.floats(), from, from + n));
                case FLOAT64 -> Storage.of(Arrays.copyOfRange(src.doubles(), from, from + n));
                case INT64 -> Storage.of(Arrays.copyOfRange(src.longs(), from, from + n));
                case BOOL -> Storage.of(Arrays.copyOfRange(src.bools(), from, from + n));
            };
        }
        Storage dst = Storage.allocate(dtype, n);
        if (src.dtype() == DType.FLOAT32 && dtype == DType.FLOAT32) {
            copyFloats(src.floats(), t, dst.floats());
        } else if (dtype == DType.INT64 && !src.dtype().isFloatingPoint()) {
            long[] d = dst.longs();
            forEach(t, (o, i) -> d[o] = src.getLong(i));
        } else if (dtype == DType.BOOL) {
            boolean[] d = dst.bools();
            forEach(t, (o, i) -> d[o] = src.getDouble(i) != 0.0);
        } else {
            forEach(t, (o, i) -> dst.setDouble(o, src.getDouble(i)));
        }
        return dst;
    }

    /**
     * Row-major copy of a float32 view without a per-element callback: this is the hot copy of training (the
     * transposed weight gradient that autograd clones into {@code grad}). Matrices are copied in square tiles, so
     * that a transposed read touches each cache line once per tile instead of once per element.
     */
    private static void copyFloats(float[] s, Tensor t, float[] d) {
        int[] shape = t.shape(), strides = t.stride();
        int rank = shape.length, n = (int) numel(shape);
        if (n == 0) return;
        if (rank == 0) {
            d[0] = s[t.storageOffset()];
            return;
        }
        if (rank == 2) {
            int rows = shape[0], cols = shape[1], s0 = strides[0], s1 = strides[1], base = t.storageOffset();
            final int tile = 32;
            for (int i0 = 0; i0 < rows; i0 += tile) {
                int i1 = Math.min(rows, i0 + tile);
                for (int j0 = 0; j0 < cols; j0 += tile) {
                    int j1 = Math.min(cols, j0 + tile);
                    for (int i = i0; i < i1; i++) {
                        int from = base + i * s0, to = i * cols;
                        for (int j = j0; j < j1; j++) d[to + j] = s[from + j * s1];
                    }
                }
            }
            return;
        }
        int inner = shape[rank - 1], innerStride = strides[rank - 1];
        int[] counter = new int[rank];
        int base = t.storageOffset();
        for (int out = 0; out < n; out += inner) {
            for (int j = 0; j < inner; j++) d[out + j] = s[base + j * innerStride];
            for (int dim = rank - 2; dim >= 0; dim--) {
                base += strides[dim];
                if (++counter[dim] < shape[dim]) break;
                base -= strides[dim] * shape[dim];
                counter[dim] = 0;
            }
        }
    }

    /** The storage of a contiguous copy of {@code t} in {@code dtype}, or t's own when it already is one from offset 0. */
    public static Storage contiguousData(Tensor t, DType dtype) {
        if (t.dtype() == dtype && t.isContiguous() && t.storageOffset() == 0 && t.storage().size() == t.numel()) {
            return t.storage();
        }
        return copyToContiguous(t, dtype);
    }

    public static Object array(Storage s) {
        return switch (s.dtype()) {
            case FLOAT32 -> s.floats();
            case FLOAT64 -> s.doubles();
            case INT64 -> s.longs();
            case BOOL -> s.bools();
        };
    }

    public static float[] toFloatArray(Tensor t) {
        Storage s = copyToContiguous(t, DType.FLOAT32);
        return s.floats();
    }

    public static double[] toDoubleArray(Tensor t) {
        return copyToContiguous(t, DType.FLOAT64).doubles();
    }

    public static long[] toLongArray(Tensor t) {
        return copyToContiguous(t, DType.INT64).longs();
    }

    public static boolean[] toBooleanArray(Tensor t) {
        return copyToContiguous(t, DType.BOOL).bools();
    }
}
