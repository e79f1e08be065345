package dev.nabla.cli;

import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.data.CsvReader;
import dev.nabla.data.Datasets;
import dev.nabla.data.Digits;
import dev.nabla.data.FashionMnist;
import dev.nabla.data.MnistFolder;
import dev.nabla.data.Subset;
import dev.nabla.data.TensorDataset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What {@code --data} names: {@code digits} (embedded), {@code fashion-mnist} (Debian's package folder),
 * {@code mnist} (./data/mnist), a folder of MNIST-style IDX files, or a CSV file (label column named
 * {@code label}/{@code target}/{@code class}/{@code y}, else the last one). Datasets without a test split of their
 * own (digits, CSV) are split 80/20 with a fixed seed, so that {@code eval} sees the same test examples as
 * {@code train} did.
 */
record DataChoice(String id, TensorDataset train, TensorDataset test, int[] inputShape, int classes, double inputScale,
                  List<String> classNames) {
    /** The seed of the held-out split: fixed, independent of --seed. */
    static final long SPLIT_SEED = 42;
    static final double TEST_FRACTION = 0.2;

    static DataChoice load(String data) {
        return switch (data) {
            case "digits" -> {
                TensorDataset all = Digits.load();
                yield split("digits", all, Digits.CLASSES, 16, digitNames());
            }
            case "fashion-mnist" -> {
                if (!Files.isDirectory(FashionMnist.DEBIAN_FOLDER)) {
                    throw new UserError("Fashion-MNIST not found in " + FashionMnist.DEBIAN_FOLDER
                            + ": install Debian's dataset-fashion-mnist package, or pass --data <folder with the IDX files>");
                }
                yield idx("fashion-mnist", FashionMnist.DEBIAN_FOLDER, FashionMnist.CLASSES);
            }
            case "mnist" -> {
                Path folder = Path.of("data", "mnist");
                if (!Files.isDirectory(folder)) {
                    throw new UserError("MNIST not found in " + folder.toAbsolutePath() + ": put train-images-idx3-ubyte.gz and the "
                            + "other three files there, or pass --data <folder>");
                }
                yield idx("mnist", folder, digitNames());
            }
            default -> {
                Path p = Path.of(data);
                if (Files.isDirectory(p)) yield idx(p.toString(), p, null);
                if (Files.isRegularFile(p)) yield csv(p);
                throw new UserError("--data '" + data + "' is neither digits, fashion-mnist, mnist, a folder nor a file: "
                        + (p.getParent() != null && !Files.isDirectory(p.getParent()) ? "no folder " + p.getParent() : "no such file"));
            }
        };
    }

    /**
     * The same data scaled as a model trained with {@code scale} expects (a CSV file's scale comes from its own
     * largest value, so another file needs the checkpoint's scale instead).
     */
    DataChoice rescaledTo(double scale) {
        if (scale == inputScale) return this;
        double f = inputScale / scale;
        return new DataChoice(id, new TensorDataset(train.x().mul(f), train.y()), new TensorDataset(test.x().mul(f), test.y()),
                inputShape, classes, scale, classNames);
    }

    private static List<String> digitNames() {
        return IntStream.range(0, 10).mapToObj(Integer::toString).toList();
    }

    private static DataChoice idx(String id, Path folder, List<String> names) {
        TensorDataset train = MnistFolder.load(folder, true), test = MnistFolder.load(folder, false);
        int classes = Math.max(maxLabel(train.y()), maxLabel(test.y())) + 1;
        int[] shape = train.x().shape();
        return new DataChoice(id, train, test, java.util.Arrays.copyOfRange(shape, 1, shape.length), classes, 255,
                names != null ? names : IntStream.range(0, classes).mapToObj(Integer::toString).toList());
    }

    private static DataChoice csv(Path file) {
        CsvReader.CsvData d = new CsvReader().labelColumnAuto().read(file);
        if (d.features().size(1) == 0) throw new UserError(file + " has only a label column, no features");
        long[] labels = d.labels().toLongArray();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new UserError(file + ": labels must be class indices 0, 1, 2, ...; data row " + (i + 1) + " has " + labels[i]);
            }
        }
        // Features are scaled by their largest magnitude so that SGD's default step suits any units.
        double scale = 0;
        for (float v : d.features().toFloatArray()) scale = Math.max(scale, Math.abs(v));
        if (scale == 0) scale = 1;
        TensorDataset all = new TensorDataset(d.features().div(scale), d.labels());
        int classes = maxLabel(d.labels()) + 1;
        if (classes < 2) throw new UserError(file + ": the label column holds a single class; classification needs at least two");
        return split(file.toString(), all, classes, scale, IntStream.range(0, classes).mapToObj(Integer::toString).toList());
    }

    private static DataChoice split(String id, TensorDataset all, int classes, double scale, List<String> names) {
        List<Subset<dev.nabla.data.Batch>> parts = Datasets.randomSplit(all, new double[] {1 - TEST_FRACTION, TEST_FRACTION},
                new Generator(SPLIT_SEED));
        int[] shape = all.x().shape();
        return new DataChoice(id, materialise(all, parts.get(0)), materialise(all, parts.get(1)),
                java.util.Arrays.copyOfRange(shape, 1, shape.length), classes, scale, names);
    }

    private static TensorDataset materialise(TensorDataset all, Subset<dev.nabla.data.Batch> part) {
        var b = all.batch(part.indices());
        return new TensorDataset(b.x(), b.y());
    }

    private static int maxLabel(Tensor y) {
        long max = -1;
        for (long v : y.toLongArray()) max = Math.max(max, v);
        return (int) max;
    }
}
