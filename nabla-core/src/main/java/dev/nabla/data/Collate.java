package dev.nabla.data;

import dev.nabla.Nabla;
import dev.nabla.Tensor;

import java.util.ArrayList;
import java.util.List;

/** PyTorch's {@code default_collate} for Nabla's example types: stacks tensors along a new first dimension. */
public final class Collate {
    private Collate() {}

    /**
     * Stacks a list of {@link Batch} examples into one batch (x and y stacked separately) or a list of tensors
     * into one tensor; any other example type needs its own collate function.
     */
    @SuppressWarnings("unchecked")
    public static <T> T stack(List<T> examples) {
        if (examples.isEmpty()) throw new IllegalArgumentException("cannot collate an empty list of examples");
        Object first = examples.get(0);
        if (first instanceof Batch) {
            List<Tensor> xs = new ArrayList<>(examples.size()), ys = new ArrayList<>(examples.size());
            for (T e : examples) {
                xs.add(((Batch) e).x());
                ys.add(((Batch) e).y());
            }
            return (T) new Batch(Nabla.stack(xs, 0), Nabla.stack(ys, 0));
        }
        if (first instanceof Tensor) {
            return (T) Nabla.stack((List<Tensor>) examples, 0);
        }
        throw new IllegalArgumentException("default collate handles Batch and Tensor examples, not "
                + first.getClass().getName() + "; pass a collate function to DataLoader.builder(...).collate(...)");
    }
}
