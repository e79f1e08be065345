package dev.nabla.bench.jmh;

import dev.nabla.Tensor;
import dev.nabla.kernels.KernelProvider;
import dev.nabla.nn.CrossEntropyLoss;
import dev.nabla.nn.Module;
import dev.nabla.optim.SGD;

import java.util.SplittableRandom;

/** What the benchmarks share: random inputs, and the check that the fork measures the kernels it means to. */
final class Support {
    private Support() {}

    static float[] uniform(int size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[size];
        for (int i = 0; i < size; i++) x[i] = (float) (r.nextDouble() * 2 - 1);
        return x;
    }

    /**
     * Fails the benchmark when the forked JVM runs the scalar kernels without having asked for them: that happens
     * when {@code --add-modules jdk.incubator.vector} is missing (a command-line {@code -jvmArgs} replaces the
     * annotation's), and would silently measure code 20-50x slower.
     */
    static void requireVectorKernels() {
        String name = KernelProvider.get().name();
        if (name.startsWith("scalar") && !"scalar".equals(System.getProperty("nabla.kernels"))) {
            throw new IllegalStateException("the forked JVM runs Nabla's scalar kernels: give it --add-modules "
                    + "jdk.incubator.vector (or -Dnabla.kernels=scalar to measure them on purpose)");
        }
    }

    /** One training step as the workloads run it: zero_grad, forward, cross-entropy, backward, SGD step. */
    static Tensor trainStep(Module model, SGD optimizer, CrossEntropyLoss criterion, Tensor x, Tensor y) {
        optimizer.zeroGrad();
        Tensor loss = criterion.forward(model.forward(x), y);
        loss.backward();
        optimizer.step();
        return loss;
    }
}
