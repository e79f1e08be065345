package dev.nabla.kernels;

/**
 * When a warm-up ({@code Nabla.warmUp()}) stops: at the program's first matrix product after it was requested.
 * Once the program computes, its own calls make the kernels hot, and a warm-up still running would only take
 * cores from it (on two cores, measured: a warm-up running alongside the seed MLP's first steps made its first
 * epoch slower).
 *
 * <p>A plain class, apart from the Vector API kernels: {@code Nabla.warmUp()} clears the flag on the caller's thread
 * before its background thread starts, so that a product the program computes while that thread is still loading
 * the kernels is not missed.
 */
public final class WarmUpStop {
    private WarmUpStop() {}

    private static volatile boolean programComputed;

    /** A warm-up is requested: it runs until the next {@link #programComputes()}. */
    public static void reset() {
        programComputed = false;
    }

    /** Called by the kernels' matrix products (float32 and float64) on the program's behalf. */
    public static void programComputes() {
        if (!programComputed) programComputed = true; // read first: no write, no cache-line traffic, on every call
    }

    /** Whether the program has computed a matrix product since the last {@link #reset()}. */
    public static boolean programComputed() {
        return programComputed;
    }
}
