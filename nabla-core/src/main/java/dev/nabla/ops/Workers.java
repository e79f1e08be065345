package dev.nabla.ops;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Splits a loop over independent items (the samples of a batch) into contiguous ranges, one per core, the caller
 * running the first range itself. A small fixed pool of daemon platform threads does the rest: handing work over
 * costs tens of microseconds, so callers use it only when the whole loop costs milliseconds
 * ({@link #worthSplitting}).
 */
final class Workers {
    private Workers() {}

    /** About 0.5 ms of arithmetic: below this, handing work to another thread costs more than it saves. */
    private static final long MIN_FLOPS = 2_000_000L;

    private static final int THREADS = Math.max(1, Integer.getInteger("nabla.threads",
            Runtime.getRuntime().availableProcessors()));

    private static final class Pool {
        static final ExecutorService INSTANCE = Executors.newFixedThreadPool(Math.max(1, THREADS - 1), r -> {
            Thread t = new Thread(r, "nabla-conv-worker");
            t.setDaemon(true);
            return t;
        });
    }

    /** How many ranges a loop of {@code items} items costing {@code flops} in all should be split into. */
    static int worthSplitting(int items, long flops) {
        if (THREADS == 1 || items < 2 || flops < MIN_FLOPS || Thread.currentThread().getName().equals("nabla-conv-worker")) {
            return 1;
        }
        return Math.min(items, THREADS);
    }

    /** A contiguous part of [0, items): range {@code part} of {@code parts}. */
    record Range(int part, int from, int to) {}

    /**
     * Runs {@code body} on {@code parts} contiguous ranges of [0, items), in parallel; returns when all are done.
     * Exceptions from any range are rethrown on the caller's thread.
     */
    static void run(int items, int parts, java.util.function.Consumer<Range> body) {
        if (parts <= 1) {
            body.accept(new Range(0, 0, items));
            return;
        }
        @SuppressWarnings("unchecked")
        Future<?>[] futures = new Future<?>[parts - 1];
        for (int p = 1; p < parts; p++) {
            Range r = new Range(p, (int) ((long) items * p / parts), (int) ((long) items * (p + 1) / parts));
            futures[p - 1] = Pool.INSTANCE.submit(() -> body.accept(r));
        }
        RuntimeException failure = null;
        try {
            body.accept(new Range(0, 0, items / parts));
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for convolution workers", e);
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                }
            }
        }
        if (failure != null) throw failure;
    }

    /** Runs {@code body} for each item of [0, items), split as {@link #run} does. */
    static void forEach(int items, int parts, IntConsumer body) {
        run(items, parts, r -> {
            for (int i = r.from(); i < r.to(); i++) body.accept(i);
        });
    }
}
