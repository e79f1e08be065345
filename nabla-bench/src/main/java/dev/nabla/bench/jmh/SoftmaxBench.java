package dev.nabla.bench.jmh;

import dev.nabla.Nabla;
import dev.nabla.Tensor;
import dev.nabla.nn.functional.F;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * softmax and logSoftmax over 10 classes for a training batch (64) and an eval batch (1000), and cross-entropy
 * forward plus backward on the training batch's logits.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector"})
public class SoftmaxBench {
    @Param({"64", "1000"})
    public int rows;

    private Tensor logits;
    private Tensor leaf;
    private Tensor labels;

    @Setup
    public void setUp() {
        Support.requireVectorKernels();
        Nabla.manualSeed(0);
        logits = Nabla.randn(rows, 10);
        leaf = Nabla.randn(rows, 10).requiresGrad(true);
        labels = Nabla.randint(0, 10, rows);
    }

    @Benchmark
    public Tensor softmax() {
        return logits.softmax(1);
    }

    @Benchmark
    public Tensor logSoftmax() {
        return logits.logSoftmax(1);
    }

    /** F.crossEntropy (mean over the batch) and its backward into the logits. */
    @Benchmark
    public Tensor crossEntropyForwardBackward() {
        leaf.setGrad(null);
        F.crossEntropy(leaf, labels).backward();
        return leaf.grad();
    }
}
