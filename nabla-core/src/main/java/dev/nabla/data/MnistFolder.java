package dev.nabla.data;

import dev.nabla.Tensor;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads a folder of MNIST-style IDX files ({@code train-images-idx3-ubyte.gz}, {@code train-labels-idx1-ubyte.gz},
 * {@code t10k-images-idx3-ubyte.gz}, {@code t10k-labels-idx1-ubyte.gz}, gzipped or not, also with the
 * {@code .idx3-ubyte} spelling): MNIST, Fashion-MNIST and KMNIST share this layout.
 */
public final class MnistFolder {
    private MnistFolder() {}

    /** Images as {@code [N, 1, H, W]} float32 in [0, 1] (bytes / 255) and labels as {@code [N]} int64. */
    public static TensorDataset load(Path folder, boolean train) {
        if (!Files.isDirectory(folder)) {
            throw new DataFormatException("dataset folder not found: " + folder);
        }
        String split = train ? "train" : "t10k";
        Path imagesFile = find(folder, split, "images", "idx3");
        Path labelsFile = find(folder, split, "labels", "idx1");
        IdxReader.IdxData images = IdxReader.read(imagesFile, IdxReader.IMAGES_MAGIC);
        IdxReader.IdxData labels = IdxReader.read(labelsFile, IdxReader.LABELS_MAGIC);
        if (images.shape()[0] != labels.shape()[0]) {
            throw new DataFormatException(imagesFile + " holds " + images.shape()[0] + " images but " + labelsFile + " holds "
                    + labels.shape()[0] + " labels");
        }
        int[] s = images.shape();
        Tensor x = images.toFloatTensor(255).reshape(s[0], 1, s[1], s[2]);
        return new TensorDataset(x, labels.toLongTensor());
    }

    /** Whether {@code folder} holds the files of the given split. */
    public static boolean looksLikeMnist(Path folder) {
        try {
            find(folder, "train", "images", "idx3");
            return true;
        } catch (DataFormatException e) {
            return false;
        }
    }

    private static Path find(Path folder, String split, String kind, String idx) {
        for (String name : new String[] {split + "-" + kind + "-" + idx + "-ubyte", split + "-" + kind + "." + idx + "-ubyte"}) {
            for (String suffix : new String[] {".gz", ""}) {
                Path p = folder.resolve(name + suffix);
                if (Files.isRegularFile(p)) return p;
            }
        }
        throw new DataFormatException("no " + split + " " + kind + " in " + folder + ": expected a file named " + split + "-" + kind
                + "-" + idx + "-ubyte or " + split + "-" + kind + "-" + idx + "-ubyte.gz");
    }
}
