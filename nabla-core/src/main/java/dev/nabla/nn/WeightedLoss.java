package dev.nabla.nn;

import dev.nabla.Tensor;

/**
 * A loss with an optional {@code weight} buffer that rescales the per-element or per-class losses, PyTorch's
 * {@code _WeightedLoss}. Being a buffer, the weight moves with the module ({@code to}, {@code stateDict}) and is
 * absent from the state dict when null, as in PyTorch. Subclasses add a {@code weight(Tensor)} setter returning
 * their own type.
 */
public abstract class WeightedLoss extends Loss {

    /** {@code weight}: registered as the buffer {@code "weight"} (null for none). */
    protected WeightedLoss(Tensor weight, String reduction) {
        super(reduction);
        registerBuffer("weight", weight);
    }

    /** The weight buffer, or null. */
    public Tensor weight() {
        return getBuffer("weight");
    }
}
