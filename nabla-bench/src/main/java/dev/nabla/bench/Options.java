package dev.nabla.bench;

import java.util.List;

/** The command line of {@link BenchMain}: a workload and two optional integers, as torch_reference.py takes them. */
record Options(String workload, int threads, int epochs, boolean help) {
    static final List<String> WORKLOADS = List.of("mlp", "cnn", "gemm", "infer");
    static final String USAGE = "usage: nabla bench {mlp,cnn,gemm,infer} [--threads N] [--epochs N]\n"
            + "  --threads N  threads Nabla's kernels may use, the caller's included (default: the available cores)\n"
            + "  --epochs N   training epochs for mlp and cnn (default 1)";

    static Options parse(String[] args) {
        String workload = null;
        int threads = Runtime.getRuntime().availableProcessors();
        int epochs = 1;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> {
                    return new Options(null, threads, epochs, true);
                }
                case "--threads" -> threads = positive(a, value(args, ++i, a));
                case "--epochs" -> epochs = positive(a, value(args, ++i, a));
                default -> {
                    if (a.startsWith("--threads=")) threads = positive("--threads", a.substring(10));
                    else if (a.startsWith("--epochs=")) epochs = positive("--epochs", a.substring(9));
                    else if (a.startsWith("-")) throw new IllegalArgumentException("unknown option " + a);
                    else if (workload != null) throw new IllegalArgumentException("one workload at a time, got " + workload + " and " + a);
                    else if (!WORKLOADS.contains(a)) {
                        throw new IllegalArgumentException("argument workload: invalid choice: '" + a + "' (choose from "
                                + String.join(", ", WORKLOADS) + ")");
                    } else workload = a;
                }
            }
        }
        if (workload == null) throw new IllegalArgumentException("the following arguments are required: workload");
        return new Options(workload, threads, epochs, false);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) throw new IllegalArgumentException("argument " + option + ": expected one argument");
        return args[i];
    }

    private static int positive(String option, String text) {
        int v;
        try {
            v = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("argument " + option + ": invalid int value: '" + text + "'");
        }
        if (v < 1) throw new IllegalArgumentException("argument " + option + ": must be at least 1, got " + v);
        return v;
    }
}
