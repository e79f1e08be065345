package dev.nabla.cli;

/** Applies {@code --threads}: the size of the pool that the kernels split large operations over. */
final class Threads {
    private Threads() {}

    static void configure(int threads) {
        if (threads <= 0) throw new UserError("--threads must be positive, got " + threads);
        System.setProperty("nabla.threads", Integer.toString(threads));
        // Parallel kernels run on the common fork-join pool; its size is read once, when it is first used.
        System.setProperty("java.util.concurrent.ForkJoinPool.common.parallelism", Integer.toString(threads));
    }
}
