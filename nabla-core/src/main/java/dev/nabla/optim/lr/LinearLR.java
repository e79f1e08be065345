package dev.nabla.optim.lr;

import dev.nabla.optim.Optimizer;

import java.util.List;
import java.util.Map;

/**
 * Scales every group's learning rate by a factor that moves linearly from {@code startFactor} to
 * {@code endFactor} over {@code totalIters} epochs, then stays (PyTorch's {@code LinearLR}; a common warm-up).
 *
 * <pre>{@code
 * LinearLR warmup = new LinearLR(optimizer, 0.1, 1.0, 5);   // 10% of the rate at epoch 0, full rate from epoch 5
 * }</pre>
 */
public class LinearLR extends LRScheduler {
    private final double startFactor, endFactor;
    private final int totalIters;

    /** PyTorch's defaults: start factor 1/3, end factor 1, 5 iterations. */
    public LinearLR(Optimizer optimizer) {
        this(optimizer, 1.0 / 3, 1.0, 5);
    }

    public LinearLR(Optimizer optimizer, double startFactor, double endFactor, int totalIters) {
        super(optimizer);
        if (startFactor > 1.0 || startFactor <= 0) {
            throw new IllegalArgumentException("Starting multiplicative factor expected to be greater than 0 and less or equal to 1.");
        }
        if (endFactor > 1.0 || endFactor < 0) {
            throw new IllegalArgumentException("Ending multiplicative factor expected to be between 0 and 1.");
        }
        this.startFactor = startFactor;
        this.endFactor = endFactor;
        this.totalIters = totalIters;
        initialStep();
    }

    @Override
    protected List<Double> computeLr() {
        if (lastEpoch == 0) return mapCurrent(lr -> lr * startFactor);
        if (lastEpoch > totalIters) return currentLrs();
        double ratio = 1.0 + (endFactor - startFactor)
                / (totalIters * startFactor + (lastEpoch - 1) * (endFactor - startFactor));
        return mapCurrent(lr -> lr * ratio);
    }

    @Override
    protected List<Double> closedFormLr() {
        return mapBase(lr -> lr * (startFactor
                + (endFactor - startFactor) * Math.min(totalIters, lastEpoch) / totalIters));
    }

    @Override
    protected void describe(Map<String, Object> out) {
        out.put("start_factor", startFactor);
        out.put("end_factor", endFactor);
        out.put("total_iters", totalIters);
    }
}
