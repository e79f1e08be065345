package dev.nabla.bench.jmh;

import dev.nabla.Nabla;
import dev.nabla.Tensor;
import dev.nabla.bench.Models;
import dev.nabla.nn.CrossEntropyLoss;
import dev.nabla.nn.Module;
import dev.nabla.optim.SGD;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * One full training step of the seed MLP on a batch of 64 (zero_grad, forward with dropout, cross-entropy,
 * backward, SGD momentum step), and one single-image inference in eval mode without grad (the infer workload).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector"})
public class TrainStepBench {
    private Module model;
    private Module evalModel;
    private SGD optimizer;
    private final CrossEntropyLoss criterion = new CrossEntropyLoss();
    private Tensor x;
    private Tensor y;
    private Tensor image;

    @Setup
    public void setUp() {
        Support.requireVectorKernels();
        Nabla.manualSeed(0);
        model = Models.seedMlp();
        model.train();
        optimizer = new SGD(model.parameters(), 0.05).momentum(0.9);
        // Fashion-MNIST-like inputs in [0, 1); the values do not change the amount of work.
        x = Nabla.rand(64, 1, 28, 28);
        y = Nabla.randint(0, 10, 64);
        evalModel = Models.seedMlp();
        evalModel.eval();
        image = Nabla.rand(1, 1, 28, 28);
    }

    @Benchmark
    public Tensor mlpTrainStep() {
        return Support.trainStep(model, optimizer, criterion, x, y);
    }

    @Benchmark
    public Tensor mlpInferOneImage() {
        try (var noGrad = Nabla.noGrad()) {
            return evalModel.forward(image);
        }
    }
}
