package dev.nabla.nn;

import dev.nabla.Tensor;
import dev.nabla.nn.functional.F;

/**
 * Squared error below {@code beta}, absolute error above it: {@code 0.5 d^2 / beta} where {@code |d| < beta},
 * {@code |d| - 0.5 beta} elsewhere; PyTorch's {@code nn.SmoothL1Loss} (beta 1).
 *
 * <p>Shape: input and target {@code [*]} of the same shape; output a scalar, or {@code [*]} with "none".
 *
 * <pre>{@code
 * Tensor loss = new SmoothL1Loss().beta(0.5).forward(prediction, target);
 * }</pre>
 */
public class SmoothL1Loss extends Loss {
    private double beta = 1.0;

    public SmoothL1Loss() {
        this("mean", 1.0);
    }

    public SmoothL1Loss(String reduction, double beta) {
        super(reduction);
        beta(beta);
    }

    @Override
    public SmoothL1Loss reduction(String reduction) {
        super.reduction(reduction);
        return this;
    }

    /** Sets the threshold between the squared and the absolute part (non-negative); returns this. */
    public SmoothL1Loss beta(double beta) {
        if (beta < 0) throw new IllegalArgumentException("smooth_l1_loss does not support negative values for beta.");
        this.beta = beta;
        return this;
    }

    public double beta() {
        return beta;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.smoothL1Loss(input, target, reduction(), beta);
    }
}
