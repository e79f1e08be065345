package dev.nabla.cli;

import java.io.PrintWriter;

/**
 * One line on stderr redrawn in place: {@code epoch 3/20 [#########.......] 14/23 loss 0.2134 51234 ex/s}.
 * Redraws at most ten times a second; when stderr is not a terminal it draws nothing, so logs stay clean.
 */
final class ProgressBar {
    private static final int WIDTH = 24;
    private final PrintWriter err;
    private final boolean enabled;
    private final String label;
    private final int total;
    private final long start = System.nanoTime();
    private long lastDraw;
    private int lastLength;

    ProgressBar(PrintWriter err, boolean enabled, String label, int total) {
        this.err = err;
        this.enabled = enabled;
        this.label = label;
        this.total = Math.max(total, 1);
    }

    /** Whether a bar should be drawn on this process's stderr. */
    static boolean interactive() {
        java.io.Console console = System.console();
        return console != null && console.isTerminal() && !"dumb".equals(System.getenv("TERM"));
    }

    void update(int done, double loss, long examples) {
        if (!enabled) return;
        long now = System.nanoTime();
        if (done < total && now - lastDraw < 100_000_000L) return;
        lastDraw = now;
        int filled = (int) ((long) WIDTH * done / total);
        double seconds = Math.max((now - start) / 1e9, 1e-9);
        String line = String.format("%s [%s%s] %d/%d loss %.4f %.0f ex/s", label, "#".repeat(filled), ".".repeat(WIDTH - filled),
                done, total, loss, examples / seconds);
        err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        err.flush();
        lastLength = line.length();
    }

    /** Clears the bar so that the epoch summary takes its place. */
    void finish() {
        if (!enabled || lastLength == 0) return;
        err.print("\r" + " ".repeat(lastLength) + "\r");
        err.flush();
    }
}
