package dev.nabla.optim.lr;

import dev.nabla.optim.Optimizer;

import java.util.List;
import java.util.Map;

/**
 * Multiplies every group's learning rate by {@code gamma} each epoch (PyTorch's {@code ExponentialLR}):
 * {@code lr = initial_lr * gamma^epoch}.
 *
 * <pre>{@code
 * ExponentialLR scheduler = new ExponentialLR(optimizer, 0.95);
 * }</pre>
 */
public class ExponentialLR extends LRScheduler {
    private final double gamma;

    public ExponentialLR(Optimizer optimizer, double gamma) {
        super(optimizer);
        this.gamma = gamma;
        initialStep();
    }

    @Override
    protected List<Double> computeLr() {
        if (lastEpoch == 0) return currentLrs();
        return mapCurrent(lr -> lr * gamma);
    }

    @Override
    protected List<Double> closedFormLr() {
        return mapBase(lr -> lr * Math.pow(gamma, lastEpoch));
    }

    @Override
    protected void describe(Map<String, Object> out) {
        out.put("gamma", gamma);
    }
}
