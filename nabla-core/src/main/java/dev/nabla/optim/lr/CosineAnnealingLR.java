package dev.nabla.optim.lr;

import dev.nabla.optim.Optimizer;

import java.util.List;
import java.util.Map;

/**
 * Anneals every group's learning rate along a cosine from its initial value down to {@code etaMin} over
 * {@code tMax} epochs, and back up over the next {@code tMax} (PyTorch's {@code CosineAnnealingLR}). Uses PyTorch's
 * recursive form, which updates the current rate, so other schedulers can act on the same optimizer and the
 * numbers match PyTorch's:
 * <pre>
 *   lr_t = eta_min + (lr_{t-1} - eta_min) * (1 + cos(pi t / T_max)) / (1 + cos(pi (t - 1) / T_max))
 * </pre>
 *
 * <pre>{@code
 * CosineAnnealingLR scheduler = new CosineAnnealingLR(optimizer, 100, 1e-5);
 * }</pre>
 */
public class CosineAnnealingLR extends LRScheduler {
    private final int tMax;
    private final double etaMin;

    /** etaMin 0, PyTorch's default. */
    public CosineAnnealingLR(Optimizer optimizer, int tMax) {
        this(optimizer, tMax, 0);
    }

    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
        super(optimizer);
        if (tMax <= 0) throw new IllegalArgumentException("T_max must be a positive integer, got " + tMax);
        this.tMax = tMax;
        this.etaMin = etaMin;
        initialStep();
    }

    @Override
    protected List<Double> computeLr() {
        if (lastEpoch == 0) return currentLrs();
        if (Math.floorMod(lastEpoch - 1 - tMax, 2 * tMax) == 0) {
            // The bottom of the curve, where the recursion's ratio would divide by zero: climb back by one step.
            List<Double> current = currentLrs();
            double rise = 1 - Math.cos(Math.PI / tMax);
            List<Double> out = new java.util.ArrayList<>();
            for (int i = 0; i < current.size(); i++) out.add(current.get(i) + (baseLrs.get(i) - etaMin) * rise / 2);
            return out;
        }
        double ratio = (1 + Math.cos(Math.PI * lastEpoch / tMax)) / (1 + Math.cos(Math.PI * (lastEpoch - 1) / tMax));
        return mapCurrent(lr -> ratio * (lr - etaMin) + etaMin);
    }

    @Override
    protected List<Double> closedFormLr() {
        return mapBase(lr -> etaMin + (lr - etaMin) * (1 + Math.cos(Math.PI * lastEpoch / tMax)) / 2);
    }

    @Override
    protected void describe(Map<String, Object> out) {
        out.put("T_max", tMax);
        out.put("eta_min", etaMin);
    }
}
