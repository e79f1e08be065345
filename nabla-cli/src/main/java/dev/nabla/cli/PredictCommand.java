package dev.nabla.cli;

import dev.nabla.Nabla;
import dev.nabla.Tensor;
import dev.nabla.data.CsvReader;
import dev.nabla.nn.Module;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

/** {@code nabla predict}: class probabilities for images or CSV rows. */
@Command(name = "predict", mixinStandardHelpOptions = true, header = "Class probabilities for image files or CSV rows.",
        description = {"Print class probabilities for image files (PNG, JPEG: converted to grayscale and resized to the",
                "model's input) or for the rows of CSV files (the model's number of features, optionally followed by a label)."})
final class PredictCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CHECKPOINT", description = "A run folder or its model.safetensors.")
    Path checkpoint;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "INPUT", description = "Image files or CSV files.")
    List<Path> inputs;

    @Option(names = "--top", description = "How many classes to show per input (default: all).")
    Integer top;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RunCheckpoint ckpt = RunCheckpoint.load(checkpoint);
        ModelSpec s = ckpt.spec();
        String names = ckpt.metadata().get("nabla.class_names");
        List<String> classNames = names != null ? List.of(names.split("\\|"))
                : IntStream.range(0, s.classes()).mapToObj(Integer::toString).toList();
        // Read every input first, so that a bad one fails before any output.
        List<String> labels = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        int features = s.inputFeatures();
        for (Path input : inputs) {
            if (ImageInput.isImage(input)) {
                int[] shape = s.inputShape();
                if (shape.length != 3 || shape[0] != 1) {
                    throw new UserError("the model takes inputs of shape " + Arrays.toString(shape) + ", not grayscale images; "
                            + "give it CSV rows of " + features + " values");
                }
                labels.add(input.toString());
                rows.add(ImageInput.read(input, shape[1], shape[2]));
            } else {
                readCsv(input, features, s.inputScale(), labels, rows);
            }
        }
        float[] flat = new float[rows.size() * features];
        for (int i = 0; i < rows.size(); i++) System.arraycopy(rows.get(i), 0, flat, i * features, features);
        int[] shape = new int[s.inputShape().length + 1];
        shape[0] = rows.size();
        System.arraycopy(s.inputShape(), 0, shape, 1, s.inputShape().length);
        Module model = ckpt.buildModel();
        double[] probs;
        try (var eval = model.evalMode(); var noGrad = Nabla.noGrad()) {
            Tensor logits = model.forward(Nabla.tensor(flat, shape));
            probs = logits.softmax(1).toDoubleArray();
        }
        int k = s.classes(), show = top == null ? k : Math.max(1, Math.min(top, k));
        for (int i = 0; i < rows.size(); i++) {
            final int row = i;
            Integer[] order = IntStream.range(0, k).boxed().toArray(Integer[]::new);
            Arrays.sort(order, Comparator.comparingDouble(c -> -probs[row * k + c]));
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < show; j++) {
                int c = order[j];
                sb.append(j == 0 ? "" : "  ").append(String.format(Locale.ROOT, "%s %.4f", name(classNames, c), probs[row * k + c]));
            }
            out.printf(Locale.ROOT, "%s: predicted %s (%.1f%%)   %s%n", labels.get(i), name(classNames, order[0]),
                    100 * probs[row * k + order[0]], sb);
        }
        out.flush();
        return 0;
    }

    private static String name(List<String> names, int c) {
        return c < names.size() ? names.get(c) : Integer.toString(c);
    }

    private static void readCsv(Path file, int features, double scale, List<String> labels, List<float[]> rows) {
        CsvReader.CsvData d = new CsvReader().read(file);
        int cols = d.features().size(1);
        if (cols != features && cols != features + 1) {
            throw new UserError(file + " has " + cols + " columns per row but the model takes " + features
                    + " features (optionally followed by a label column)");
        }
        float[] all = d.features().toFloatArray();
        for (int r = 0; r < d.rows(); r++) {
            float[] row = new float[features];
            for (int c = 0; c < features; c++) row[c] = (float) (all[r * cols + c] / scale);
            rows.add(row);
            labels.add(file + " row " + (r + 1));
        }
    }
}
