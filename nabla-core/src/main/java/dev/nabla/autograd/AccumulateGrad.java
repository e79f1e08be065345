package dev.nabla.autograd;

import dev.nabla.Tensor;

/** The node at a leaf that requires grad: adds the incoming gradient into the leaf's {@code grad()}. */
public final class AccumulateGrad extends Node {
    private final Tensor variable;

    public AccumulateGrad(Tensor variable) {
        super("AccumulateGrad");
        this.variable = variable;
    }

    public Tensor variable() {
        return variable;
    }

    @Override
    Tensor[] apply(Tensor gradOutput) {
        accumulate(variable, gradOutput, false);
        return new Tensor[0];
    }

    /**
     * Adds {@code g} into {@code t.grad()}: in place when a grad exists and no graph is being built.
     * {@code exclusive}: nothing else refers to {@code g}'s storage (the engine counted), so a first gradient that
     * covers its whole storage becomes {@code grad()} as it is instead of being copied.
     */
    static void accumulate(Tensor t, Tensor g, boolean exclusive) {
        if (g.dtype() != t.dtype()) g = g.to(t.dtype());
        Tensor existing = t.grad();
        if (existing == null) {
            if (GradMode.isEnabled()) {
                t.setGrad(g);
            } else if (exclusive && !g.requiresGrad() && g.isContiguous() && g.storageOffset() == 0
                    && g.numel() == g.storage().size()) {
                t.setGrad(g.detach());
            } else {
                // Own copy, so a later in-place accumulation never writes into a tensor of the graph.
                t.setGrad(g.detach().clone());
            }
        } else if (GradMode.isEnabled()) {
            t.setGrad(existing.add(g));
        } else {
            existing.add_(g);
        }
    }
}
