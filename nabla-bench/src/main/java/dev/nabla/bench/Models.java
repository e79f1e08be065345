package dev.nabla.bench;

import dev.nabla.nn.BatchNorm2d;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Linear;
import dev.nabla.nn.MaxPool2d;
import dev.nabla.nn.ReLU;
import dev.nabla.nn.Sequential;

/** The two models of the workloads, layer for layer as torch_reference.py builds them. */
public final class Models {
    private Models() {}

    /** The customer's MLP: Flatten, Linear(784, 256), ReLU, Dropout(0.3), Linear(256, 10). */
    public static Sequential seedMlp() {
        return new Sequential(new Flatten(), new Linear(784, 256), new ReLU(), new Dropout(0.3), new Linear(256, 10));
    }

    /** Two conv blocks and a two-layer head, for 1x28x28 images. */
    public static Sequential smallCnn() {
        return new Sequential(
                new Conv2d(1, 32, 3, 1, 1), new ReLU(), new MaxPool2d(2),
                new Conv2d(32, 64, 3, 1, 1), new BatchNorm2d(64), new ReLU(), new MaxPool2d(2),
                new Flatten(), new Linear(64 * 7 * 7, 128), new ReLU(), new Dropout(0.3), new Linear(128, 10));
    }
}
