package dev.nabla.optim.lr;

import dev.nabla.optim.Optimizer;

import java.util.List;
import java.util.Map;

/**
 * Multiplies every group's learning rate by {@code gamma} every {@code stepSize} epochs (PyTorch's
 * {@code StepLR}): {@code lr = initial_lr * gamma^(epoch / stepSize)}.
 *
 * <pre>{@code
 * StepLR scheduler = new StepLR(optimizer, 30, 0.1);   // 0.05 for epochs 0-29, 0.005 for 30-59, ...
 * }</pre>
 */
public class StepLR extends LRScheduler {
    private final int stepSize;
    private final double gamma;

    /** gamma 0.1, PyTorch's default. */
    public StepLR(Optimizer optimizer, int stepSize) {
        this(optimizer, stepSize, 0.1);
    }

    public StepLR(Optimizer optimizer, int stepSize, double gamma) {
        super(optimizer);
        if (stepSize <= 0) throw new IllegalArgumentException("step_size must be a positive integer, got " + stepSize);
        this.stepSize = stepSize;
        this.gamma = gamma;
        initialStep();
    }

    @Override
    protected List<Double> computeLr() {
        if (lastEpoch == 0 || lastEpoch % stepSize != 0) return currentLrs();
        return mapCurrent(lr -> lr * gamma);
    }

    @Override
    protected List<Double> closedFormLr() {
        return mapBase(lr -> lr * Math.pow(gamma, Math.floorDiv(lastEpoch, stepSize)));
    }

    @Override
    protected void describe(Map<String, Object> out) {
        out.put("step_size", stepSize);
        out.put("gamma", gamma);
    }
}
