package dev.nabla.cli;

/**
 * Applies {@code --threads}: the kernels' thread pool ({@code dev.nabla.kernels.Parallel}) reads
 * {@code nabla.threads} once, when the first kernel runs, so this must happen before any tensor math.
 */
final class Threads {
    private Threads() {}

    static void configure(int threads) {
        if (threads <= 0) throw new UserError("--threads must be positive, got " + threads);
        System.setProperty("nabla.threads", Integer.toString(threads));
    }
}
