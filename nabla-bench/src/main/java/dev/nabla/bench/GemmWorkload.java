package dev.nabla.bench;

import dev.nabla.Nabla;
import dev.nabla.Tensor;

/**
 * The gemm workload: square float32 {@code a.matmul(b)} for n = 64 .. 2048, as torch_reference.py times
 * {@code a @ b} (a new output each call on both sides). The warm-up runs for a fixed time (2 s for the first size,
 * 0.5 s for the others) rather than PyTorch's 3 calls, because the JIT compiles the kernel during the first calls;
 * the timed part is at least PyTorch's repetition count and at least one second.
 */
final class GemmWorkload {
    static final int[] SIZES = {64, 256, 512, 1024, 2048};
    /** The first size also waits for C2 to compile the GEMM kernel (the Vector API runs boxed until then). */
    private static final long FIRST_WARMUP_NANOS = 2_000_000_000L;
    private static final long WARMUP_NANOS = 500_000_000L;
    private static final long TIMED_NANOS = 1_000_000_000L;

    private GemmWorkload() {}

    static void run(int threads) {
        Nabla.manualSeed(0);
        for (int n : SIZES) {
            Tensor a = Nabla.randn(n, n), b = Nabla.randn(n, n);
            long warmEnd = System.nanoTime() + (n == SIZES[0] ? FIRST_WARMUP_NANOS : WARMUP_NANOS);
            for (int i = 0; i < 3 || System.nanoTime() < warmEnd; i++) a.matmul(b);
            double flops = 2.0 * n * n * n;
            int minReps = (int) Math.max(3, 2e9 / flops);
            int reps = 0;
            long t0 = System.nanoTime(), t;
            do {
                a.matmul(b);
                reps++;
                t = System.nanoTime();
            } while (reps < minReps || t - t0 < TIMED_NANOS);
            double seconds = (t - t0) / 1e9 / reps;
            new JsonLine()
                    .put("system", BenchMain.SYSTEM).put("kernels", BenchMain.kernels())
                    .put("workload", "gemm").put("n", n).put("threads", threads)
                    .put("gflops", JsonLine.round(flops / seconds / 1e9, 2))
                    .print();
        }
    }
}
