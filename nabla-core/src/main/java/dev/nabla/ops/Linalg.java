package dev.nabla.ops;

import dev.nabla.DType;
import dev.nabla.Storage;
import dev.nabla.Tensor;
import dev.nabla.kernels.KernelProvider;

import java.util.Arrays;

/**
 * Matrix products. Operands whose layout is row-major or transposed row-major are handed to the GEMM kernel in
 * place with a trans flag (the {@code x.matmul(w.t())} of Linear and the transposes of its backward never copy);
 * only other layouts are made contiguous first.
 */
public final class Linalg {
    private Linalg() {}

    /** A 2-D float/double operand as the GEMM kernel reads it. */
    private record Operand(Storage storage, int off, int ld, boolean trans) {}

    private static Operand operand(Tensor t, DType dt) {
        int rows = t.size(0), cols = t.size(1);
        int s0 = t.stride(0), s1 = t.stride(1);
        if (t.dtype() == dt) {
            if ((s1 == 1 || cols == 1) && (s0 >= Math.max(cols, 1) || rows == 1)) {
                return new Operand(t.storage(), t.storageOffset(), rows == 1 ? Math.max(cols, 1) : s0, false);
            }
            if ((s0 == 1 || rows == 1) && (s1 >= Math.max(rows, 1) || cols == 1)) {
                return new Operand(t.storage(), t.storageOffset(), cols == 1 ? Math.max(rows, 1) : s1, true);
            }
        }
        return new Operand(Strided.copyToContiguous(t, dt), 0, Math.max(cols, 1), false);
    }

    private static void gemm(Tensor a, Tensor b, Storage out, int outOff, DType dt) {
        gemm(a, b, out, outOff, dt, false);
    }

    /**
     * {@code out[outOff..] (+)= a b} for 2-D float/double {@code a} and {@code b}, {@code out} row-major with
     * {@code b.size(1)} columns; {@code accumulate} adds to what {@code out} holds instead of overwriting it.
     */
    static void gemm(Tensor a, Tensor b, Storage out, int outOff, DType dt, boolean accumulate) {
        int m = a.size(0), k = a.size(1), n = b.size(1);
        if (m == 0 || n == 0) return;
        if (k == 0) return; // out is already zero, or keeps what it has
        Operand x = operand(a, dt), y = operand(b, dt);
        if (dt == DType.FLOAT32) {
            KernelProvider.get().sgemm(x.trans, y.trans, m, n, k, x.storage.floats(), x.off, x.ld,
                    y.storage.floats(), y.off, y.ld, out.floats(), outOff, n, accumulate);
        } else {
            KernelProvider.get().dgemm(x.trans, y.trans, m, n, k, x.storage.doubles(), x.off, x.ld,
                    y.storage.doubles(), y.off, y.ld, out.doubles(), outOff, n, accumulate);
        }
    }

    static DType computeType(Tensor a, Tensor b) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException("expected m1 and m2 to have the same dtype, but got: "
                    + a.dtype().torchName() + " != " + b.dtype().torchName());
        }
        return a.dtype() == DType.FLOAT64 ? DType.FLOAT64 : DType.FLOAT32;
    }

    public static Tensor mm(Tensor a, Tensor b) {
        if (a.dim() != 2) throw new IllegalArgumentException("self must be a matrix");
        if (b.dim() != 2) throw new IllegalArgumentException("mat2 must be a matrix");
        if (a.size(1) != b.size(0)) {
            throw new IllegalArgumentException("mat1 and mat2 shapes cannot be multiplied (" + a.size(0) + "x" + a.size(1)
                    + " and " + b.size(0) + "x" + b.size(1) + ")");
        }
        DType dt = computeType(a, b);
        int m = a.size(0), n = b.size(1);
        Storage out = Storage.allocate(dt, m * n);
        gemm(a, b, out, 0, dt);
        Tensor result = Tensor.of(out, m, n);
        if (a.dtype() == DType.INT64) result = result.to(DType.INT64);
        boolean aColumnMajor = columnMajor(a), bColumnMajor = columnMajor(b);
        return Graph.record(result, "MmBackward0", new Tensor[] {a, b}, new Tensor[] {a, b}, (nd, g, s) -> new Tensor[] {
                nd.needsGrad(0) ? (aColumnMajor ? s[1].mm(g.t()).t() : g.mm(s[1].t())) : null,
                nd.needsGrad(1) ? (bColumnMajor ? g.t().mm(s[0]).t() : s[0].t().mm(g)) : null});
    }

    /**
     * Whether a matrix is laid out column-major (a transposed view, such as Linear's {@code weight.t()}). Its
     * gradient is then computed in the same layout, as PyTorch's mm backward does: {@code (g^T a)^T} rather than
     * {@code a^T g}. The values are the same; the transpose's backward then hands the weight a row-major
     * gradient, so accumulating it is a plain array copy instead of a transposing one.
     */
    private static boolean columnMajor(Tensor t) {
        return t.dim() == 2 && t.size(0) > 1 && t.size(1) > 1 && t.stride(0) == 1 && t.stride(1) >= t.size(0);
    }

    public static Tensor bmm(Tensor a, Tensor b) {
        if (a.dim() != 3) throw new IllegalArgumentException("batch1 must be a 3D tensor");
        if (b.dim() != 3) throw new IllegalArgumentException("batch2 must be a 3D tensor");
        int batch = a.size(0), m = a.size(1), k = a.size(2), n = b.size(2);
        if (b.size(0) != batch || b.size(1) != k) {
            throw new IllegalArgumentException("Expected size for first two dimensions of batch2 tensor to be: [" + batch
                    + ", " + k + "] but got: [" + b.size(0) + ", " + b.size(1) + "].");
        }
        DType dt = computeType(a, b);
        Storage out = Storage.allocate(dt, batch * m * n);
        for (int i = 0; i < batch; i++) {
            gemm(a.detach().select(0, i), b.detach().select(0, i), out, i * m * n, dt);
        }
        Tensor result = Tensor.of(out, batch, m, n);
        if (a.dtype() == DType.INT64) result = result.to(DType.INT64);
        return Graph.record(result, "BmmBackward0", new Tensor[] {a, b}, new Tensor[] {a, b}, (nd, g, s) -> new Tensor[] {
                nd.needsGrad(0) ? g.bmm(s[1].transpose(1, 2)) : null,
                nd.needsGrad(1) ? s[0].transpose(1, 2).bmm(g) : null});
    }

    /** {@code torch.matmul}: the dims decide between dot, mv, mm and broadcast batched mm. */
    public static Tensor matmul(Tensor a, Tensor b) {
        int da = a.dim(), db = b.dim();
        if (da == 0 || db == 0) {
            throw new IllegalArgumentException("both arguments to matmul need to be at least 1D, but they are " + da + "D and " + db + "D");
        }
        if (da == 1 && db == 1) {
            if (a.size(0) != b.size(0)) {
                throw new IllegalArgumentException("inconsistent tensor size, expected tensor [" + a.size(0) + "] and src ["
                        + b.size(0) + "] to have the same number of elements, but got " + a.size(0) + " and " + b.size(0)
                        + " elements respectively");
            }
            return a.unsqueeze(0).mm(b.unsqueeze(1)).reshape();
        }
        if (da == 2 && db == 2) return mm(a, b);
        if (da == 1 && db == 2) return a.unsqueeze(0).mm(b).squeeze(0);
        if (da == 2 && db == 1) return mm(a, b.unsqueeze(1)).squeeze(1);
        if (db <= 2 && da >= 3) {
            // Fold a's batch dims into rows: one large GEMM instead of many small ones.
            Tensor bm = db == 1 ? b.unsqueeze(1) : b;
            int[] as = a.shape();
            Tensor flat = a.reshape(-1, as[da - 1]).mm(bm);
            int[] outShape = Arrays.copyOf(as, da);
            outShape[da - 1] = bm.size(1);
            Tensor out = flat.reshape(outShape);
            return db == 1 ? out.squeeze(-1) : out;
        }
        Tensor x = da == 1 ? a.unsqueeze(0) : a;
        Tensor y = db == 1 ? b.unsqueeze(1) : b;
        int[] xs = x.shape(), ys = y.shape();
        int m = xs[xs.length - 2], k = xs[xs.length - 1], k2 = ys[ys.length - 2], n = ys[ys.length - 1];
        if (k != k2) {
            throw new IllegalArgumentException("mat1 and mat2 shapes cannot be multiplied (" + m + "x" + k + " and " + k2 + "x" + n + ")");
        }
        int[] batch = Strided.broadcastShapes(Arrays.copyOf(xs, xs.length - 2), Arrays.copyOf(ys, ys.length - 2));
        int count = (int) Strided.numel(batch);
        int[] xe = Arrays.copyOf(batch, batch.length + 2), ye = Arrays.copyOf(batch, batch.length + 2);
        xe[batch.length] = m; xe[batch.length + 1] = k;
        ye[batch.length] = k; ye[batch.length + 1] = n;
        Tensor r = x.expand(xe).reshape(count, m, k).bmm(y.expand(ye).reshape(count, k, n));
        int[] outShape = Arrays.copyOf(batch, batch.length + 2);
        outShape[batch.length] = m;
        outShape[batch.length + 1] = n;
        Tensor out = r.reshape(outShape);
        if (da == 1) out = out.squeeze(-2);
        if (db == 1) out = out.squeeze(-1);
        return out;
    }
}
