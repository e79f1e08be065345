package dev.nabla.cli;

import dev.nabla.Tensor;
import dev.nabla.optim.Adam;
import dev.nabla.optim.AdamW;
import dev.nabla.optim.Optimizer;
import dev.nabla.optim.SGD;

import java.util.List;

/** The optimizers {@code --optimizer} can pick, with PyTorch's defaults where the command line leaves a value out. */
enum OptimizerKind {
    SGD(0.05, 0.0), ADAM(0.001, 0.0), ADAMW(0.001, 0.01);

    final double defaultLr;
    final double defaultWeightDecay;

    OptimizerKind(double defaultLr, double defaultWeightDecay) {
        this.defaultLr = defaultLr;
        this.defaultWeightDecay = defaultWeightDecay;
    }

    String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    Optimizer create(List<Tensor> params, double lr, double momentum, double weightDecay) {
        return switch (this) {
            case SGD -> new dev.nabla.optim.SGD(params, lr).momentum(momentum).weightDecay(weightDecay);
            case ADAM -> new Adam(params, lr).weightDecay(weightDecay);
            case ADAMW -> new AdamW(params, lr).weightDecay(weightDecay);
        };
    }
}
