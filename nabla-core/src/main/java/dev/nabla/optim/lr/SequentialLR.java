package dev.nabla.optim.lr;

import dev.nabla.optim.Optimizer;
import dev.nabla.optim.ParamGroup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs schedulers one after another, switching at the milestone epochs (PyTorch's {@code SequentialLR}); each
 * scheduler restarts from its epoch 0 when its turn comes. Typical use: a warm-up, then a decay.
 *
 * <pre>{@code
 * LinearLR warmup = new LinearLR(optimizer, 0.1, 1.0, 5);
 * CosineAnnealingLR decay = new CosineAnnealingLR(optimizer, 95);
 * SequentialLR scheduler = new SequentialLR(optimizer, List.of(warmup, decay), List.of(5));
 * }</pre>
 */
public class SequentialLR extends LRScheduler {
    private final List<LRScheduler> schedulers;
    private final List<Integer> milestones;

    public SequentialLR(Optimizer optimizer, List<LRScheduler> schedulers, List<Integer> milestones) {
        super(optimizer);
        for (int i = 0; i < schedulers.size(); i++) {
            if (schedulers.get(i).optimizer() != optimizer) {
                throw new IllegalArgumentException("Sequential Schedulers expects all schedulers to belong to the same optimizer, "
                        + "but got schedulers at index " + i + " to be different than the optimizer passed in.");
            }
        }
        if (milestones.size() != schedulers.size() - 1) {
            throw new IllegalArgumentException("Sequential Schedulers expects number of schedulers provided to be one more than "
                    + "the number of milestone points, but got number of schedulers " + schedulers.size()
                    + " and the number of milestones to be equal to " + milestones.size());
        }
        this.schedulers = List.copyOf(schedulers);
        this.milestones = List.copyOf(milestones);
        // Constructing the schedulers already stepped each once and changed the rates: undo that and start the first
        // one afresh, exactly as PyTorch does (so the numbers match).
        this.lastEpoch = 0;
        for (ParamGroup g : optimizer.paramGroups()) g.lr(g.getDouble("initial_lr"));
        for (LRScheduler s : this.schedulers) s.lastEpoch -= 1;
        this.schedulers.get(0).initialStep();
        this.stepCount = 1;
        setLastLr(this.schedulers.get(0).getLastLr());
    }

    @Override
    public void step() {
        stepCount++;
        lastEpoch++;
        int idx = bisectRight(milestones, lastEpoch);
        LRScheduler scheduler = schedulers.get(idx);
        if (idx > 0 && milestones.get(idx - 1) == lastEpoch) scheduler.stepTo(0);
        else scheduler.step();
        setLastLr(scheduler.getLastLr());
    }

    /** Not used: the active scheduler computes the rates. */
    @Override
    protected List<Double> computeLr() {
        return currentLrs();
    }

    private static int bisectRight(List<Integer> sorted, int x) {
        int i = 0;
        while (i < sorted.size() && sorted.get(i) <= x) i++;
        return i;
    }

    /** The schedulers in order (unmodifiable). */
    public List<LRScheduler> schedulers() { return schedulers; }

    @Override
    protected void describe(Map<String, Object> out) {
        out.put("_milestones", milestones);
        List<Map<String, Object>> inner = new ArrayList<>();
        for (LRScheduler s : schedulers) inner.add(s.stateDict());
        out.put("_schedulers", inner);
    }

    @Override
    public void loadStateDict(Map<String, Object> state) {
        super.loadStateDict(state);
        List<?> inner = (List<?>) state.get("_schedulers");
        for (int i = 0; i < schedulers.size(); i++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> s = (Map<String, Object>) inner.get(i);
            schedulers.get(i).loadStateDict(s);
        }
    }
}
