package dev.nabla.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class PlotTest {
    @TempDir
    Path dir;

    private static final int TRAIN = 0x1f77b4, TEST = 0xff7f0e;

    /** Pixels of exactly {@code rgb} inside the plot area of the panel starting at {@code x0} (legend excluded by area). */
    private static int count(BufferedImage img, int x0, int rgb) {
        int n = 0;
        for (int y = 40; y < 365; y++) {
            for (int x = x0 + 70; x < x0 + 400; x++) if ((img.getRGB(x, y) & 0xffffff) == rgb) n++;
        }
        return n;
    }

    @Test
    void bothPanelsShowTrainAndTestCurves() throws IOException {
        List<Metrics> history = List.of(new Metrics(1, 1.9, 0.55, 1.2, 0.71, 1), new Metrics(2, 0.8, 0.82, 0.4, 0.91, 1),
                new Metrics(3, 0.4, 0.89, 0.25, 0.94, 1), new Metrics(4, 0.3, 0.92, 0.2, 0.95, 1));
        Path file = dir.resolve("curves.png");
        Plot.write(history, file);
        BufferedImage img = ImageIO.read(file.toFile());
        for (int panel : new int[] {0, 520}) {
            assertTrue(count(img, panel, TRAIN) > 50, "train curve in panel at x=" + panel);
            assertTrue(count(img, panel, TEST) > 50, "test curve in panel at x=" + panel);
        }
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "written atomically, no temporary file left");
        }
    }

    @Test
    void aSingleEpochAndADivergedLossStillPlot() throws IOException {
        Path file = dir.resolve("one.png");
        Plot.write(List.of(new Metrics(1, Double.NaN, 0.1, Double.POSITIVE_INFINITY, 0.1, 1)), file);
        assertNotNull(ImageIO.read(file.toFile()));
    }

    @Test
    void ticksAreRoundNumbersCoveringTheRange() {
        assertArrayEquals(new double[] {0, 0.5, 1, 1.5, 2}, Plot.ticks(0.07, 1.93, 5), 1e-12);
        assertArrayEquals(new double[] {0, 5, 10, 15, 20}, Plot.ticks(1, 20, 6), 1e-12);
    }

    @Test
    void metricsLinesRoundTripAndNonFiniteValuesBecomeNull() throws IOException {
        Metrics m = new Metrics(3, 0.25, 0.5, Double.NaN, 0.75, 1.5);
        assertEquals("{\"epoch\":3,\"train_loss\":0.250000,\"train_accuracy\":0.500000,\"test_loss\":null,"
                + "\"test_accuracy\":0.750000,\"seconds\":1.500}", m.toJson());
        m.append(dir);
        new Metrics(4, 0.125, 0.5, 0.5, 0.75, 2).append(dir);
        List<Metrics> back = Metrics.read(dir.resolve(Metrics.FILE));
        assertEquals(2, back.size());
        assertEquals(3, back.get(0).epoch());
        assertTrue(Double.isNaN(back.get(0).testLoss()));
        assertEquals(0.125, back.get(1).trainLoss());
    }
}
