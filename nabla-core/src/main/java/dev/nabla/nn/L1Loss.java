package dev.nabla.nn;

import dev.nabla.Tensor;
import dev.nabla.nn.functional.F;

/**
 * Mean absolute error {@code |input - target|}, PyTorch's {@code nn.L1Loss}.
 *
 * <p>Shape: input and target {@code [*]} of the same shape; output a scalar, or {@code [*]} with "none".
 *
 * <pre>{@code
 * Tensor loss = new L1Loss().forward(prediction, target);
 * }</pre>
 */
public class L1Loss extends Loss {
    public L1Loss() {
        this("mean");
    }

    /** {@code reduction}: "none", "mean" or "sum". */
    public L1Loss(String reduction) {
        super(reduction);
    }

    @Override
    public L1Loss reduction(String reduction) {
        super.reduction(reduction);
        return this;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.l1Loss(input, target, reduction());
    }
}
