package dev.nabla.nn;

import dev.nabla.Tensor;

/**
 * Merges dims {@code startDim..endDim} into one, PyTorch's {@code nn.Flatten} (defaults 1 and -1: keep the batch
 * dim, flatten the rest).
 *
 * <p>Shape: input {@code [N, *dims]}; output {@code [N, prod(dims)]} with the defaults.
 *
 * <pre>{@code
 * Tensor flat = new Flatten().forward(Nabla.randn(8, 1, 28, 28));   // [8, 784]
 * }</pre>
 */
public class Flatten extends Module {
    private final int startDim;
    private final int endDim;

    public Flatten() {
        this(1, -1);
    }

    public Flatten(int startDim, int endDim) {
        this.startDim = startDim;
        this.endDim = endDim;
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.flatten(startDim, endDim);
    }

    @Override
    public String extraRepr() {
        return "start_dim=" + startDim + ", end_dim=" + endDim;
    }
}
