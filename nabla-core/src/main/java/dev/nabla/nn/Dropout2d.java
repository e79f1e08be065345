package dev.nabla.nn;

import dev.nabla.Tensor;
import dev.nabla.nn.functional.ConvFunctions;

/**
 * Channel dropout, PyTorch's {@code nn.Dropout2d}: in training each whole channel of each sample is zeroed with
 * probability {@code p} and the kept ones are scaled by {@code 1/(1-p)}; in evaluation it is the identity.
 * Neighbouring pixels of a feature map are strongly correlated, so dropping single pixels (as {@code Dropout})
 * regularises little; dropping channels does.
 *
 * <p>Shape: input {@code [N, C, H, W]} (or {@code [N, C, L]}), output the same.
 *
 * <pre>{@code
 * Dropout2d drop = new Dropout2d(0.2);
 * Tensor y = drop.forward(Nabla.randn(8, 16, 10, 10));   // some [i, c, :, :] planes are zero
 * }</pre>
 */
public class Dropout2d extends Module {
    private final double p;

    public Dropout2d() {
        this(0.5);
    }

    public Dropout2d(double p) {
        if (p < 0 || p > 1 || Double.isNaN(p)) {
            throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got "
                    + PyRepr.pyFloat(p));
        }
        this.p = p;
    }

    @Override
    public Tensor forward(Tensor input) {
        return ConvFunctions.dropout2d(input, p, isTraining());
    }

    public double p() {
        return p;
    }

    @Override
    public String extraRepr() {
        return "p=" + PyRepr.pyFloat(p) + ", inplace=False";
    }
}
