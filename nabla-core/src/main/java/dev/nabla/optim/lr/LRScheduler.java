package dev.nabla.optim.lr;

import dev.nabla.optim.Optimizer;
import dev.nabla.optim.ParamGroup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Base of the epoch-driven learning-rate schedulers (PyTorch's {@code _LRScheduler}): on construction it records
 * each group's {@code "initial_lr"} and applies the schedule's value for epoch 0; every {@link #step()} advances
 * {@link #lastEpoch()} and writes the new rate into each parameter group's {@code "lr"}.
 *
 * <p>Subclasses compute PyTorch's chainable form (the next rate from the group's current one), so that several
 * schedulers can act on one optimizer as in PyTorch, and numbers match PyTorch's to the last digit.
 *
 * <pre>{@code
 * LRScheduler scheduler = new StepLR(optimizer, 30, 0.1);
 * for (int epoch = 0; epoch < 100; epoch++) {
 *     train(...);            // optimizer.step() inside
 *     scheduler.step();
 * }
 * }</pre>
 */
public abstract class LRScheduler {
    protected final Optimizer optimizer;
    /** Each group's {@code "initial_lr"}. */
    protected List<Double> baseLrs;
    protected int lastEpoch = -1;
    /** How many times {@link #step()} ran, counting the initial step (PyTorch's {@code _step_count}). */
    protected int stepCount;
    private List<Double> lastLr = List.of();

    /** Records {@code "initial_lr"} in every group that has none. Subclasses call {@link #initialStep()} last. */
    protected LRScheduler(Optimizer optimizer) {
        this.optimizer = SchedulerValues.requireOptimizer(optimizer);
        for (ParamGroup g : optimizer.paramGroups()) {
            if (!g.has("initial_lr")) g.set("initial_lr", g.lr());
        }
        List<Double> base = new ArrayList<>();
        for (ParamGroup g : optimizer.paramGroups()) base.add(g.getDouble("initial_lr"));
        this.baseLrs = List.copyOf(base);
    }

    /** PyTorch's {@code _initial_step}: the step that sets epoch 0's rate, run at the end of construction. */
    protected final void initialStep() {
        stepCount = 0;
        step();
    }

    /** Advances one epoch and sets every group's {@code "lr"}. */
    public void step() {
        stepCount++;
        lastEpoch++;
        apply(computeLr());
    }

    /**
     * Jumps to {@code epoch}, using the closed form where the schedule has one (PyTorch's deprecated
     * {@code step(epoch)}; {@link SequentialLR} uses it to restart a scheduler at 0).
     */
    void stepTo(int epoch) {
        stepCount++;
        lastEpoch = epoch;
        List<Double> values = closedFormLr();
        apply(values != null ? values : computeLr());
    }

    /** The rates for {@link #lastEpoch}, computed from the groups' current ones (PyTorch's {@code get_lr}). */
    protected abstract List<Double> computeLr();

    /** The rates for {@link #lastEpoch} from {@link #baseLrs} alone, or null when the schedule has no closed form. */
    protected List<Double> closedFormLr() {
        return null;
    }

    private void apply(List<Double> values) {
        List<ParamGroup> groups = optimizer.paramGroups();
        for (int i = 0; i < groups.size(); i++) groups.get(i).lr(values.get(i));
        lastLr = currentLrs();
    }

    /** Every group's current {@code "lr"}. */
    protected List<Double> currentLrs() {
        return SchedulerValues.currentLrs(optimizer);
    }

    void setLastLr(List<Double> lrs) {
        lastLr = List.copyOf(lrs);
    }

    /** The rates the last step set, one per group. */
    public List<Double> getLastLr() { return lastLr; }

    public int lastEpoch() { return lastEpoch; }

    public Optimizer optimizer() { return optimizer; }

    /**
     * The scheduler's progress with PyTorch's keys ({@code "last_epoch"}, {@code "base_lrs"}, {@code "_step_count"},
     * {@code "_last_lr"}) and its hyperparameters.
     */
    public Map<String, Object> stateDict() {
        Map<String, Object> out = new LinkedHashMap<>();
        describe(out);
        out.put("base_lrs", baseLrs);
        out.put("last_epoch", lastEpoch);
        out.put("_step_count", stepCount);
        out.put("_last_lr", lastLr);
        return out;
    }

    /** Restores the progress saved by {@link #stateDict()}; the hyperparameters stay this scheduler's own. */
    public void loadStateDict(Map<String, Object> state) {
        baseLrs = SchedulerValues.doubles(state.get("base_lrs"));
        lastEpoch = SchedulerValues.intValue(state, "last_epoch");
        stepCount = SchedulerValues.intValue(state, "_step_count");
        lastLr = SchedulerValues.doubles(state.get("_last_lr"));
    }

    /** Adds the schedule's hyperparameters to a state dict, under PyTorch's names. */
    protected void describe(Map<String, Object> out) {}

    /** {@code f} applied to each group's current rate. */
    protected List<Double> mapCurrent(java.util.function.DoubleUnaryOperator f) {
        List<Double> out = new ArrayList<>();
        for (double lr : currentLrs()) out.add(f.applyAsDouble(lr));
        return out;
    }

    /** {@code f} applied to each group's base rate. */
    protected List<Double> mapBase(java.util.function.DoubleUnaryOperator f) {
        List<Double> out = new ArrayList<>();
        for (double lr : baseLrs) out.add(f.applyAsDouble(lr));
        return out;
    }
}
