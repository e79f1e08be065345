package dev.nabla.cli;

import dev.nabla.io.AtomicFiles;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Draws the training curves as a PNG with two panels, loss and accuracy against the epoch, each with axes, tick
 * labels, a title and a legend (train in blue, test in orange). Drawn with Java2D off-screen (headless).
 */
final class Plot {
    static final String FILE = "curves.png";
    private static final int PANEL_W = 520, H = 420, MARGIN_L = 70, MARGIN_R = 20, MARGIN_T = 40, MARGIN_B = 55;
    private static final Color TRAIN = new Color(31, 119, 180), TEST = new Color(255, 127, 14);

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Plot() {}

    /** Writes the plot of {@code history} into {@code file} (replacing it atomically). */
    static void write(List<Metrics> history, Path file) throws IOException {
        BufferedImage img = new BufferedImage(2 * PANEL_W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            panel(g, 0, "Loss", "cross-entropy", history, Metrics::trainLoss, Metrics::testLoss, false);
            panel(g, PANEL_W, "Accuracy", "accuracy", history, Metrics::trainAccuracy, Metrics::testAccuracy, true);
        } finally {
            g.dispose();
        }
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(img, "png", out)) throw new IOException("no PNG writer available");
        });
    }

    private static void panel(Graphics2D g, int x0, String title, String yLabel, List<Metrics> history,
                              ToDoubleFunction<Metrics> train, ToDoubleFunction<Metrics> test, boolean accuracy) {
        int left = x0 + MARGIN_L, right = x0 + PANEL_W - MARGIN_R, top = MARGIN_T, bottom = H - MARGIN_B;
        double xMin = history.isEmpty() ? 0 : history.get(0).epoch(), xMax = history.isEmpty() ? 1 : history.get(history.size() - 1).epoch();
        if (xMax <= xMin) {
            xMin -= 0.5;
            xMax += 0.5;
        }
        double yMin = Double.POSITIVE_INFINITY, yMax = Double.NEGATIVE_INFINITY;
        for (Metrics m : history) {
            for (double v : new double[] {train.applyAsDouble(m), test.applyAsDouble(m)}) {
                if (Double.isFinite(v)) {
                    yMin = Math.min(yMin, v);
                    yMax = Math.max(yMax, v);
                }
            }
        }
        if (!Double.isFinite(yMin)) {
            yMin = 0;
            yMax = 1;
        }
        if (accuracy) {
            yMax = Math.min(1, yMax + 0.02);
            yMin = Math.max(0, yMin - 0.02);
        } else {
            yMin = Math.max(0, yMin - 0.05 * (yMax - yMin));
            yMax = yMax + 0.05 * (yMax - yMin);
        }
        if (yMax - yMin < 1e-9) {
            yMax = yMin + 1;
        }
        double[] yTicks = ticks(yMin, yMax, 6);
        yMin = Math.min(yMin, yTicks[0]);
        yMax = Math.max(yMax, yTicks[yTicks.length - 1]);

        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        FontMetrics fm = g.getFontMetrics();
        g.setColor(Color.BLACK);
        g.drawString(title, x0 + (PANEL_W - fm.stringWidth(title)) / 2, 26);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        fm = g.getFontMetrics();

        // grid and y ticks
        for (double t : yTicks) {
            int y = map(t, yMin, yMax, bottom, top);
            g.setColor(new Color(228, 228, 228));
            g.drawLine(left, y, right, y);
            g.setColor(Color.BLACK);
            g.drawLine(left - 4, y, left, y);
            String s = accuracy ? String.format(Locale.ROOT, "%.0f%%", t * 100) : trim(t);
            g.drawString(s, left - 7 - fm.stringWidth(s), y + fm.getAscent() / 2 - 1);
        }
        // x ticks at whole epochs
        for (double t : ticks(xMin, xMax, 8)) {
            if (t < xMin - 1e-9 || t > xMax + 1e-9 || t != Math.rint(t)) continue;
            int x = map(t, xMin, xMax, left, right);
            g.setColor(Color.BLACK);
            g.drawLine(x, bottom, x, bottom + 4);
            String s = Long.toString(Math.round(t));
            g.drawString(s, x - fm.stringWidth(s) / 2, bottom + 6 + fm.getAscent());
        }
        g.setColor(Color.BLACK);
        g.drawRect(left, top, right - left, bottom - top);
        g.drawString("epoch", (left + right - fm.stringWidth("epoch")) / 2, H - 14);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.drawString(yLabel, -(top + bottom + fm.stringWidth(yLabel)) / 2, x0 + 16);
        rotated.dispose();

        curve(g, history, train, TRAIN, xMin, xMax, yMin, yMax, left, right, top, bottom);
        curve(g, history, test, TEST, xMin, xMax, yMin, yMax, left, right, top, bottom);

        // legend in the corner the curves are least likely to cross
        String[] names = {"train", "test"};
        Color[] colors = {TRAIN, TEST};
        int lw = 90, lh = 44, lx = right - lw - 8, ly = accuracy ? bottom - lh - 8 : top + 8;
        g.setColor(new Color(255, 255, 255, 230));
        g.fillRect(lx, ly, lw, lh);
        g.setColor(Color.GRAY);
        g.drawRect(lx, ly, lw, lh);
        for (int i = 0; i < 2; i++) {
            int y = ly + 14 + 18 * i;
            g.setColor(colors[i]);
            g.setStroke(new BasicStroke(2.5f));
            g.drawLine(lx + 8, y, lx + 32, y);
            g.setStroke(new BasicStroke(1f));
            g.setColor(Color.BLACK);
            g.drawString(names[i], lx + 40, y + fm.getAscent() / 2 - 1);
        }
    }

    private static void curve(Graphics2D g, List<Metrics> history, ToDoubleFunction<Metrics> f, Color color,
                              double xMin, double xMax, double yMin, double yMax, int left, int right, int top, int bottom) {
        Path2D.Double path = new Path2D.Double();
        boolean started = false;
        g.setColor(color);
        for (Metrics m : history) {
            double v = f.applyAsDouble(m);
            if (!Double.isFinite(v)) {
                started = false;
                continue;
            }
            double x = mapD(m.epoch(), xMin, xMax, left, right), y = mapD(v, yMin, yMax, bottom, top);
            if (started) path.lineTo(x, y);
            else path.moveTo(x, y);
            started = true;
            g.fillOval((int) Math.round(x) - 3, (int) Math.round(y) - 3, 6, 6);
        }
        g.setStroke(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(path);
        g.setStroke(new BasicStroke(1f));
    }

    /** "Nice" tick values (1, 2 or 5 times a power of ten) covering [lo, hi]. */
    static double[] ticks(double lo, double hi, int target) {
        double raw = (hi - lo) / Math.max(1, target - 1);
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / mag < 1.5 ? mag : raw / mag < 3 ? 2 * mag : raw / mag < 7 ? 5 * mag : 10 * mag;
        double first = Math.floor(lo / step) * step, last = Math.ceil(hi / step) * step;
        int n = (int) Math.round((last - first) / step) + 1;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = first + i * step;
        return out;
    }

    private static int map(double v, double lo, double hi, int a, int b) {
        return (int) Math.round(mapD(v, lo, hi, a, b));
    }

    private static double mapD(double v, double lo, double hi, double a, double b) {
        return a + (v - lo) / (hi - lo) * (b - a);
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.3f", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
