package dev.nabla.nn;

import dev.nabla.Tensor;
import dev.nabla.nn.functional.F;

/**
 * {@code x} where positive, {@code negativeSlope * x} elsewhere; PyTorch's {@code nn.LeakyReLU} (default slope
 * 0.01).
 *
 * <p>Shape: any; the output has the input's shape.
 *
 * <pre>{@code
 * Tensor y = new LeakyReLU(0.2).forward(Nabla.randn(2, 3));
 * }</pre>
 */
public class LeakyReLU extends Module {
    private final double negativeSlope;

    public LeakyReLU() {
        this(0.01);
    }

    public LeakyReLU(double negativeSlope) {
        this.negativeSlope = negativeSlope;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.leakyRelu(input, negativeSlope);
    }

    public double negativeSlope() {
        return negativeSlope;
    }

    @Override
    public String extraRepr() {
        return "negative_slope=" + PyRepr.pyFloat(negativeSlope);
    }
}
