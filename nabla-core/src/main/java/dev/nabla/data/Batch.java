package dev.nabla.data;

import dev.nabla.Tensor;

/**
 * Inputs and targets: one example of a {@link TensorDataset} ({@code x} without the batch dimension) or a batch
 * of them from a {@link DataLoader} ({@code x} of shape {@code [B, ...]}, {@code y} of shape {@code [B, ...]}).
 */
public record Batch(Tensor x, Tensor y) {
    /** The number of examples in a batch (the size of the first dimension of {@code x}). */
    public int size() {
        return x.size(0);
    }
}
