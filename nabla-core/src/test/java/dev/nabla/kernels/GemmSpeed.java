package dev.nabla.kernels;

import java.util.Arrays;
import java.util.Random;

/**
 * A quick sgemm speed check (not a test, not JMH): median GFLOP/s over several timed batches per shape.
 * Threads come from {@code -Dnabla.threads}; run it once with 1 and once with 2 to compare.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -Dnabla.threads=1 \
 *      -cp nabla-core/target/classes:nabla-core/target/test-classes dev.nabla.kernels.GemmSpeed
 * </pre>
 */
public final class GemmSpeed {
    private static final java.lang.management.ThreadMXBean CPU =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private GemmSpeed() {}

    /** {label, transA, transB, m, n, k} */
    private static final Object[][] SHAPES = {
            {"64^3", false, false, 64, 64, 64},
            {"256^3", false, false, 256, 256, 256},
            {"512^3", false, false, 512, 512, 512},
            {"1024^3", false, false, 1024, 1024, 1024},
            {"MLP fwd x.W^T 64x784.(256x784)^T", false, true, 64, 256, 784},
            {"MLP bwd dX = dY.W 64x256.256x784", false, false, 64, 784, 256},
            {"MLP bwd dW = dY^T.x (64x256)^T.64x784", true, false, 256, 784, 64},
    };

    public static void main(String[] args) {
        Kernels kernels = KernelProvider.get();
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 0.4;
        System.out.printf("kernels=%s threads=%d%n", kernels.name(), Parallel.threads());
        Random r = new Random(1);
        String only = args.length > 1 ? args[1] : "";
        for (Object[] s : SHAPES) {
            if (!((String) s[0]).startsWith(only)) continue;
            boolean ta = (boolean) s[1], tb = (boolean) s[2];
            int m = (int) s[3], n = (int) s[4], k = (int) s[5];
            float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
            for (int i = 0; i < a.length; i++) a[i] = (float) r.nextGaussian();
            for (int i = 0; i < b.length; i++) b[i] = (float) r.nextGaussian();
            int lda = ta ? m : k, ldb = tb ? k : n;
            double flops = 2.0 * m * n * k;
            // Warm up long enough for C2 to compile every kernel variant, then calibrate a batch to ~20 ms.
            long warmEnd = System.nanoTime() + 1_000_000_000L;
            while (System.nanoTime() < warmEnd) kernels.sgemm(ta, tb, m, n, k, a, 0, lda, b, 0, ldb, c, 0, n, false);
            int reps = 1;
            long t;
            while (true) {
                long t0 = System.nanoTime();
                for (int i = 0; i < reps; i++) kernels.sgemm(ta, tb, m, n, k, a, 0, lda, b, 0, ldb, c, 0, n, false);
                t = System.nanoTime() - t0;
                if (t > 20_000_000) break;
                reps *= 2;
            }
            int samples = Math.max(11, (int) (seconds * 1e9 / t));
            double[] gflops = new double[samples];
            double[] cpuGflops = new double[samples];
            for (int sIdx = 0; sIdx < samples; sIdx++) {
                long cpu0 = CPU.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                for (int i = 0; i < reps; i++) kernels.sgemm(ta, tb, m, n, k, a, 0, lda, b, 0, ldb, c, 0, n, false);
                gflops[sIdx] = flops * reps / (System.nanoTime() - t0);
                cpuGflops[sIdx] = flops * reps / (CPU.getCurrentThreadCpuTime() - cpu0);
            }
            Arrays.sort(gflops);
            Arrays.sort(cpuGflops);
            double median = gflops[samples / 2];
            // On a shared machine the wall clock includes time the thread was not running; with one thread the
            // caller's CPU time is the better measure of the kernel (with several it only counts the caller's share).
            System.out.printf("%-40s median %6.1f GFLOP/s (min %6.1f, max %6.1f) %8.1f us/call | per caller CPU %6.1f%n",
                    s[0], median, gflops[0], gflops[samples - 1], flops / median / 1e3, cpuGflops[samples / 2]);
        }
    }
}
