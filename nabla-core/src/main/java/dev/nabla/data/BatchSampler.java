package dev.nabla.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Groups a sampler's indices into batches of {@code batchSize}; with {@code dropLast} a last, smaller batch is
 * left out (PyTorch's {@code BatchSampler}).
 */
public final class BatchSampler {
    private final Sampler sampler;
    private final int batchSize;
    private final boolean dropLast;

    public BatchSampler(Sampler sampler, int batchSize, boolean dropLast) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch_size should be a positive integer value, but got batch_size=" + batchSize);
        }
        this.sampler = sampler;
        this.batchSize = batchSize;
        this.dropLast = dropLast;
    }

    /** The batches of one epoch (draws the sampler's order for that epoch). */
    public List<int[]> batches() {
        int[] order = sampler.indices();
        List<int[]> out = new ArrayList<>();
        for (int start = 0; start < order.length; start += batchSize) {
            int end = Math.min(order.length, start + batchSize);
            if (end - start < batchSize && dropLast) break;
            out.add(Arrays.copyOfRange(order, start, end));
        }
        return out;
    }

    /** The number of batches in one epoch. */
    public int size() {
        int n = sampler.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    public int batchSize() {
        return batchSize;
    }

    public boolean dropLast() {
        return dropLast;
    }
}
