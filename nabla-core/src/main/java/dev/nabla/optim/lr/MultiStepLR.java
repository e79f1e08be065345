package dev.nabla.optim.lr;

import dev.nabla.optim.Optimizer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Multiplies every group's learning rate by {@code gamma} at each milestone epoch (PyTorch's {@code MultiStepLR}); a
 * milestone listed twice multiplies by {@code gamma^2}.
 *
 * <pre>{@code
 * MultiStepLR scheduler = new MultiStepLR(optimizer, List.of(30, 80), 0.1);
 * }</pre>
 */
public class MultiStepLR extends LRScheduler {
    /** Milestone to the number of times it was listed (PyTorch keeps a Counter). */
    private final TreeMap<Integer, Integer> milestones = new TreeMap<>();
    private final double gamma;

    /** gamma 0.1, PyTorch's default. */
    public MultiStepLR(Optimizer optimizer, List<Integer> milestones) {
        this(optimizer, milestones, 0.1);
    }

    public MultiStepLR(Optimizer optimizer, List<Integer> milestones, double gamma) {
        super(optimizer);
        for (int m : milestones) this.milestones.merge(m, 1, Integer::sum);
        this.gamma = gamma;
        initialStep();
    }

    @Override
    protected List<Double> computeLr() {
        Integer count = milestones.get(lastEpoch);
        if (count == null) return currentLrs();
        return mapCurrent(lr -> lr * Math.pow(gamma, count));
    }

    @Override
    protected List<Double> closedFormLr() {
        int passed = 0;
        for (Map.Entry<Integer, Integer> e : milestones.headMap(lastEpoch, true).entrySet()) passed += e.getValue();
        int n = passed;
        return mapBase(lr -> lr * Math.pow(gamma, n));
    }

    @Override
    protected void describe(Map<String, Object> out) {
        List<Integer> all = new ArrayList<>();
        milestones.forEach((m, c) -> all.addAll(Collections.nCopies(c, m)));
        out.put("milestones", all);
        out.put("gamma", gamma);
    }
}
