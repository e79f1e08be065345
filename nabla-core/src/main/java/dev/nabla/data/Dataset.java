package dev.nabla.data;

/**
 * A map-style dataset, PyTorch's {@code torch.utils.data.Dataset}: {@code size()} examples, each fetched by index.
 *
 * <pre>{@code
 * Dataset<Batch> digits = Digits.load();
 * Batch first = digits.get(0);          // first.x(): [1, 8, 8], first.y(): the label
 * }</pre>
 *
 * @param <T> the type of one example
 */
public interface Dataset<T> {
    /** The example at {@code index}, {@code 0 <= index < size()}. */
    T get(int index);

    /** The number of examples. */
    int size();
}
