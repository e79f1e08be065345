package dev.nabla.data;

/** Visits {@code 0, 1, ..., n-1} in order, every epoch (PyTorch's {@code SequentialSampler}). */
public final class SequentialSampler implements Sampler {
    private final int n;

    public SequentialSampler(int n) {
        if (n < 0) throw new IllegalArgumentException("number of samples must be non-negative, got " + n);
        this.n = n;
    }

    @Override
    public int[] indices() {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = i;
        return out;
    }

    @Override
    public int size() {
        return n;
    }
}
