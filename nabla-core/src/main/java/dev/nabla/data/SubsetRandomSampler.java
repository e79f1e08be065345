package dev.nabla.data;

import dev.nabla.Generator;

/** Visits the given indices in a new random order every epoch (PyTorch's {@code SubsetRandomSampler}). */
public final class SubsetRandomSampler implements Sampler {
    private final int[] indices;
    private final Generator generator;

    public SubsetRandomSampler(int[] indices, Generator generator) {
        this.indices = indices.clone();
        this.generator = generator;
    }

    @Override
    public int[] indices() {
        return shuffled(indices, generator);
    }

    /** A Fisher-Yates shuffle of a copy of {@code values}. */
    static int[] shuffled(int[] values, Generator generator) {
        int[] out = values.clone();
        for (int i = out.length - 1; i > 0; i--) {
            int j = (int) generator.nextLong(i + 1);
            int tmp = out[i];
            out[i] = out[j];
            out[j] = tmp;
        }
        return out;
    }

    @Override
    public int size() {
        return indices.length;
    }
}
