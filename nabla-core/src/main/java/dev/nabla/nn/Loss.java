package dev.nabla.nn;

import dev.nabla.Tensor;
import dev.nabla.nn.functional.F;

/**
 * Base class of the loss modules, PyTorch's {@code _Loss}: a module whose forward takes the prediction and the
 * target, and reduces the per-element losses by {@code reduction}: "mean" (the default), "sum" or "none".
 * Losses print with empty parentheses ({@code CrossEntropyLoss()}), as in PyTorch.
 */
public abstract class Loss extends Module {
    private String reduction;

    protected Loss(String reduction) {
        F.checkReduction(reduction);
        this.reduction = reduction;
    }

    /** The loss of {@code input} against {@code target}. */
    public abstract Tensor forward(Tensor input, Tensor target);

    /** A loss needs a target: always throws, naming the right call. */
    @Override
    public final Tensor forward(Tensor input) {
        throw new IllegalArgumentException(getName() + " takes (input, target): call forward(input, target), not forward(input)");
    }

    public String reduction() {
        return reduction;
    }

    /** Sets the reduction ("none", "mean" or "sum"); returns this. Subclasses narrow the return type. */
    public Loss reduction(String reduction) {
        F.checkReduction(reduction);
        this.reduction = reduction;
        return this;
    }
}
