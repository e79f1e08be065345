package dev.nabla.data;

import dev.nabla.Generator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Batches of a dataset, PyTorch's {@code torch.utils.data.DataLoader}: an {@link Iterable} whose every
 * {@code iterator()} is one epoch. Shuffling draws a new order each epoch from a seedable {@link Generator}
 * (the default generator unless one is given, so {@code manualSeed} makes it reproducible).
 *
 * <p>Batches of a {@link TensorDataset} (or a {@link Subset} of one) with the default collate are gathered with
 * one {@code indexSelect} per tensor instead of example by example. With {@code prefetch(true)} one background
 * thread builds the next batch while the caller trains on the current one; the batches are the same as without.
 *
 * <pre>{@code
 * var loader = new DataLoader<>(new TensorDataset(x, y), 64, true);
 * for (Batch b : loader) { ... b.x() ... b.y() ... }
 * var custom = DataLoader.builder(ds).batchSize(32).shuffle(true).generator(new Generator(0))
 *         .dropLast(true).prefetch(true).build();
 * }</pre>
 *
 * @param <B> the type of one batch
 */
public final class DataLoader<B> implements Iterable<B> {
    /** Each prefetch runs on a fresh virtual thread: nothing to shut down when an epoch is abandoned half-way. */
    private static final Executor PREFETCH = task -> Thread.ofVirtual().name("nabla-prefetch").start(task);

    private final BatchSampler batchSampler;
    private final Function<int[], B> fetch;
    private final boolean prefetch;

    /** Batches of {@code batchSize} in index order, collated by {@link Collate#stack}. */
    public DataLoader(Dataset<B> dataset, int batchSize) {
        this(dataset, batchSize, false);
    }

    /** Batches of {@code batchSize}, reshuffled every epoch when {@code shuffle}, collated by {@link Collate#stack}. */
    public DataLoader(Dataset<B> dataset, int batchSize, boolean shuffle) {
        this(builder(dataset).batchSize(batchSize).shuffle(shuffle));
    }

    private DataLoader(Builder<?, B> b) {
        Sampler sampler = b.sampler != null ? b.sampler
                : b.shuffle ? new RandomSampler(b.dataset.size(), b.generator != null ? b.generator : Generator.getDefault())
                : new SequentialSampler(b.dataset.size());
        this.batchSampler = new BatchSampler(sampler, b.batchSize, b.dropLast);
        this.fetch = b.fetchFunction();
        this.prefetch = b.prefetch;
    }

    /** A builder for every option: batch size, shuffle, generator, sampler, dropLast, collate, prefetch. */
    public static <T> Builder<T, T> builder(Dataset<T> dataset) {
        return new Builder<>(dataset, null);
    }

    /** The number of batches per epoch, PyTorch's {@code len(loader)}. */
    public int size() {
        return batchSampler.size();
    }

    public int batchSize() {
        return batchSampler.batchSize();
    }

    /** One epoch of batches (a shuffling loader draws its order now, on the calling thread). */
    @Override
    public Iterator<B> iterator() {
        List<int[]> batches = batchSampler.batches();
        return prefetch ? new PrefetchIterator<>(batches, fetch) : new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < batches.size();
            }

            @Override
            public B next() {
                if (!hasNext()) throw new NoSuchElementException();
                return fetch.apply(batches.get(next++));
            }
        };
    }

    /** Keeps the fetch of the following batch running while the caller holds the current one. */
    private static final class PrefetchIterator<B> implements Iterator<B> {
        private final List<int[]> batches;
        private final Function<int[], B> fetch;
        private int next;
        private CompletableFuture<B> pending;

        PrefetchIterator(List<int[]> batches, Function<int[], B> fetch) {
            this.batches = batches;
            this.fetch = fetch;
            startFetch();
        }

        private void startFetch() {
            if (next < batches.size()) {
                int[] indices = batches.get(next);
                pending = CompletableFuture.supplyAsync(() -> fetch.apply(indices), PREFETCH);
            } else {
                pending = null;
            }
        }

        @Override
        public boolean hasNext() {
            return pending != null;
        }

        @Override
        public B next() {
            if (pending == null) throw new NoSuchElementException();
            B batch;
            try {
                batch = pending.join();
            } catch (CompletionException e) {
                // Rethrow what the fetch threw, so a bad example fails as it would without prefetch.
                if (e.getCause() instanceof RuntimeException r) throw r;
                if (e.getCause() instanceof Error err) throw err;
                throw e;
            }
            next++;
            startFetch();
            return batch;
        }
    }

    /**
     * Options of a {@link DataLoader}.
     *
     * @param <T> the dataset's example type
     * @param <B> the batch type the collate function makes
     */
    public static final class Builder<T, B> {
        private final Dataset<T> dataset;
        private final Function<List<T>, B> collate;
        private int batchSize = 1;
        private boolean shuffle;
        private boolean dropLast;
        private boolean prefetch;
        private Generator generator;
        private Sampler sampler;

        private Builder(Dataset<T> dataset, Function<List<T>, B> collate) {
            this.dataset = dataset;
            this.collate = collate;
        }

        public Builder<T, B> batchSize(int batchSize) {
            if (batchSize <= 0) {
                throw new IllegalArgumentException("batch_size should be a positive integer value, but got batch_size=" + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** Reshuffles every epoch (ignored when a sampler is given). */
        public Builder<T, B> shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /** The generator that shuffling draws from. */
        public Builder<T, B> generator(Generator generator) {
            this.generator = generator;
            return this;
        }

        /** Leaves out a last batch smaller than the batch size. */
        public Builder<T, B> dropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        /** Builds the next batch on a background thread while the current one is used. */
        public Builder<T, B> prefetch(boolean prefetch) {
            this.prefetch = prefetch;
            return this;
        }

        /** The order of indices (instead of shuffle); PyTorch refuses both together, and so does this. */
        public Builder<T, B> sampler(Sampler sampler) {
            this.sampler = sampler;
            return this;
        }

        /** How a list of examples becomes one batch; the default stacks tensors ({@link Collate#stack}). */
        public <C> Builder<T, C> collate(Function<List<T>, C> collate) {
            Builder<T, C> b = new Builder<>(dataset, collate);
            b.batchSize = batchSize;
            b.shuffle = shuffle;
            b.dropLast = dropLast;
            b.prefetch = prefetch;
            b.generator = generator;
            b.sampler = sampler;
            return b;
        }

        public DataLoader<B> build() {
            if (sampler != null && shuffle) throw new IllegalArgumentException("sampler option is mutually exclusive with shuffle");
            return new DataLoader<>(this);
        }

        @SuppressWarnings("unchecked")
        private Function<int[], B> fetchFunction() {
            if (collate == null) {
                TensorDataset tensors = tensorDatasetBehind(dataset);
                if (tensors != null) {
                    // Fast path: map subset indices down to the tensors and gather each batch in one copy.
                    Dataset<T> ds = dataset;
                    return indices -> (B) tensors.batch(sourceIndices(ds, indices));
                }
            }
            Function<List<T>, B> c = collate != null ? collate : examples -> (B) Collate.stack(examples);
            return indices -> {
                List<T> examples = new ArrayList<>(indices.length);
                for (int i : indices) examples.add(dataset.get(i));
                return c.apply(examples);
            };
        }

        private static TensorDataset tensorDatasetBehind(Dataset<?> ds) {
            while (ds instanceof Subset<?> s) ds = s.dataset();
            return ds instanceof TensorDataset t ? t : null;
        }

        private static int[] sourceIndices(Dataset<?> ds, int[] indices) {
            int[] out = indices.clone();
            while (ds instanceof Subset<?> s) {
                for (int i = 0; i < out.length; i++) out[i] = s.sourceIndex(out[i]);
                ds = s.dataset();
            }
            return out;
        }
    }
}
