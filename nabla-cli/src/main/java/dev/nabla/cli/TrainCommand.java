package dev.nabla.cli;

import dev.nabla.Generator;
import dev.nabla.Nabla;
import dev.nabla.Tensor;
import dev.nabla.data.Batch;
import dev.nabla.data.DataLoader;
import dev.nabla.nn.CrossEntropyLoss;
import dev.nabla.nn.Module;
import dev.nabla.optim.Optimizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code nabla train}: trains a classifier and writes a run folder with the checkpoint, the metrics and a plot.
 * With no options: the customer's MLP on the embedded digits, SGD (lr 0.05, momentum 0.9), batch 64, 20 epochs.
 */
@Command(name = "train", mixinStandardHelpOptions = true, header = "Train a classifier; save the checkpoint, metrics and a plot in a run folder.", sortOptions = false,
        description = {"Train a classifier; writes model.safetensors, optimizer.safetensors, metrics.jsonl and curves.png",
                "into a run folder (runs/<timestamp> unless --out is given)."})
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "mlp|logreg|cnn", description = "Architecture (default: mlp, or the one of --resume).")
    ModelKind model;

    @Option(names = "--data", paramLabel = "NAME|FOLDER|FILE.csv",
            description = "digits (embedded, default), fashion-mnist, mnist, a folder of IDX files, or a CSV file.")
    String data;

    @Option(names = "--epochs", description = "Total number of epochs (default: 20 on digits and CSV, 5 on image folders).")
    Integer epochs;

    @Option(names = "--batch-size", description = "Examples per step (default: ${DEFAULT-VALUE}).", defaultValue = "64")
    int batchSize;

    @Option(names = "--lr", description = "Learning rate (default: 0.05 for sgd, 0.001 for adam and adamw).")
    Double lr;

    @Option(names = "--optimizer", paramLabel = "sgd|adam|adamw", description = "Optimizer (default: ${DEFAULT-VALUE}).",
            defaultValue = "sgd")
    OptimizerKind optimizer;

    @Option(names = "--momentum", description = "SGD momentum (default: ${DEFAULT-VALUE}).", defaultValue = "0.9")
    double momentum;

    @Option(names = "--weight-decay", description = "Weight decay (default: 0, or 0.01 for adamw).")
    Double weightDecay;

    @Option(names = "--seed", description = "Seed of initialisation, shuffling and dropout (default: ${DEFAULT-VALUE}).",
            defaultValue = "0")
    long seed;

    @Option(names = "--threads", description = "Worker threads for the math (default: all cores).")
    Integer threads;

    @Option(names = "--out", paramLabel = "FOLDER", description = "Run folder to create (default: runs/<timestamp>); must not exist yet.")
    Path out;

    @Option(names = "--resume", paramLabel = "RUN|CHECKPOINT",
            description = "Continue a run folder (or its model.safetensors) up to --epochs, with the weights, the optimizer state (learning rate included) and the epoch it had; writes a new run folder.")
    Path resume;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (batchSize <= 0) throw new UserError("--batch-size must be positive, got " + batchSize);
        if (epochs != null && epochs <= 0) throw new UserError("--epochs must be positive, got " + epochs);
        if (lr != null && !(lr > 0)) throw new UserError("--lr must be positive, got " + lr);
        if (threads != null) Threads.configure(threads);

        // Everything that can fail on the user's input is checked before the run folder is created.
        RunCheckpoint from = resume == null ? null : RunCheckpoint.load(resume);
        if (from != null && model != null && model != from.spec().kind()) {
            throw new UserError("--model " + model.id() + " does not match the checkpoint being resumed (" + from.spec().kind().id() + ")");
        }
        String dataName = data != null ? data : from != null ? from.data() : "digits";
        DataChoice loaded = DataChoice.load(dataName);
        DataChoice d = from != null ? loaded.rescaledTo(from.spec().inputScale()) : loaded;
        ModelSpec modelSpec = from != null ? from.spec()
                : new ModelSpec(model != null ? model : ModelKind.MLP, d.inputShape(), d.classes(), ModelSpec.DEFAULT_HIDDEN, d.inputScale());
        if (modelSpec.inputFeatures() != java.util.Arrays.stream(d.inputShape()).reduce(1, (a, b) -> a * b) || d.classes() > modelSpec.classes()) {
            throw new UserError("the data " + dataName + " (inputs " + java.util.Arrays.toString(d.inputShape()) + ", " + d.classes()
                    + " classes) does not fit the resumed model (inputs " + java.util.Arrays.toString(modelSpec.inputShape()) + ", "
                    + modelSpec.classes() + " classes)");
        }
        int totalEpochs = epochs != null ? epochs : (d.id().equals("digits") || dataName.endsWith(".csv") ? 20 : 5);
        int startEpoch = from != null ? from.epoch() + 1 : 1;
        if (startEpoch > totalEpochs) {
            throw new UserError("the checkpoint has already trained " + (startEpoch - 1) + " epochs; pass --epochs greater than that to continue");
        }

        Nabla.manualSeed(seed);
        Module net = from != null ? from.buildModel() : modelSpec.build();
        double learningRate = lr != null ? lr : optimizer.defaultLr;
        Optimizer opt = optimizer.create(net.parameters(), learningRate, momentum,
                weightDecay != null ? weightDecay : optimizer.defaultWeightDecay);
        boolean restored = from != null && from.restoreOptimizer(opt, optimizer.id());

        Path runDir = createRunFolder();
        List<Metrics> history = new ArrayList<>();
        if (from != null) {
            for (Metrics m : Metrics.read(from.modelFile().resolveSibling(Metrics.FILE))) {
                if (m.epoch() < startEpoch) {
                    history.add(m);
                    m.append(runDir);
                }
            }
        }
        stdout.printf(Locale.ROOT, "Training %s on %s: %d train / %d test examples, %d classes, %s lr %s, batch %d, %d epochs%s%n",
                modelSpec.kind().id(), d.id(), d.train().size(), d.test().size(), d.classes(), optimizer.id(), learningRate,
                batchSize, totalEpochs, from != null ? " (resuming after epoch " + (startEpoch - 1) + (restored ? ", optimizer state restored" : "") + ")" : "");
        stdout.println("Run folder: " + runDir);

        CrossEntropyLoss criterion = new CrossEntropyLoss();
        boolean bar = ProgressBar.interactive();
        Evaluation last = null;
        for (int epoch = startEpoch; epoch <= totalEpochs; epoch++) {
            long t0 = System.nanoTime();
            // Each epoch's shuffle and dropout streams depend only on (seed, epoch), so a resumed run continues exactly.
            Nabla.manualSeed(seed * 1_000_003L + epoch);
            DataLoader<Batch> loader = DataLoader.builder(d.train()).batchSize(batchSize).shuffle(true)
                    .generator(new Generator(seed * 7919L + epoch)).prefetch(true).build();
            ProgressBar progress = new ProgressBar(stderr, bar, String.format("epoch %d/%d", epoch, totalEpochs), loader.size());
            net.train();
            double lossSum = 0;
            long correct = 0, seen = 0;
            int step = 0;
            for (Batch b : loader) {
                opt.zeroGrad();
                Tensor logits = net.forward(b.x());
                Tensor loss = criterion.forward(logits, b.y());
                loss.backward();
                opt.step();
                double l = loss.item();
                lossSum += l * b.size();
                // Train accuracy is counted on the fly, in training mode (dropout on), as PyTorch loops usually report it.
                correct += logits.detach().argmax(1).eq(b.y()).sum().item();
                seen += b.size();
                progress.update(++step, lossSum / seen, seen);
            }
            progress.finish();
            Evaluation test = Evaluation.of(net, d.test(), d.classes());
            double seconds = (System.nanoTime() - t0) / 1e9;
            Metrics m = new Metrics(epoch, lossSum / seen, (double) correct / seen, test.loss(), test.accuracy(), seconds);
            history.add(m);
            m.append(runDir);
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("nabla.data", dataName);
            meta.put("nabla.epoch", Integer.toString(epoch));
            meta.put("nabla.seed", Long.toString(seed));
            meta.put("nabla.optimizer", optimizer.id());
            meta.put("nabla.test_accuracy", String.format(Locale.ROOT, "%.6f", test.accuracy()));
            meta.put("nabla.class_names", String.join("|", d.classNames()));
            RunCheckpoint.save(runDir, net, modelSpec, meta, opt, optimizer.id());
            try {
                Plot.write(history, runDir.resolve(Plot.FILE));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + runDir.resolve(Plot.FILE) + ": " + e.getMessage(), e);
            }
            stdout.printf(Locale.ROOT, "epoch %3d/%d  train loss %.4f  train acc %6.2f%%  test loss %.4f  test acc %6.2f%%  time %.2fs%n",
                    epoch, totalEpochs, m.trainLoss(), 100 * m.trainAccuracy(), m.testLoss(), 100 * m.testAccuracy(), seconds);
            last = test;
        }
        stdout.printf(Locale.ROOT, "Test accuracy %.2f%% (%d examples). Saved %s, %s, %s and %s in %s%n", 100 * last.accuracy(),
                last.examples(), RunCheckpoint.MODEL_FILE, RunCheckpoint.OPTIMIZER_FILE, Metrics.FILE, Plot.FILE, runDir);
        stdout.println("Evaluate it again with: nabla eval " + runDir);
        return 0;
    }

    private Path createRunFolder() {
        try {
            if (out != null) {
                if (Files.exists(out) && (!Files.isDirectory(out) || hasEntries(out))) {
                    throw new UserError("--out " + out + " already exists" + (Files.isDirectory(out) ? " and is not empty" : "")
                            + "; choose a new folder (earlier runs are never overwritten)");
                }
                return Files.createDirectories(out);
            }
            Path base = Path.of("runs", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            Path dir = base;
            for (int i = 2; Files.exists(dir); i++) dir = Path.of(base + "-" + i);
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the run folder: " + e.getMessage(), e);
        }
    }

    private static boolean hasEntries(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        }
    }
}
