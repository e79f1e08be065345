package dev.nabla.examples;

import dev.nabla.Tensor;
import dev.nabla.data.Batch;
import dev.nabla.data.DataLoader;
import dev.nabla.data.Datasets;
import dev.nabla.data.Digits;
import dev.nabla.data.Subset;
import dev.nabla.nn.*;
import dev.nabla.optim.SGD;

import java.nio.file.Path;
import java.util.List;

import static dev.nabla.Nabla.*;

/** The README's quickstart: the customer's MLP trained on the embedded digits, evaluated, saved and reloaded. */
public class Quickstart {
    public static double run(Path checkpoint) {
        manualSeed(0);
        List<Subset<Batch>> split = Datasets.randomSplit(Digits.load(), new double[] {0.8, 0.2}, new dev.nabla.Generator(0));
        var train = new DataLoader<>(split.get(0), 64, true);
        var test = new DataLoader<>(split.get(1), 1000);

        Sequential model = new Sequential(new Flatten(), new Linear(64, 256), new ReLU(), new Dropout(0.3), new Linear(256, 10));
        CrossEntropyLoss criterion = new CrossEntropyLoss();
        SGD optimizer = new SGD(model.parameters(), 0.05).momentum(0.9);
        for (int epoch = 0; epoch < 20; epoch++) {
            model.train();
            for (Batch b : train) {
                optimizer.zeroGrad();
                Tensor loss = criterion.forward(model.forward(b.x()), b.y());
                loss.backward();
                optimizer.step();
            }
        }
        long correct = 0, total = 0;
        try (var eval = model.evalMode(); var noGrad = noGrad()) {
            for (Batch b : test) {
                correct += (long) model.forward(b.x()).argmax(1).eq(b.y()).sum().item();
                total += b.size();
            }
        }
        save(model, checkpoint);                       // safetensors, written atomically
        model.loadStateDict(load(checkpoint));          // and read back
        return (double) correct / total;
    }

    public static void main(String[] args) {
        System.out.printf("test accuracy: %.4f%n", run(Path.of(args.length > 0 ? args[0] : "digits-mlp.safetensors")));
    }
}
