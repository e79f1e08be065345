package dev.nabla.autograd;

import dev.nabla.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * One recorded operation of the graph, PyTorch's {@code grad_fn}: the op's name ({@code MulBackward0}), an edge
 * to the node of each input that needs a gradient, the tensors its backward formula needs, and the formula.
 *
 * <p>Backward formulas are written with tensor ops, so running them with grad mode on records a graph of the
 * backward pass: that is all create-graph (higher-order gradients) needs.
 */
public class Node {
    /** The derivative of one op: given the gradient of its output and its saved tensors, the inputs' gradients. */
    @FunctionalInterface
    public interface Backward {
        /** Returns one gradient per input (null where an input needs none, see {@link Node#needsGrad}). */
        Tensor[] apply(Node node, Tensor gradOutput, Tensor[] saved);
    }

    private final String name;
    private final Node[] next;
    private final Backward backward;
    private Tensor[] saved;
    private int[] savedVersions;
    private boolean released;
    private List<Tensor> retained;
    private boolean ownsGradOutput;

    public Node(String name, Tensor[] inputs, Tensor[] saved, Backward backward) {
        this.name = name;
        this.next = new Node[inputs.length];
        for (int i = 0; i < inputs.length; i++) next[i] = inputs[i] == null ? null : edgeOf(inputs[i]);
        this.backward = backward;
        this.saved = saved == null ? new Tensor[0] : saved;
        this.savedVersions = new int[this.saved.length];
        for (int i = 0; i < this.saved.length; i++) {
            savedVersions[i] = this.saved[i] == null ? 0 : this.saved[i].storage().version();
        }
    }

    /** Nodes without inputs that carry gradients into leaves; see {@link AccumulateGrad}. */
    Node(String name) {
        this.name = name;
        this.next = new Node[0];
        this.backward = null;
        this.saved = new Tensor[0];
        this.savedVersions = new int[0];
    }

    /** The node a gradient for {@code t} flows into: its grad_fn, its leaf accumulator, or null. */
    static Node edgeOf(Tensor t) {
        if (t.gradFn() != null) return t.gradFn();
        if (t.requiresGrad()) return t.gradAccumulator();
        return null;
    }

    /** PyTorch's grad_fn name, e.g. {@code AddmmBackward0}. */
    public String name() {
        return name;
    }

    /** The nodes of this op's inputs, in input order; null for inputs that need no gradient. */
    public List<Node> nextFunctions() {
        return java.util.Collections.unmodifiableList(java.util.Arrays.asList(next));
    }

    Node[] next() {
        return next;
    }

    /** Whether input {@code i} needs a gradient: backward formulas skip the work for the others. */
    public boolean needsGrad(int i) {
        return next[i] != null;
    }

    /** Registers a non-leaf tensor whose {@code grad()} should be filled when backward passes this node. */
    public void retain(Tensor t) {
        if (retained == null) retained = new ArrayList<>(1);
        if (!retained.contains(t)) retained.add(t);
    }

    List<Tensor> retainedTensors() {
        return retained;
    }

    /**
     * True while this node's backward formula runs on a gradient that nothing else refers to: the engine counted
     * no other holder of its storage, it is contiguous and covers that whole storage, and no graph of the backward
     * is being recorded. The formula may then write its result into the gradient's own array and return it, as
     * PyTorch's in-place backward kernels reuse a buffer whose reference count is one; for the cnn's ReLU and
     * batch norm that saves a fresh activation-sized array per layer and step.
     */
    public boolean ownsGradOutput() {
        return ownsGradOutput;
    }

    /** Runs the backward formula with {@link #ownsGradOutput} set as the engine determined. */
    Tensor[] apply(Tensor gradOutput, boolean owned) {
        ownsGradOutput = owned;
        try {
            return apply(gradOutput);
        } finally {
            ownsGradOutput = false;
        }
    }

    /** Runs the backward formula, checking that saved tensors are still there and unmodified. */
    Tensor[] apply(Tensor gradOutput) {
        if (released) {
            throw new IllegalStateException("Trying to backward through the graph a second time (or directly access "
                    + "saved tensors after they have already been freed). Saved intermediate values of the graph are "
                    + "freed when you call backward(). Specify retainGraph=true if you need to backward through the "
                    + "graph a second time or if you need to access saved tensors after calling backward.");
        }
        for (int i = 0; i < saved.length; i++) {
            Tensor s = saved[i];
            if (s != null && s.storage().version() != savedVersions[i]) {
                throw new IllegalStateException("one of the variables needed for gradient computation has been "
                        + "modified by an inplace operation: [" + s.dtype().torchName() + " "
                        + java.util.Arrays.toString(s.shape()) + "], which is saved by " + name + ", is at version "
                        + s.storage().version() + "; expected version " + savedVersions[i] + " instead.");
            }
        }
        return backward.apply(this, gradOutput, saved);
    }

    /** Frees the saved tensors; a later backward through this node fails, as in PyTorch. */
    void release() {
        if (saved.length > 0) {
            saved = new Tensor[0];
            savedVersions = new int[0];
            released = true;
        }
    }

    @Override
    public String toString() {
        return "<" + name + ">";
    }
}
