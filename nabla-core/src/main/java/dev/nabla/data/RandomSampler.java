package dev.nabla.data;

import dev.nabla.Generator;

/**
 * Visits {@code 0 .. n-1} in a new random order every epoch, drawn from {@code generator}; the same seed gives
 * the same sequence of epochs (PyTorch's {@code RandomSampler} without replacement).
 */
public final class RandomSampler implements Sampler {
    private final int n;
    private final Generator generator;

    public RandomSampler(int n, Generator generator) {
        if (n < 0) throw new IllegalArgumentException("number of samples must be non-negative, got " + n);
        this.n = n;
        this.generator = generator;
    }

    @Override
    public int[] indices() {
        return SubsetRandomSampler.shuffled(identity(n), generator);
    }

    static int[] identity(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = i;
        return out;
    }

    @Override
    public int size() {
        return n;
    }
}
