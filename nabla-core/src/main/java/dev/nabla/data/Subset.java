package dev.nabla.data;

import java.util.Arrays;

/**
 * The examples of {@code dataset} at the given indices, in that order, PyTorch's {@code Subset}.
 *
 * <pre>{@code
 * var firstHundred = new Subset<>(digits, IntStream.range(0, 100).toArray());
 * }</pre>
 */
public final class Subset<T> implements Dataset<T> {
    private final Dataset<T> dataset;
    private final int[] indices;

    public Subset(Dataset<T> dataset, int[] indices) {
        for (int i : indices) {
            if (i < 0 || i >= dataset.size()) {
                throw new IndexOutOfBoundsException("subset index " + i + " is out of range for a dataset of size " + dataset.size());
            }
        }
        this.dataset = dataset;
        this.indices = indices.clone();
    }

    /** The dataset this subset picks from. */
    public Dataset<T> dataset() {
        return dataset;
    }

    /** The picked indices into {@link #dataset()} (a copy). */
    public int[] indices() {
        return indices.clone();
    }

    /** The index in the underlying dataset of this subset's example {@code i}. */
    int sourceIndex(int i) {
        if (i < 0 || i >= indices.length) {
            throw new IndexOutOfBoundsException("index " + i + " is out of range for a subset of size " + indices.length);
        }
        return indices[i];
    }

    @Override
    public T get(int index) {
        return dataset.get(sourceIndex(index));
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public String toString() {
        return "Subset(size=" + indices.length + ", of " + dataset.getClass().getSimpleName()
                + (indices.length <= 8 ? ", indices=" + Arrays.toString(indices) : "") + ")";
    }
}
