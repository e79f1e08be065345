package dev.nabla.nn;

import dev.nabla.Tensor;
import dev.nabla.nn.functional.F;

/**
 * Log of the softmax along {@code dim}, computed stably in one pass; PyTorch's {@code nn.LogSoftmax}. Pair it
 * with {@link NLLLoss} (or use {@link CrossEntropyLoss} on the raw scores).
 *
 * <p>Shape: any; the output has the input's shape.
 *
 * <pre>{@code
 * Tensor logp = new LogSoftmax(1).forward(logits);   // logits [N, C]
 * }</pre>
 */
public class LogSoftmax extends Module {
    private final int dim;

    public LogSoftmax(int dim) {
        this.dim = dim;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.logSoftmax(input, dim);
    }

    public int dim() {
        return dim;
    }

    @Override
    public String extraRepr() {
        return "dim=" + dim;
    }
}
