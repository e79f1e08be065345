package dev.nabla.bench.jmh;

import dev.nabla.kernels.KernelProvider;
import dev.nabla.kernels.Kernels;
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
 * The GEMMs of one training step of the seed MLP (batch 64, 784 -> 256 -> 10), with the operands laid out as
 * Linear's forward and backward hand them to the kernel: the weight W is {@code [out, in]} row-major and read
 * transposed in place.
 * <ul>
 *   <li>{@code fc1_fwd}: x W1^T, 64x784 times (256x784)^T (m x k x n = 64x784x256, B transposed);</li>
 *   <li>{@code fc1_gradW}: g^T x, (64x256)^T times 64x784 (256x64x784, A transposed);</li>
 *   <li>{@code fc1_gradX}: g W1, 64x256 times 256x784 (64x256x784);</li>
 *   <li>{@code fc2_fwd}: h W2^T (64x256x10), {@code fc2_gradW}: g^T h (10x64x256), {@code fc2_gradX}: g W2
 *       (64x10x256).</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector"})
public class MlpGemmBench {
    /** name: m x k x n, and which operand the kernel reads transposed (N: none, A or B). */
    @Param({"fc1_fwd", "fc1_gradW", "fc1_gradX", "fc2_fwd", "fc2_gradW", "fc2_gradX"})
    public String shape;

    private final Kernels kernels = KernelProvider.get();
    private int m;
    private int n;
    private int k;
    private boolean transA;
    private boolean transB;
    private float[] a;
    private float[] b;
    private float[] c;

    @Setup
    public void setUp() {
        Support.requireVectorKernels();
        int[] mkn = switch (shape) {
            case "fc1_fwd" -> new int[] {64, 784, 256};
            case "fc1_gradW" -> new int[] {256, 64, 784};
            case "fc1_gradX" -> new int[] {64, 256, 784};
            case "fc2_fwd" -> new int[] {64, 256, 10};
            case "fc2_gradW" -> new int[] {10, 64, 256};
            case "fc2_gradX" -> new int[] {64, 10, 256};
            default -> throw new IllegalArgumentException(shape);
        };
        m = mkn[0];
        k = mkn[1];
        n = mkn[2];
        transA = shape.endsWith("gradW");
        transB = shape.endsWith("fwd");
        a = Support.uniform(m * k, 1);
        b = Support.uniform(k * n, 2);
        c = new float[m * n];
    }

    @Benchmark
    public float[] gemm() {
        // Leading dimensions of the stored (untransposed) arrays: A is k x m when read transposed, B is n x k.
        kernels.sgemm(transA, transB, m, n, k, a, 0, transA ? m : k, b, 0, transB ? k : n, c, 0, n, false);
        return c;
    }
}
