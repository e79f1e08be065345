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
                // Create-graph: a recorded copy, so that the leaf's gradient is its own (a gradient passed through
                // to two leaves, or the caller's tensor, would otherwise be shared and later zeroed or added into
                // in place), as PyTorch's AccumulateGrad clones it.
                t.setGrad(g.clone());
            } else if (exclusive && Engine.wholeStorage(g)) {
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

    /**
     * Clears a leaf's gradient for the next backward: null when {@code setToNone}, else zeros in place. A gradient
     * recorded with create-graph, or a broadcast view (stride 0), is replaced by fresh zeros instead of being
     * written into, since other code may share it.
     */
    public static void zero(Tensor leaf, boolean setToNone) {
        Tensor grad = leaf.grad();
        if (grad == null) return;
        if (setToNone) {
            leaf.setGrad(null);
            return;
        }
        try (var noGrad = GradMode.set(false)) {
            if (grad.gradFn() != null || hasZeroStride(grad)) leaf.setGrad(dev.nabla.Nabla.zerosLike(leaf));
            else grad.zero_();
        }
    }

    private static boolean hasZeroStride(Tensor t) {
        int[] s = t.stride(), shape = t.shape();
        for (int i = 0; i < s.length; i++) if (s[i] == 0 && shape[i] > 1) return true;
        return false;
    }
}
