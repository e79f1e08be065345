package dev.nabla.bench.jmh;

import dev.nabla.Nabla;
import dev.nabla.Tensor;
import dev.nabla.kernels.BinaryOp;
import dev.nabla.kernels.KernelProvider;
import dev.nabla.kernels.Kernels;
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
 * The elementwise ops of the MLP's hidden layer (64 x 256) through the tensor API (op overhead included: shape
 * checks, allocation of the result; inputs that need no grad, so nothing is recorded), ReLU forward and backward
 * through autograd, and the bare ReLU-backward kernel for comparison.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector"})
public class ElementwiseBench {
    private Tensor x;
    private Tensor y;
    private Tensor bias;
    private Tensor leaf;
    private Tensor gradOut;
    private final Kernels kernels = KernelProvider.get();
    private float[] g;
    private float[] out;
    private float[] o;

    @Setup
    public void setUp() {
        Support.requireVectorKernels();
        Nabla.manualSeed(0);
        x = Nabla.randn(64, 256);
        y = Nabla.randn(64, 256);
        bias = Nabla.randn(256);
        g = x.toFloatArray();
        out = y.relu().toFloatArray();
        o = new float[64 * 256];
        leaf = Nabla.randn(64, 256).requiresGrad(true);
        gradOut = Nabla.randn(64, 256);
    }

    /** x + bias, the bias broadcast over the 64 rows (Linear's bias add). */
    @Benchmark
    public Tensor addRowBroadcast() {
        return x.add(bias);
    }

    /** x + y, same shapes. */
    @Benchmark
    public Tensor add() {
        return x.add(y);
    }

    @Benchmark
    public Tensor relu() {
        return x.relu();
    }

    /** relu forward and backward through autograd (graph recording, the engine, the gradient accumulation). */
    @Benchmark
    public Tensor reluForwardBackward() {
        leaf.setGrad(null);
        leaf.relu().backward(gradOut);
        return leaf.grad();
    }

    /** ReLU's backward, the kernel alone. */
    @Benchmark
    public float[] reluBackwardKernel() {
        kernels.binary(BinaryOp.RELU_BACKWARD, g, 0, out, 0, o, 0, o.length);
        return o;
    }
}
