package dev.nabla.nn;

import dev.nabla.Tensor;
import dev.nabla.nn.functional.F;

/**
 * {@code 0.5 d^2} where {@code |d| < delta}, {@code delta (|d| - 0.5 delta)} elsewhere; PyTorch's
 * {@code nn.HuberLoss} (delta 1). Equals {@code delta * SmoothL1Loss(beta = delta)}.
 *
 * <p>Shape: input and target {@code [*]} of the same shape; output a scalar, or {@code [*]} with "none".
 *
 * <pre>{@code
 * Tensor loss = new HuberLoss().delta(2.0).forward(prediction, target);
 * }</pre>
 */
public class HuberLoss extends Loss {
    private double delta = 1.0;

    public HuberLoss() {
        this("mean", 1.0);
    }

    public HuberLoss(String reduction, double delta) {
        super(reduction);
        delta(delta);
    }

    @Override
    public HuberLoss reduction(String reduction) {
        super.reduction(reduction);
        return this;
    }

    /** Sets the threshold (positive); returns this. */
    public HuberLoss delta(double delta) {
        if (!(delta > 0)) throw new IllegalArgumentException("huber_loss does not support non-positive values for delta.");
        this.delta = delta;
        return this;
    }

    public double delta() {
        return delta;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.huberLoss(input, target, reduction(), delta);
    }
}
