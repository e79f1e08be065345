package dev.nabla.nn.functional;

import dev.nabla.DType;
import dev.nabla.Storage;
import dev.nabla.Tensor;
import dev.nabla.ops.Graph;

/**
 * Differentiable primitives the activations need and the core ops do not provide: the error function, on which
 * the exact GELU is built. Each computes its values in double precision and records a backward written with
 * tensor ops, so that gradients of gradients work too.
 */
public final class Activations {
    private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);

    private Activations() {}

    /** The Gauss error function, elementwise ({@code torch.erf}); integer input gives float32. */
    public static Tensor erf(Tensor x) {
        DType dt = x.dtype() == DType.FLOAT64 ? DType.FLOAT64 : DType.FLOAT32;
        double[] in = x.toDoubleArray();
        Storage out = Storage.allocate(dt, in.length);
        for (int i = 0; i < in.length; i++) out.setDouble(i, erf(in[i]));
        Tensor result = Tensor.of(out, x.shape());
        // d/dx erf(x) = 2/sqrt(pi) * exp(-x^2)
        return Graph.record(result, "ErfBackward0", new Tensor[] {x}, new Tensor[] {x}, (node, g, saved) ->
                new Tensor[] {g.mul(saved[0].square().neg().exp().mul(TWO_OVER_SQRT_PI))});
    }

    /**
     * erf in double precision to about 1e-15. Java's Math has no erf: below |x| = 3 the everywhere-positive series
     * erf(x) = 2/sqrt(pi) e^{-x^2} sum 2^n x^{2n+1} / (1*3*...*(2n+1)) has no cancellation; above it, erfc's
     * continued fraction converges fast; beyond 6, erf is 1 to double precision.
     */
    public static double erf(double x) {
        if (Double.isNaN(x)) return x;
        double ax = Math.abs(x);
        if (ax >= 6) return Math.signum(x);
        double r;
        if (ax < 3) {
            double term = ax, sum = ax, x2 = ax * ax;
            for (int n = 1; n < 200; n++) {
                term *= 2 * x2 / (2 * n + 1);
                sum += term;
                if (term < sum * 1e-17) break;
            }
            r = TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
        } else {
            // erfc(x) = e^{-x^2}/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...))))), evaluated backwards.
            double f = ax;
            for (int k = 60; k >= 1; k--) f = ax + (k / 2.0) / f;
            r = 1 - Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
        }
        return x < 0 ? -r : r;
    }
}
