package dev.nabla.nn;

import dev.nabla.Tensor;
import dev.nabla.nn.functional.F;

/**
 * In training mode, zeroes each element with probability {@code p} and scales the rest by {@code 1/(1-p)};
 * in eval mode, returns its input. PyTorch's {@code nn.Dropout} (default p = 0.5). The mask is drawn from the
 * default generator, so {@code Nabla.manualSeed} makes it reproducible.
 *
 * <p>Shape: any; the output has the input's shape.
 *
 * <pre>{@code
 * Dropout drop = new Dropout(0.3);
 * Tensor y = drop.forward(x);     // training: about 30% zeros
 * drop.eval();                    // now the identity
 * }</pre>
 */
public class Dropout extends Module {
    private final double p;

    public Dropout() {
        this(0.5);
    }

    public Dropout(double p) {
        F.checkDropoutProbability(p);
        this.p = p;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.dropout(input, p, isTraining());
    }

    public double p() {
        return p;
    }

    @Override
    public String extraRepr() {
        return "p=" + PyRepr.pyFloat(p) + ", inplace=False";
    }
}
