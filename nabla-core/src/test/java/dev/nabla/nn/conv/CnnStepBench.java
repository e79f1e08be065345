package dev.nabla.nn.conv;

import dev.nabla.Nabla;
import dev.nabla.Tensor;
import dev.nabla.nn.CrossEntropyLoss;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.SGD;

/**
 * Measures a training step of the `cnn` workload model (batch 64, SGD lr 0.05 momentum 0.9, cross-entropy) and
 * the eval-mode forward of 1000 images. Not a test: run its main by hand, e.g.
 * {@code java --add-modules jdk.incubator.vector -cp nabla-core/target/classes:nabla-core/target/test-classes
 * dev.nabla.nn.conv.CnnStepBench [steps [evalRounds]]}.
 */
public final class CnnStepBench {
    private CnnStepBench() {}

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Nabla.manualSeed(0);
        Sequential model = CnnModelTest.cnn();
        SGD opt = new SGD(model.parameters(), 0.05).momentum(0.9);
        CrossEntropyLoss lossFn = new CrossEntropyLoss();
        Tensor[] xs = new Tensor[8], ys = new Tensor[8];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = Nabla.rand(64, 1, 28, 28);
            ys[i] = Nabla.randint(0, 10, 64);
        }
        double loss = 0;
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            for (int s = 0; s < steps; s++) {
                opt.zeroGrad();
                Tensor l = lossFn.forward(model.forward(xs[s % xs.length]), ys[s % ys.length]);
                l.backward();
                opt.step();
                loss = l.item();
            }
            double ms = (System.nanoTime() - t0) / 1e6 / steps;
            System.out.printf("round %d: %.2f ms/step (%.1f s per 938-step epoch), loss %.4f%n", round, ms, ms * 938 / 1000, loss);
        }
        int evalRounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Tensor test = Nabla.rand(1000, 1, 28, 28);
        for (int round = 0; round < evalRounds; round++) {
            long t0 = System.nanoTime();
            try (var e = model.evalMode(); var g = Nabla.noGrad()) {
                for (int i = 0; i < 10; i++) model.forward(test);
            }
            System.out.printf("eval of 10k images: %.1f ms%n", (System.nanoTime() - t0) / 1e6);
        }
    }
}
