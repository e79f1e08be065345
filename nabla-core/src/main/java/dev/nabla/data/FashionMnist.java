package dev.nabla.data;

import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (70,000 28x28 grayscale images of clothing, 10 classes) from its IDX files. By default they are
 * read where Debian's {@code dataset-fashion-mnist} package installs them ({@code apt-get install
 * dataset-fashion-mnist}); any folder with the four files works.
 *
 * <pre>{@code
 * TensorDataset train = FashionMnist.load(true);   // x: [60000, 1, 28, 28] in [0, 1], y: [60000]
 * TensorDataset test = FashionMnist.load(Path.of("data/fashion"), false);
 * }</pre>
 */
public final class FashionMnist {
    /** The folder of Debian's {@code dataset-fashion-mnist} package. */
    public static final Path DEBIAN_FOLDER = Path.of("/usr/share/datasets/fashion-mnist");
    /** The class names, by label. */
    public static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
            "Shirt", "Sneaker", "Bag", "Ankle boot");

    private FashionMnist() {}

    /** The training (60,000) or test (10,000) split from {@link #DEBIAN_FOLDER}. */
    public static TensorDataset load(boolean train) {
        return load(DEBIAN_FOLDER, train);
    }

    public static TensorDataset load(Path folder, boolean train) {
        return MnistFolder.load(folder, train);
    }
}
