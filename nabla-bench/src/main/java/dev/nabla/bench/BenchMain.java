package dev.nabla.bench;

import java.util.Locale;

/**
 * Nabla's side of the side-by-side benchmarks against PyTorch (the workloads of the project's
 * {@code bench/WORKLOADS.md}, PyTorch's side being {@code torch_reference.py}): prints one JSON object per result
 * line, with the same fields as the reference script plus, for training, GC time and heap per epoch.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -jar nabla-bench/target/nabla-bench-VERSION.jar mlp --threads 2
 * usage: mlp|cnn|gemm|infer [--threads N] [--epochs N]
 * </pre>
 *
 * <p>{@code --threads N} sets how many threads Nabla's kernels may use (the caller's included), through the
 * {@code nabla.threads} system property that the kernels' pool reads once, when first used: so it is set here
 * before any Nabla class is touched.
 */
public final class BenchMain {
    /** The version printed in the "system" field, as PyTorch's side prints "pytorch 1.13.1". */
    static final String SYSTEM = "nabla 0.1.0";

    private BenchMain() {}

    /**
     * The kernels that ran, for the "kernels" field: "scalar" or "vector-" and the vector width in bits (the GEMM's
     * register tile follows it), since the ratios depend on the CPU (BENCHMARKS.md has runs on two hosts).
     */
    static String kernels() {
        return dev.nabla.kernels.KernelProvider.get().name();
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("nabla bench: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(Options.USAGE);
            return;
        }
        System.setProperty("nabla.threads", Integer.toString(options.threads()));
        Locale.setDefault(Locale.ROOT);
        switch (options.workload()) {
            case "mlp" -> TrainEval.run("mlp", Models::seedMlp, options.threads(), options.epochs());
            case "cnn" -> TrainEval.run("cnn", Models::smallCnn, options.threads(), options.epochs());
            case "gemm" -> GemmWorkload.run(options.threads());
            case "infer" -> InferWorkload.run(options.threads());
            default -> throw new IllegalStateException(options.workload());
        }
    }
}
