package dev.nabla.ops;

import dev.nabla.DType;
import dev.nabla.Storage;
import dev.nabla.Tensor;
import dev.nabla.autograd.GradMode;

/**
 * {@code F.linear} on a batch of rows, {@code y = x W^T + b}, as one op (PyTorch records it as
 * {@code AddmmBackward0}, or {@code MmBackward0} without a bias), for two reasons measured on the seed MLP:
 * <ul>
 *   <li>the bias is written into the output first and the GEMM adds its products to it, which saves a pass over
 *       the output and its allocation;</li>
 *   <li>the weight's gradient {@code g^T x} is computed in the weight's own layout, and when the weight already has
 *       a gradient (after {@code zeroGrad()}, which zeroes it in place) the GEMM adds into it directly. Allocating
 *       a fresh 800 KB gradient every step cost more than the product itself: the new array's memory is cold, and
 *       Java zeroes it first.</li>
 * </ul>
 * The values are the same as {@code x.matmul(weight.t()).add(bias)}: each output element is its bias plus the
 * same sum of products, and a gradient added into an existing one is that one plus the same product.
 */
public final class Addmm {
    private Addmm() {}

    /** {@code x [N, in]}, {@code weight [out, in]}, {@code bias [out]} or null, all float32 or all float64. */
    public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        Tensor wt = weight.t();
        DType dt = Linalg.computeType(x, wt);
        if (x.size(1) != weight.size(1)) {
            throw new IllegalArgumentException("mat1 and mat2 shapes cannot be multiplied (" + x.size(0) + "x" + x.size(1)
                    + " and " + wt.size(0) + "x" + wt.size(1) + ")");
        }
        int m = x.size(0), n = weight.size(0);
        Storage out = Storage.allocate(dt, m * n);
        if (bias != null) fillRows(out, bias, m, n, dt);
        Linalg.gemm(x, wt, out, 0, dt, bias != null);
        Tensor y = Tensor.of(out, m, n);
        Tensor[] inputs = bias == null ? new Tensor[] {x, weight} : new Tensor[] {x, weight, bias};
        return Graph.record(y, bias == null ? "MmBackward0" : "AddmmBackward0", inputs, new Tensor[] {x, weight},
                (node, g, s) -> {
                    Tensor gx = node.needsGrad(0) ? g.mm(s[1]) : null;
                    Tensor gw = node.needsGrad(1) ? weightGrad(g, s[0], weight) : null;
                    if (bias == null) return new Tensor[] {gx, gw};
                    return new Tensor[] {gx, gw, node.needsGrad(2) ? g.sum(0) : null};
                });
    }

    /** Copies {@code bias} into each of the {@code m} rows of a row-major {@code m x n} output. */
    private static void fillRows(Storage out, Tensor bias, int m, int n, DType dt) {
        Tensor b = bias.dtype() == dt && bias.isContiguous() ? bias : bias.contiguous().to(dt);
        Object src = Strided.array(b.storage()), dst = Strided.array(out);
        for (int i = 0; i < m; i++) System.arraycopy(src, b.storageOffset(), dst, i * n, n);
    }

    /**
     * {@code g^T x}. Added straight into the weight's existing gradient when nothing can tell the difference: no
     * graph is being built (create-graph differentiates this product instead), the weight is a leaf, and its
     * gradient is a plain dense tensor of the weight's shape and dtype. Returns null then, since the gradient is
     * already where the engine would have put it.
     */
    private static Tensor weightGrad(Tensor g, Tensor x, Tensor weight) {
        Tensor existing = weight.isLeaf() ? weight.grad() : null;
        if (GradMode.isEnabled() || existing == null || existing.requiresGrad() || !existing.isContiguous()
                || existing.dtype() != weight.dtype() || !java.util.Arrays.equals(existing.shape(), weight.shape())
                || g.dtype() != weight.dtype()) {
            return g.t().mm(x);
        }
        Linalg.gemm(g.t(), x.dtype() == weight.dtype() ? x : x.to(weight.dtype()), existing.storage(),
                existing.storageOffset(), weight.dtype(), true);
        existing.storage().bumpVersion();
        return null;
    }
}
