package dev.nabla.cli;

import dev.nabla.Nabla;
import dev.nabla.Tensor;
import dev.nabla.data.Digits;
import dev.nabla.io.Safetensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** The command run in-process, as a user runs it. */
class CliTest {
    @TempDir
    Path tmp;

    record Result(int status, String out, String err) {}

    static Result nabla(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static double percent(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "no match for " + regex + " in:\n" + text);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void trainWritesCheckpointMetricsAndPlotAndEvalReproducesTheAccuracy() throws IOException {
        Path run = tmp.resolve("run");
        Result r = nabla("train", "--epochs", "2", "--out", run.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("epoch   2/2  train loss"), r.out());
        double trainedAcc = percent(r.out(), "Test accuracy ([0-9.]+)%");
        assertTrue(trainedAcc > 80, "two epochs of the default MLP on digits: " + trainedAcc);

        for (String f : List.of("model.safetensors", "optimizer.safetensors", "metrics.jsonl", "curves.png")) {
            assertTrue(Files.size(run.resolve(f)) > 0, f);
        }
        List<String> metrics = Files.readAllLines(run.resolve("metrics.jsonl"));
        assertEquals(2, metrics.size());
        assertTrue(metrics.get(1).matches("\\{\"epoch\":2,\"train_loss\":[0-9.]+,\"train_accuracy\":[0-9.]+,\"test_loss\":[0-9.]+,"
                + "\"test_accuracy\":[0-9.]+,\"seconds\":[0-9.]+}"), metrics.get(1));
        BufferedImage png = ImageIO.read(run.resolve("curves.png").toFile());
        assertEquals(1040, png.getWidth());
        assertEquals(420, png.getHeight());

        Safetensors.Contents ckpt = Safetensors.load(run.resolve("model.safetensors"));
        assertEquals("mlp", ckpt.metadata().get("nabla.model"));
        assertEquals("1,8,8", ckpt.metadata().get("nabla.input_shape"));
        assertEquals(List.of("1.weight", "1.bias", "4.weight", "4.bias"), List.copyOf(ckpt.tensors().keySet()));
        assertFalse(Safetensors.load(run.resolve("optimizer.safetensors")).tensors().isEmpty(), "momentum buffers are saved");

        Result e = nabla("eval", run.toString());
        assertEquals(0, e.status(), e.err());
        assertEquals(trainedAcc, percent(e.out(), "accuracy ([0-9.]+)%"), 1e-9, e.out());
        assertTrue(e.out().contains("Confusion matrix"), e.out());
        // the rows of the confusion matrix add up to the test split (20% of 1,797)
        assertTrue(e.out().contains("/359)"), e.out());
    }

    @Test
    void resumingContinuesExactlyAndLeavesTheEarlierRunAlone() throws IOException {
        Path straight = tmp.resolve("straight"), first = tmp.resolve("first"), resumed = tmp.resolve("resumed");
        assertEquals(0, nabla("train", "--model", "logreg", "--epochs", "2", "--out", straight.toString()).status());
        assertEquals(0, nabla("train", "--model", "logreg", "--epochs", "1", "--out", first.toString()).status());
        byte[] before = Files.readAllBytes(first.resolve("model.safetensors"));
        Result r = nabla("train", "--epochs", "2", "--resume", first.toString(), "--out", resumed.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("resuming after epoch 1, optimizer state restored"), r.out());
        assertArrayEquals(before, Files.readAllBytes(first.resolve("model.safetensors")));
        assertEquals(2, Files.readAllLines(resumed.resolve("metrics.jsonl")).size());
        Map<String, Tensor> a = Nabla.load(straight.resolve("model.safetensors")), b = Nabla.load(resumed.resolve("model.safetensors"));
        for (String k : a.keySet()) assertTrue(a.get(k).equal(b.get(k)), "1 + 1 epochs equal 2 epochs for " + k);
    }

    @Test
    void userErrorsPrintOneLineExitNonZeroAndTouchNoRun() throws IOException {
        Result bad = nabla("train", "--model", "resnet");
        assertEquals(Main.USAGE_ERROR, bad.status());
        assertEquals("nabla: Invalid value for option '--model': expected one of mlp, logreg, cnn but was 'resnet' (see 'nabla train --help')",
                bad.err().strip());
        assertEquals("", bad.out());

        Path earlier = Files.createDirectories(tmp.resolve("earlier"));
        Files.writeString(earlier.resolve("metrics.jsonl"), "{\"epoch\":1}\n");
        Result exists = nabla("train", "--epochs", "1", "--out", earlier.toString());
        assertEquals(Main.USER_ERROR, exists.status());
        assertEquals(1, exists.err().strip().lines().count(), exists.err());
        assertTrue(exists.err().contains("already exists"), exists.err());
        assertEquals("{\"epoch\":1}\n", Files.readString(earlier.resolve("metrics.jsonl")));

        Result missing = nabla("train", "--data", tmp.resolve("nope.csv").toString(), "--out", tmp.resolve("x").toString());
        assertEquals(Main.USER_ERROR, missing.status());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
        assertFalse(Files.exists(tmp.resolve("x")), "no run folder for a failed start");

        Path ragged = Files.writeString(tmp.resolve("ragged.csv"), "a,b,label\n1,2,0\n3,1\n");
        Result csv = nabla("train", "--data", ragged.toString(), "--out", tmp.resolve("y").toString());
        assertEquals(Main.USER_ERROR, csv.status());
        assertEquals("nabla: " + ragged + ":3: found 2 columns, expected 3 (as on line 1)", csv.err().strip());

        Result noCkpt = nabla("eval", tmp.resolve("missing").toString());
        assertEquals(Main.USER_ERROR, noCkpt.status());
        assertEquals("nabla: checkpoint not found: " + tmp.resolve("missing"), noCkpt.err().strip());

        Path junk = Files.write(tmp.resolve("junk.safetensors"), new byte[] {1, 2, 3});
        Result corrupt = nabla("eval", junk.toString());
        assertEquals(Main.USER_ERROR, corrupt.status());
        assertTrue(corrupt.err().startsWith("nabla: " + junk), corrupt.err());
    }

    @Test
    void trainsOnACsvFileAndPredictsImagesAndRows() throws IOException {
        // A CSV of the digits themselves: 64 pixel columns and a label column named "label".
        var digits = Digits.load();
        float[] x = digits.x().toFloatArray();
        long[] y = digits.y().toLongArray();
        StringBuilder csv = new StringBuilder();
        for (int c = 0; c < 64; c++) csv.append("p").append(c).append(',');
        csv.append("label\n");
        for (int i = 0; i < 600; i++) {
            for (int c = 0; c < 64; c++) csv.append(Math.round(x[i * 64 + c] * 16)).append(',');
            csv.append(y[i]).append('\n');
        }
        Path file = Files.writeString(tmp.resolve("digits.csv"), csv);
        Path run = tmp.resolve("csvrun");
        Result r = nabla("train", "--data", file.toString(), "--epochs", "3", "--optimizer", "adam", "--out", run.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("480 train / 120 test"), r.out());

        Path rows = Files.writeString(tmp.resolve("rows.csv"), csv.toString().lines().limit(3).reduce("", (a, b) -> a + b + "\n"));
        Result p = nabla("predict", run.toString(), rows.toString(), "--top", "2");
        assertEquals(0, p.status(), p.err());
        assertEquals(2, p.out().lines().count(), p.out());
        assertTrue(p.out().lines().allMatch(l -> l.matches(".*rows.csv row [12]: predicted \\d \\([0-9.]+%\\)   \\d [01]\\.\\d{4}  \\d [01]\\.\\d{4}")),
                p.out());

        Result png = nabla("predict", run.toString(), writeDigitPng(0).toString());
        assertEquals(Main.USER_ERROR, png.status(), "a CSV-trained model takes rows, not images");
        assertTrue(png.err().contains("not grayscale images"), png.err());
    }

    @Test
    void predictsAnImageWithTheDigitsModel() throws IOException {
        Path run = tmp.resolve("run");
        assertEquals(0, nabla("train", "--epochs", "3", "--out", run.toString()).status());
        long label = Digits.load().y().toLongArray()[0];
        Result p = nabla("predict", run.toString(), writeDigitPng(0).toString());
        assertEquals(0, p.status(), p.err());
        assertTrue(p.out().contains("digit.png: predicted " + label + " "), p.out());
        String probs = p.out().substring(p.out().indexOf(")") + 1).strip();
        assertEquals(10, probs.split("  ").length, "every class's probability: " + probs);
    }

    @Test
    void summaryListsLayersShapesAndParameters() {
        Result s = nabla("summary");
        assertEquals(0, s.status(), s.err());
        assertTrue(s.out().contains("(3): Dropout(p=0.3, inplace=False)"), s.out());
        assertTrue(s.out().matches("(?s).*1 Linear\\s+\\[1, 256]\\s+16,640.*"), s.out());
        assertTrue(s.out().contains("Total params: 19,210"), s.out());
        Result l = nabla("summary", "--model", "logreg", "--data", "fashion-mnist");
        assertTrue(l.out().contains("Total params: 7,850"), l.out());
        Result c = nabla("summary", "--model", "cnn");
        // The cnn workload's architecture (WORKLOADS.md) on the digits' 8x8 images.
        assertTrue(c.out().matches("(?s).*4 BatchNorm2d\\s+\\[1, 64, 4, 4]\\s+128.*6 MaxPool2d\\s+\\[1, 64, 2, 2]\\s+0"
                + ".*10 Dropout.*Total params: 53,130.*"), c.out());
    }

    @Test
    void theCnnTrainsAndEvaluates() {
        Path run = tmp.resolve("cnn");
        Result r = nabla("train", "--model", "cnn", "--epochs", "1", "--optimizer", "adamw", "--out", run.toString());
        assertEquals(0, r.status(), r.err());
        Result e = nabla("eval", run.toString());
        assertEquals(0, e.status(), e.err());
        assertEquals(percent(r.out(), "Test accuracy ([0-9.]+)%"), percent(e.out(), "accuracy ([0-9.]+)%"), 1e-9);
    }

    /** Example {@code index} of the digits drawn as a 32x32 PNG, dark ink on white paper, as a user would draw it. */
    private Path writeDigitPng(int index) throws IOException {
        float[] px = Digits.load().x().toFloatArray();
        BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        for (int yy = 0; yy < 32; yy++) {
            for (int xx = 0; xx < 32; xx++) {
                int v = 255 - Math.round(255 * px[index * 64 + (yy / 4) * 8 + xx / 4]);
                img.setRGB(xx, yy, (v << 16) | (v << 8) | v);
            }
        }
        Path file = tmp.resolve("digit.png");
        ImageIO.write(img, "png", file.toFile());
        return file;
    }
}
