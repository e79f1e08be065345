package dev.nabla.bench.jmh;

import dev.nabla.Nabla;
import dev.nabla.Tensor;
import dev.nabla.bench.Models;
import dev.nabla.nn.Conv2d;
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
 * The cnn workload at a batch of 64: one full training step (zero_grad, forward in train mode, cross-entropy,
 * backward, SGD momentum step), and its second convolution alone (32 -> 64 channels, 3x3 "same" on 14x14 maps),
 * forward, and forward plus backward (input, weight and bias gradients). The second convolution is about 60% of the
 * step on an AVX2 host; these separate its cost from the rest when trying another way to compute it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector"})
public class CnnBench {
    private Module model;
    private SGD optimizer;
    private final CrossEntropyLoss criterion = new CrossEntropyLoss();
    private Tensor x;
    private Tensor y;
    private Conv2d conv2;
    private Tensor maps;
    private Tensor mapsGrad;

    @Setup
    public void setUp() {
        Support.requireVectorKernels();
        Nabla.manualSeed(0);
        model = Models.smallCnn();
        model.train();
        optimizer = new SGD(model.parameters(), 0.05).momentum(0.9);
        // Fashion-MNIST-like inputs in [0, 1); the values do not change the amount of work.
        x = Nabla.rand(64, 1, 28, 28);
        y = Nabla.randint(0, 10, 64);
        conv2 = new Conv2d(32, 64, 3, 1, 1);
        maps = Nabla.randn(64, 32, 14, 14).requiresGrad(true);
        mapsGrad = Nabla.randn(64, 64, 14, 14);
    }

    @Benchmark
    public Tensor cnnTrainStep() {
        return Support.trainStep(model, optimizer, criterion, x, y);
    }

    @Benchmark
    public Tensor conv2Forward() {
        try (var noGrad = Nabla.noGrad()) {
            return conv2.forward(maps);
        }
    }

    @Benchmark
    public Tensor conv2ForwardBackward() {
        conv2.zeroGrad();
        maps.setGrad(null);
        Tensor out = conv2.forward(maps);
        out.backward(mapsGrad);
        return maps.grad();
    }
}
