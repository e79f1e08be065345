package dev.nabla.nn;

import dev.nabla.Tensor;

/**
 * Splits dim {@code dim} into {@code unflattenedSize}, PyTorch's {@code nn.Unflatten} (one size may be -1).
 *
 * <p>Shape: input {@code [*, S, *]} with S the product of the sizes; output {@code [*, sizes..., *]}.
 *
 * <pre>{@code
 * Tensor img = new Unflatten(1, 1, 28, 28).forward(Nabla.randn(8, 784));   // [8, 1, 28, 28]
 * }</pre>
 */
public class Unflatten extends Module {
    private final int dim;
    private final int[] unflattenedSize;

    public Unflatten(int dim, int... unflattenedSize) {
        if (unflattenedSize.length == 0) throw new IllegalArgumentException("unflattened_size must be non-empty");
        this.dim = dim;
        this.unflattenedSize = unflattenedSize.clone();
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.unflatten(dim, unflattenedSize);
    }

    @Override
    public String extraRepr() {
        return "dim=" + dim + ", unflattened_size=" + PyRepr.pyTuple(unflattenedSize);
    }
}
