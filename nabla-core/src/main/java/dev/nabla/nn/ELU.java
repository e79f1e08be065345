package dev.nabla.nn;

import dev.nabla.Tensor;
import dev.nabla.nn.functional.F;

/**
 * {@code x} where positive, {@code alpha * (exp(x) - 1)} elsewhere; PyTorch's {@code nn.ELU} (default alpha 1).
 *
 * <p>Shape: any; the output has the input's shape.
 *
 * <pre>{@code
 * Tensor y = new ELU().forward(Nabla.randn(2, 3));
 * }</pre>
 */
public class ELU extends Module {
    private final double alpha;

    public ELU() {
        this(1.0);
    }

    public ELU(double alpha) {
        this.alpha = alpha;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.elu(input, alpha);
    }

    public double alpha() {
        return alpha;
    }

    @Override
    public String extraRepr() {
        return "alpha=" + PyRepr.pyFloat(alpha);
    }
}
