package dev.nabla.data;

import dev.nabla.Nabla;
import dev.nabla.Tensor;

import java.util.Arrays;

/**
 * A dataset of two tensors indexed along their first dimension, PyTorch's {@code TensorDataset(x, y)}.
 * {@link DataLoader} builds its batches with one {@code indexSelect} per tensor rather than stacking examples.
 *
 * <pre>{@code
 * var ds = new TensorDataset(randn(100, 5), randint(0, 2, 100));
 * Batch b = ds.get(3);                    // b.x(): [5], b.y(): a 0-dim int64 tensor
 * }</pre>
 */
public final class TensorDataset implements Dataset<Batch> {
    private final Tensor x;
    private final Tensor y;

    public TensorDataset(Tensor x, Tensor y) {
        if (x.dim() == 0 || y.dim() == 0 || x.size(0) != y.size(0)) {
            throw new IllegalArgumentException("Size mismatch between tensors: x has shape " + Arrays.toString(x.shape())
                    + " and y has shape " + Arrays.toString(y.shape()) + "; both need the same first dimension");
        }
        this.x = x.detach();
        this.y = y.detach();
    }

    /** All inputs, {@code [N, ...]}. */
    public Tensor x() {
        return x;
    }

    /** All targets, {@code [N, ...]}. */
    public Tensor y() {
        return y;
    }

    @Override
    public Batch get(int index) {
        return new Batch(x.select(0, checkIndex(index)), y.select(0, index));
    }

    @Override
    public int size() {
        return x.size(0);
    }

    /** The examples at {@code indices} as one batch, gathered with {@code indexSelect} (a copy). */
    public Batch batch(int[] indices) {
        long[] idx = new long[indices.length];
        for (int i = 0; i < indices.length; i++) idx[i] = checkIndex(indices[i]);
        Tensor index = Nabla.tensor(idx, idx.length);
        return new Batch(x.indexSelect(0, index), y.indexSelect(0, index));
    }

    private int checkIndex(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("index " + index + " is out of range for a dataset of size " + size());
        }
        return index;
    }
}
