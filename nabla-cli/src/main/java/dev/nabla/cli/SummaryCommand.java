package dev.nabla.cli;

import dev.nabla.Nabla;
import dev.nabla.Tensor;
import dev.nabla.nn.Module;
import dev.nabla.nn.Sequential;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code nabla summary}: the module tree, each layer's output shape and parameter count. */
@Command(name = "summary", mixinStandardHelpOptions = true, header = "Layers, output shapes and parameter counts of a model.",
        description = "Print a model's layers with output shapes and parameter counts (computed in eval mode, without gradients).")
final class SummaryCommand implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "mlp|logreg|cnn", description = "Architecture (default: ${DEFAULT-VALUE}).", defaultValue = "mlp")
    ModelKind model;

    @Option(names = "--data", paramLabel = "NAME|FOLDER|FILE.csv", description = "Data that fixes input shape and classes (default: ${DEFAULT-VALUE}).",
            defaultValue = "digits")
    String data;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int[] inputShape;
        int classes;
        // The built-in image sets have known shapes: no need to read 60,000 images to print a table.
        switch (data) {
            case "digits" -> {
                inputShape = new int[] {1, 8, 8};
                classes = 10;
            }
            case "fashion-mnist", "mnist" -> {
                inputShape = new int[] {1, 28, 28};
                classes = 10;
            }
            default -> {
                DataChoice d = DataChoice.load(data);
                inputShape = d.inputShape();
                classes = d.classes();
            }
        }
        Sequential net = new ModelSpec(model, inputShape, classes, ModelSpec.DEFAULT_HIDDEN, 1).build();
        out.println(net);
        out.println();
        int[] batchShape = new int[inputShape.length + 1];
        batchShape[0] = 1;
        System.arraycopy(inputShape, 0, batchShape, 1, inputShape.length);
        String rule = "-".repeat(64);
        out.println(rule);
        out.printf(Locale.ROOT, "%-28s %-22s %12s%n", "Layer (type)", "Output Shape", "Param #");
        out.println(rule);
        out.printf(Locale.ROOT, "%-28s %-22s %12s%n", "Input", Arrays.toString(batchShape), "");
        long total = 0, trainable = 0;
        try (var eval = net.evalMode(); var noGrad = Nabla.noGrad()) {
            Tensor x = Nabla.zeros(batchShape);
            var children = net.namedChildren();
            for (var e : children.entrySet()) {
                Module layer = e.getValue();
                x = layer.forward(x);
                long params = 0;
                for (Tensor p : layer.parameters()) {
                    params += p.numel();
                    if (p.requiresGrad()) trainable += p.numel();
                }
                total += params;
                out.printf(Locale.ROOT, "%-28s %-22s %,12d%n", e.getKey() + " " + layer.getClass().getSimpleName(),
                        Arrays.toString(x.shape()), params);
            }
        }
        out.println(rule);
        out.printf(Locale.ROOT, "Total params: %,d%nTrainable params: %,d%nNon-trainable params: %,d%n", total, trainable, total - trainable);
        out.printf(Locale.ROOT, "Parameter size: %.2f KB (float32)%n", total * 4 / 1024.0);
        out.println(rule);
        out.flush();
        return 0;
    }
}
