package dev.nabla.bench;

import dev.nabla.Nabla;
import dev.nabla.Tensor;
import dev.nabla.nn.Module;

/**
 * The infer workload: the mlp model in eval mode without grad, one {@code [1, 1, 28, 28]} image per call,
 * 1,000 warm-up calls then 20,000 timed ones, as torch_reference.py's infer ({@code latency_us}).
 *
 * <p>A JVM compiles the path while those calls run (20,000 calls take a fraction of a second, about what C2 needs
 * to compile the ops it has seen), so {@code latency_us} includes part of that warm-up. The same 20,000 calls are
 * then timed again after the calls have run for {@value #STEADY_AFTER_SECONDS} s in all:
 * {@code latency_us_steady}, the latency of a long-running process.
 */
final class InferWorkload {
    static final int WARMUP = 1_000;
    static final int TIMED = 20_000;
    static final int STEADY_AFTER_SECONDS = 3;

    private InferWorkload() {}

    static void run(int threads) {
        Nabla.manualSeed(0);
        Module model = Models.seedMlp();
        model.eval();
        Tensor x = Nabla.randn(1, 1, 28, 28);
        double sink = 0;
        double coldUs;
        double steadyUs;
        try (var noGrad = Nabla.noGrad()) {
            long start = System.nanoTime();
            for (int i = 0; i < WARMUP; i++) sink += model.forward(x).storage().floats()[0];
            long t0 = System.nanoTime();
            for (int i = 0; i < TIMED; i++) sink += model.forward(x).storage().floats()[0];
            coldUs = (System.nanoTime() - t0) / 1e3 / TIMED;
            while (System.nanoTime() - start < STEADY_AFTER_SECONDS * 1_000_000_000L) {
                sink += model.forward(x).storage().floats()[0];
            }
            t0 = System.nanoTime();
            for (int i = 0; i < TIMED; i++) sink += model.forward(x).storage().floats()[0];
            steadyUs = (System.nanoTime() - t0) / 1e3 / TIMED;
        }
        if (Double.isNaN(sink)) System.err.println("(the model produced NaN)");
        new JsonLine()
                .put("system", BenchMain.SYSTEM).put("kernels", BenchMain.kernels())
                .put("workload", "infer_mlp_batch1").put("threads", threads)
                .put("latency_us", JsonLine.round(coldUs, 2))
                .put("latency_us_steady", JsonLine.round(steadyUs, 2))
                .print();
    }
}
