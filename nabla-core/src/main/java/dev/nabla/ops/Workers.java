package dev.nabla.ops;

import dev.nabla.kernels.Parallel;

import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Splits a loop over independent items (the samples of a batch, the planes of a pooling) into contiguous ranges
 * run on {@link Parallel}'s threads. Splitting over samples is coarser than letting each small GEMM split itself,
 * and GEMMs called inside a range run on their own thread (Parallel runs nested jobs inline), so the cores are
 * never oversubscribed.
 */
final class Workers {
    private Workers() {}

    /** About a quarter of a millisecond of arithmetic: below this, handing work over costs more than it saves. */
    private static final long MIN_FLOPS = 1_000_000L;

    /** How many ranges a loop of {@code items} items costing {@code flops} in all should be split into. */
    static int worthSplitting(int items, long flops) {
        if (items < 2 || flops < MIN_FLOPS) return 1;
        return Math.min(items, Parallel.threads());
    }

    /** A contiguous part of [0, items): range {@code part} of {@code parts}. */
    record Range(int part, int from, int to) {}

    /** Runs {@code body} on {@code parts} contiguous ranges of [0, items), in parallel; returns when all are done. */
    static void run(int items, int parts, Consumer<Range> body) {
        if (parts <= 1) {
            body.accept(new Range(0, 0, items));
            return;
        }
        Parallel.forEach(parts, p -> body.accept(new Range(p, (int) ((long) items * p / parts),
                (int) ((long) items * (p + 1) / parts))));
    }

    /** Runs {@code body} for each item of [0, items), split as {@link #run} does. */
    static void forEach(int items, int parts, IntConsumer body) {
        run(items, parts, r -> {
            for (int i = r.from(); i < r.to(); i++) body.accept(i);
        });
    }
}
