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

import java.util.SplittableRandom;
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
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class GemmBench {
    @Param({"64", "256", "512", "1024", "2048"})
    public int n;

    private final Kernels kernels = KernelProvider.get();
    private float[] a;
    private float[] b;
    private float[] c;

    @Setup
    public void setUp() {
        a = Data.uniform(n * n, 1);
        b = Data.uniform(n * n, 2);
        c = new float[n * n];
    }

    @Benchmark
    public float[] square() {
        kernels.sgemm(false, false, n, n, n, a, 0, n, b, 0, n, c, 0, n, false);
        return c;
    }

    /** Shared random inputs. */
    static final class Data {
        private Data() {}

        static float[] uniform(int size, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            float[] x = new float[size];
            for (int i = 0; i < size; i++) x[i] = (float) (r.nextDouble() * 2 - 1);
            return x;
        }
    }
}
