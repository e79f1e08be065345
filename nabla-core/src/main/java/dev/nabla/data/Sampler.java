package dev.nabla.data;

/**
 * The order in which a {@link DataLoader} visits a dataset's indices, PyTorch's {@code Sampler}. Each call to
 * {@link #indices()} starts a new epoch (a random sampler draws a new permutation from its generator).
 */
public interface Sampler {
    /** The indices of one epoch, in visiting order. */
    int[] indices();

    /** How many indices one epoch yields. */
    int size();
}
