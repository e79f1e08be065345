package dev.nabla.autograd;

/**
 * Whether operations record the graph, per thread (PyTorch's {@code GradMode}: a thread-local flag that scopes
 * set and restore). Services that run inference on many threads under no-grad never see each other's mode.
 */
public final class GradMode {
    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

    private GradMode() {}

    public static boolean isEnabled() {
        return ENABLED.get()[0];
    }

    public static void setEnabled(boolean enabled) {
        ENABLED.get()[0] = enabled;
    }

    /** Sets the mode for this thread until the returned scope is closed, then restores what was there before. */
    public static Scope set(boolean enabled) {
        boolean[] flag = ENABLED.get();
        boolean previous = flag[0];
        flag[0] = enabled;
        return new Scope(flag, previous);
    }

    /** A grad-mode scope for try-with-resources; closing it restores the previous mode, also on exceptions. */
    public static final class Scope implements AutoCloseable {
        private final boolean[] flag;
        private final boolean previous;
        private boolean closed;

        private Scope(boolean[] flag, boolean previous) {
            this.flag = flag;
            this.previous = previous;
        }

        @Override
        public void close() {
            if (closed) return;
            closed = true;
            flag[0] = previous;
        }
    }
}
