package dev.nabla.bench;

import dev.nabla.Nabla;
import dev.nabla.Tensor;
import dev.nabla.nn.Module;

/**
 * The infer workload: the mlp model in eval mode without grad, one {@code [1, 1, 28, 28]} image per call,
 * 1,000 warm-up calls then 20,000 timed ones, as torch_reference.py's infer.
 */
final class InferWorkload {
    static final int WARMUP = 1_000;
    static final int TIMED = 20_000;

    private InferWorkload() {}

    static void run(int threads) {
        Nabla.manualSeed(0);
        Module model = Models.seedMlp();
        model.eval();
        Tensor x = Nabla.randn(1, 1, 28, 28);
        double sink = 0;
        long t0;
        long t1;
        try (var noGrad = Nabla.noGrad()) {
            for (int i = 0; i < WARMUP; i++) sink += model.forward(x).storage().floats()[0];
            t0 = System.nanoTime();
            for (int i = 0; i < TIMED; i++) sink += model.forward(x).storage().floats()[0];
            t1 = System.nanoTime();
        }
        if (Double.isNaN(sink)) System.err.println("(the model produced NaN)");
        new JsonLine()
                .put("system", BenchMain.SYSTEM).put("workload", "infer_mlp_batch1").put("threads", threads)
                .put("latency_us", JsonLine.round((t1 - t0) / 1e3 / TIMED, 2))
                .print();
    }
}
