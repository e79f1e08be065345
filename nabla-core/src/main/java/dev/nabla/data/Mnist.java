package dev.nabla.data;

import java.nio.file.Path;

/**
 * MNIST handwritten digits (or KMNIST, which uses the same files) from a folder of IDX files
 * ({@code train-images-idx3-ubyte.gz} and so on), images scaled into [0, 1].
 *
 * <pre>{@code
 * TensorDataset train = Mnist.load(Path.of("data/mnist"), true);   // x: [60000, 1, 28, 28], y: [60000]
 * }</pre>
 */
public final class Mnist {
    private Mnist() {}

    public static TensorDataset load(Path folder, boolean train) {
        return MnistFolder.load(folder, train);
    }
}
