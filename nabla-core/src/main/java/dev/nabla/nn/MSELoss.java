package dev.nabla.nn;

import dev.nabla.Tensor;
import dev.nabla.nn.functional.F;

/**
 * Mean squared error {@code (input - target)^2}, PyTorch's {@code nn.MSELoss}.
 *
 * <p>Shape: input and target {@code [*]} of the same shape; output a scalar, or {@code [*]} with "none".
 *
 * <pre>{@code
 * Tensor loss = new MSELoss().forward(prediction, target);
 * }</pre>
 */
public class MSELoss extends Loss {
    public MSELoss() {
        this("mean");
    }

    /** {@code reduction}: "none", "mean" or "sum". */
    public MSELoss(String reduction) {
        super(reduction);
    }

    @Override
    public MSELoss reduction(String reduction) {
        super.reduction(reduction);
        return this;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.mseLoss(input, target, reduction());
    }
}
