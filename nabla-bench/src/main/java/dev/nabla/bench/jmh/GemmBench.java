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
 * The float32 GEMM kernel on square matrices, C = A B into a preallocated C (the kernel alone: no tensor, no
 * allocation). GFLOP/s = 2 n^3 / time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector"})
public class GemmBench {
    @Param({"64", "256", "512", "1024", "2048"})
    public int n;

    private final Kernels kernels = KernelProvider.get();
    private float[] a;
    private float[] b;
    private float[] c;

    @Setup
    public void setUp() {
        Support.requireVectorKernels();
        a = Support.uniform(n * n, 1);
        b = Support.uniform(n * n, 2);
        c = new float[n * n];
    }

    @Benchmark
    public float[] square() {
        kernels.sgemm(false, false, n, n, n, a, 0, n, b, 0, n, c, 0, n, false);
        return c;
    }
}
