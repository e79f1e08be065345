package dev.nabla.data;

import dev.nabla.Generator;
import dev.nabla.Nabla;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Functions on datasets: {@link #randomSplit}, PyTorch's {@code torch.utils.data.random_split}. */
public final class Datasets {
    private Datasets() {}

    /**
     * Splits {@code dataset} into non-overlapping random subsets of the given lengths, which must add up to its
     * size. The same generator seed gives the same split.
     *
     * <pre>{@code
     * var parts = Datasets.randomSplit(digits, new int[] {1437, 360}, new Generator(42));
     * }</pre>
     */
    public static <T> List<Subset<T>> randomSplit(Dataset<T> dataset, int[] lengths, Generator generator) {
        long total = 0;
        for (int len : lengths) {
            if (len < 0) throw new IllegalArgumentException("random_split lengths must be non-negative, got " + Arrays.toString(lengths));
            total += len;
        }
        if (total != dataset.size()) {
            throw new IllegalArgumentException("Sum of input lengths (" + total + ") does not equal the length of the input dataset ("
                    + dataset.size() + ")");
        }
        long[] perm = Nabla.randperm(dataset.size(), generator).toLongArray();
        List<Subset<T>> out = new ArrayList<>();
        int start = 0;
        for (int len : lengths) {
            int[] idx = new int[len];
            for (int i = 0; i < len; i++) idx[i] = (int) perm[start + i];
            out.add(new Subset<>(dataset, idx));
            start += len;
        }
        return out;
    }

    /**
     * Splits by fractions that add up to 1 ({@code {0.8, 0.2}}), as PyTorch does: each part gets
     * {@code floor(size * fraction)} examples and the remainder is dealt one by one to the parts in order.
     */
    public static <T> List<Subset<T>> randomSplit(Dataset<T> dataset, double[] fractions, Generator generator) {
        double sum = 0;
        for (int i = 0; i < fractions.length; i++) {
            if (!(fractions[i] >= 0 && fractions[i] <= 1)) {
                throw new IllegalArgumentException("Fraction at index " + i + " is not between 0 and 1 (got " + fractions[i] + ")");
            }
            sum += fractions[i];
        }
        if (Math.abs(sum - 1) > 1e-9) {
            throw new IllegalArgumentException("Sum of input fractions must be 1, got " + sum + " for " + Arrays.toString(fractions));
        }
        int n = dataset.size();
        int[] lengths = new int[fractions.length];
        int assigned = 0;
        for (int i = 0; i < fractions.length; i++) {
            lengths[i] = (int) Math.floor(n * fractions[i]);
            assigned += lengths[i];
        }
        for (int i = 0; assigned < n; i = (i + 1) % lengths.length, assigned++) lengths[i]++;
        return randomSplit(dataset, lengths, generator);
    }
}
