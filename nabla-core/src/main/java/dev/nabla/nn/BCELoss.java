package dev.nabla.nn;

import dev.nabla.Tensor;
import dev.nabla.nn.functional.F;

/**
 * Binary cross-entropy of probabilities, {@code -w (t log x + (1 - t) log(1 - x))}, PyTorch's
 * {@code nn.BCELoss}; each log is clamped at -100 as PyTorch does, so certain wrong answers cost 100, not
 * infinity. Feed it the output of a sigmoid (or use {@link BCEWithLogitsLoss} on raw scores, which is more
 * stable). The optional {@code weight} (a buffer) rescales each element's loss.
 *
 * <p>Shape: input and target {@code [*]} of the same shape, input in [0, 1]; output a scalar, or {@code [*]}
 * with "none".
 *
 * <pre>{@code
 * Tensor loss = new BCELoss().forward(model.forward(x).squeeze(), labels);
 * }</pre>
 */
public class BCELoss extends WeightedLoss {
    public BCELoss() {
        this(null, "mean");
    }

    /** {@code weight}: broadcastable to the input, or null. */
    public BCELoss(Tensor weight) {
        this(weight, "mean");
    }

    public BCELoss(Tensor weight, String reduction) {
        super(weight, reduction);
    }

    @Override
    public BCELoss reduction(String reduction) {
        super.reduction(reduction);
        return this;
    }

    /** Sets the per-element weight (null for none); returns this. */
    public BCELoss weight(Tensor weight) {
        setBuffer("weight", weight);
        return this;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.binaryCrossEntropy(input, target, weight(), reduction());
    }
}
