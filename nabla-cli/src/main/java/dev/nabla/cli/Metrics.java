package dev.nabla.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One line of {@code metrics.jsonl} per epoch. */
record Metrics(int epoch, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy, double seconds) {
    static final String FILE = "metrics.jsonl";

    String toJson() {
        return "{\"epoch\":" + epoch + ",\"train_loss\":" + num(trainLoss) + ",\"train_accuracy\":" + num(trainAccuracy)
                + ",\"test_loss\":" + num(testLoss) + ",\"test_accuracy\":" + num(testAccuracy) + ",\"seconds\":"
                + String.format(Locale.ROOT, "%.3f", seconds) + "}";
    }

    /** JSON has no NaN: a diverged loss is written as null (and read back as NaN). */
    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6f", v) : "null";
    }

    void append(Path runDir) {
        try {
            Files.writeString(runDir.resolve(FILE), toJson() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + runDir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":(-?[0-9.eE+-]+)");

    /** Reads the lines {@link #toJson()} wrote (used to continue the curves of a resumed run). */
    static List<Metrics> read(Path file) {
        List<Metrics> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) return out;
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) continue;
                java.util.Map<String, Double> v = new java.util.HashMap<>();
                Matcher m = FIELD.matcher(line);
                while (m.find()) v.put(m.group(1), Double.parseDouble(m.group(2)));
                out.add(new Metrics(v.getOrDefault("epoch", 0.0).intValue(), v.getOrDefault("train_loss", Double.NaN),
                        v.getOrDefault("train_accuracy", Double.NaN), v.getOrDefault("test_loss", Double.NaN),
                        v.getOrDefault("test_accuracy", Double.NaN), v.getOrDefault("seconds", 0.0)));
            }
        } catch (IOException | NumberFormatException e) {
            throw new UserError("cannot read metrics from " + file + ": " + e.getMessage(), e);
        }
        return out;
    }
}
