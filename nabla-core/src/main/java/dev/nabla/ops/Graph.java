package dev.nabla.ops;

import dev.nabla.Tensor;
import dev.nabla.autograd.GradMode;
import dev.nabla.autograd.Node;

/** Records ops into the autograd graph, and the helpers backward formulas share. */
public final class Graph {
    private Graph() {}

    /** Whether an op on these inputs must be recorded: grad mode is on and some input requires grad. */
    public static boolean needed(Tensor... inputs) {
        if (!GradMode.isEnabled()) return false;
        for (Tensor t : inputs) if (t != null && t.requiresGrad()) return true;
        return false;
    }

    /** Attaches a node to {@code out} when {@link #needed}; returns out. */
    public static Tensor record(Tensor out, String name, Tensor[] inputs, Tensor[] saved, Node.Backward backward) {
        if (!needed(inputs)) return out;
        if (!out.dtype().isFloatingPoint()) return out;
        out.setGradFn(new Node(name, inputs, saved, backward));
        return out;
    }

    /** Sums a broadcast gradient back to {@code shape} (the reverse of broadcasting). */
    public static Tensor sumTo(Tensor grad, int[] shape) {
        int[] g = grad.shape();
        if (java.util.Arrays.equals(g, shape)) return grad;
        int lead = g.length - shape.length;
        java.util.List<Integer> dims = new java.util.ArrayList<>();
        for (int i = 0; i < g.length; i++) {
            if (i < lead || (shape[i - lead] == 1 && g[i] != 1)) dims.add(i);
        }
        Tensor r = dims.isEmpty() ? grad : grad.sum(dims.stream().mapToInt(Integer::intValue).toArray(), true);
        return r.reshape(shape);
    }
}
