package dev.nabla.nn;

import dev.nabla.Tensor;
import dev.nabla.nn.functional.F;

/**
 * Softmax along {@code dim}: each slice becomes positive and sums to 1; PyTorch's {@code nn.Softmax}.
 *
 * <p>Shape: any; the output has the input's shape.
 *
 * <pre>{@code
 * Tensor probs = new Softmax(1).forward(logits);   // logits [N, C]
 * }</pre>
 */
public class Softmax extends Module {
    private final int dim;

    public Softmax(int dim) {
        this.dim = dim;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.softmax(input, dim);
    }

    public int dim() {
        return dim;
    }

    @Override
    public String extraRepr() {
        return "dim=" + dim;
    }
}
