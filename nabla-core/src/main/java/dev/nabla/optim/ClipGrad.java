package dev.nabla.optim;

import dev.nabla.DType;
import dev.nabla.Nabla;
import dev.nabla.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Gradient clipping, PyTorch's {@code torch.nn.utils.clip_grad_norm_} and {@code clip_grad_value_}: call between
 * {@code backward()} and {@code step()}. Parameters without a gradient are skipped.
 *
 * <pre>{@code
 * loss.backward();
 * ClipGrad.clipGradNorm_(model.parameters(), 1.0);
 * optimizer.step();
 * }</pre>
 */
public final class ClipGrad {
    private ClipGrad() {}

    /** {@link #clipGradNorm_(List, double, double)} with the 2-norm. */
    public static Tensor clipGradNorm_(List<Tensor> params, double maxNorm) {
        return clipGradNorm_(params, maxNorm, 2.0, false);
    }

    /**
     * Scales all gradients together so that their joint {@code normType}-norm (the norm of the per-tensor norms;
     * {@code Double.POSITIVE_INFINITY} for the largest absolute value) is at most {@code maxNorm}, using PyTorch's
     * coefficient {@code min(1, maxNorm / (totalNorm + 1e-6))}. Returns the total norm before clipping, as a 0-dim
     * tensor.
     */
    public static Tensor clipGradNorm_(List<Tensor> params, double maxNorm, double normType) {
        return clipGradNorm_(params, maxNorm, normType, false);
    }

    /** As above; with {@code errorIfNonfinite} a NaN or infinite total norm throws instead of scaling by it. */
    public static Tensor clipGradNorm_(List<Tensor> params, double maxNorm, double normType, boolean errorIfNonfinite) {
        List<Tensor> grads = grads(params);
        if (grads.isEmpty()) return Nabla.scalarTensor(0);
        // PyTorch's order: the norm of each gradient, then the norm of those norms.
        double[] norms = new double[grads.size()];
        for (int i = 0; i < norms.length; i++) norms[i] = norm(grads.get(i), normType);
        double total = norm(norms, normType);
        if (errorIfNonfinite && !Double.isFinite(total)) {
            throw new IllegalStateException("The total norm of order " + Options.fmt(normType) + " for gradients from "
                    + "`parameters` is non-finite, so it cannot be clipped. To disable this error and scale the gradients "
                    + "by the non-finite norm anyway, set `error_if_nonfinite=False`");
        }
        double coef = Math.min(maxNorm / (total + 1e-6), 1.0);
        try (var noGrad = Nabla.noGrad()) {
            for (Tensor g : grads) scale(g, coef);
        }
        DType dtype = grads.get(0).dtype();
        return Nabla.full(total, dtype, new int[0]);
    }

    /** Clamps every gradient element into {@code [-clipValue, clipValue]}, in place. */
    public static void clipGradValue_(List<Tensor> params, double clipValue) {
        try (var noGrad = Nabla.noGrad()) {
            for (Tensor g : grads(params)) g.clamp_(-clipValue, clipValue);
        }
    }

    private static List<Tensor> grads(List<Tensor> params) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor p : params) if (p.grad() != null) out.add(p.grad());
        return out;
    }

    /** One gradient's norm: read in place for contiguous float32 (no copy of a large gradient), else via a copy. */
    private static double norm(Tensor g, double p) {
        if (g.dtype() == DType.FLOAT32 && g.isContiguous() && p == 2) {
            float[] a = g.storage().floats();
            double s = 0;
            for (int i = g.storageOffset(), end = i + (int) g.numel(); i < end; i++) s += (double) a[i] * a[i];
            return Math.sqrt(s);
        }
        return norm(g.toDoubleArray(), p);
    }

    private static double norm(double[] v, double p) {
        if (Double.isInfinite(p)) {
            double m = p > 0 ? 0 : Double.POSITIVE_INFINITY;
            for (double x : v) {
                if (Double.isNaN(x)) return Double.NaN;
                m = p > 0 ? Math.max(m, Math.abs(x)) : Math.min(m, Math.abs(x));
            }
            return m;
        }
        if (p == 2) {
            double s = 0;
            for (double x : v) s += x * x;
            return Math.sqrt(s);
        }
        if (p == 0) {
            double count = 0;
            for (double x : v) if (x != 0) count++;
            return count;
        }
        double s = 0;
        for (double x : v) s += Math.pow(Math.abs(x), p);
        return Math.pow(s, 1 / p);
    }

    /** Multiplies a gradient in place: a direct loop for contiguous float32 (the common case), tensor ops otherwise. */
    private static void scale(Tensor g, double coef) {
        if (g.dtype() == DType.FLOAT32 && g.isContiguous()) {
            float[] a = g.storage().floats();
            float c = (float) coef;
            for (int i = g.storageOffset(), end = i + (int) g.numel(); i < end; i++) a[i] *= c;
            g.storage().bumpVersion();
        } else {
            g.mul_(coef);
        }
    }
}
