package dev.nabla.nn;

import dev.nabla.Tensor;
import dev.nabla.nn.functional.F;

/**
 * Gaussian error linear unit {@code x * Phi(x)}, PyTorch's {@code nn.GELU}: exact (erf) by default, or the tanh
 * approximation with {@code new GELU("tanh")}.
 *
 * <p>Shape: any; the output has the input's shape.
 *
 * <pre>{@code
 * Tensor y = new GELU().forward(Nabla.randn(2, 3));
 * }</pre>
 */
public class GELU extends Module {
    private final String approximate;

    public GELU() {
        this("none");
    }

    /** {@code approximate}: "none" or "tanh". */
    public GELU(String approximate) {
        if (!"none".equals(approximate) && !"tanh".equals(approximate)) {
            throw new IllegalArgumentException("approximate argument must be either none or tanh.");
        }
        this.approximate = approximate;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.gelu(input, approximate);
    }

    public String approximate() {
        return approximate;
    }

    @Override
    public String extraRepr() {
        return "approximate='" + approximate + "'";
    }
}
