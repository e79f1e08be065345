package dev.nabla.cli;

import dev.nabla.nn.Module;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code nabla eval}: the test accuracy and confusion matrix of a saved model. */
@Command(name = "eval", mixinStandardHelpOptions = true, header = "Accuracy and confusion matrix of a checkpoint on test data.",
        description = "Evaluate a checkpoint on the test split of its data (or of --data): accuracy and confusion matrix.")
final class EvalCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CHECKPOINT", description = "A run folder or its model.safetensors.")
    Path checkpoint;

    @Option(names = "--data", paramLabel = "NAME|FOLDER|FILE.csv", description = "Data to evaluate on (default: the data it was trained on).")
    String data;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RunCheckpoint ckpt = RunCheckpoint.load(checkpoint);
        String dataName = data != null ? data : ckpt.data();
        ModelSpec s = ckpt.spec();
        DataChoice d = DataChoice.load(dataName).rescaledTo(s.inputScale());
        if (!Arrays.equals(d.inputShape(), s.inputShape()) && Arrays.stream(d.inputShape()).reduce(1, (a, b) -> a * b) != s.inputFeatures()) {
            throw new UserError(dataName + " has inputs of shape " + Arrays.toString(d.inputShape()) + " but the model takes "
                    + Arrays.toString(s.inputShape()));
        }
        if (d.classes() > s.classes()) {
            throw new UserError(dataName + " has " + d.classes() + " classes but the model predicts " + s.classes());
        }
        Module model = ckpt.buildModel();
        Evaluation e = Evaluation.of(model, d.test(), s.classes());
        out.printf(Locale.ROOT, "%s (%s, epoch %s) on %s test split: accuracy %.2f%% (%d/%d), loss %.4f%n", ckpt.modelFile(),
                s.kind().id(), ckpt.metadata().getOrDefault("nabla.epoch", "?"), d.id(), 100 * e.accuracy(),
                Math.round(e.accuracy() * e.examples()), e.examples(), e.loss());
        String names = ckpt.metadata().get("nabla.class_names");
        e.printConfusion(out, names != null ? List.of(names.split("\\|")) : d.classNames());
        out.flush();
        return 0;
    }
}
