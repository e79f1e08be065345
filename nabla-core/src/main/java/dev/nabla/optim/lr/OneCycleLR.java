package dev.nabla.optim.lr;

import dev.nabla.optim.Optimizer;
import dev.nabla.optim.ParamGroup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The 1cycle policy (PyTorch's {@code OneCycleLR}): the learning rate rises from {@code maxLr / divFactor} to
 * {@code maxLr} over the first {@code pctStart} of the steps, then anneals to
 * {@code maxLr / divFactor / finalDivFactor}; the momentum (or Adam's beta1) moves the opposite way between
 * {@code maxMomentum} and {@code baseMomentum}. With {@code threePhase} the rate comes back down symmetrically before
 * the final annealing. Step it after every batch, not every epoch.
 *
 * <pre>{@code
 * OneCycleLR scheduler = OneCycleLR.builder(optimizer, 0.1).totalSteps(epochs * batchesPerEpoch).build();
 * }</pre>
 */
public class OneCycleLR extends LRScheduler {
    private record Phase(double endStep, String startLr, String endLr, String startMomentum, String endMomentum) {}

    private final int totalSteps;
    private final List<Phase> phases;
    private final boolean linear;
    private final boolean cycleMomentum;
    private final boolean useBeta1;

    /** PyTorch's defaults for everything but the peak rate and the number of steps. */
    public OneCycleLR(Optimizer optimizer, double maxLr, int totalSteps) {
        this(builder(optimizer, maxLr).totalSteps(totalSteps));
    }

    private OneCycleLR(Builder b) {
        super(prepare(b));
        this.totalSteps = b.resolvedTotalSteps;
        this.linear = b.annealStrategy.equals("linear");
        this.cycleMomentum = b.cycleMomentum;
        this.useBeta1 = b.useBeta1;
        double pct = b.pctStart;
        this.phases = b.threePhase
                ? List.of(new Phase(pct * totalSteps - 1, "initial_lr", "max_lr", "max_momentum", "base_momentum"),
                        new Phase(2 * pct * totalSteps - 2, "max_lr", "initial_lr", "base_momentum", "max_momentum"),
                        new Phase(totalSteps - 1, "initial_lr", "min_lr", "max_momentum", "max_momentum"))
                : List.of(new Phase(pct * totalSteps - 1, "initial_lr", "max_lr", "max_momentum", "base_momentum"),
                        new Phase(totalSteps - 1, "max_lr", "min_lr", "base_momentum", "max_momentum"));
        initialStep();
    }

    /** Validates the options and writes the per-group values PyTorch keeps in the groups, before the base runs. */
    private static Optimizer prepare(Builder b) {
        Optimizer opt = b.optimizer;
        if (b.totalSteps != null) {
            if (b.totalSteps <= 0) throw new IllegalArgumentException("Expected positive integer total_steps, but got " + b.totalSteps);
            b.resolvedTotalSteps = b.totalSteps;
        } else if (b.epochs != null && b.stepsPerEpoch != null) {
            if (b.epochs <= 0) throw new IllegalArgumentException("Expected positive integer epochs, but got " + b.epochs);
            if (b.stepsPerEpoch <= 0) {
                throw new IllegalArgumentException("Expected positive integer steps_per_epoch, but got " + b.stepsPerEpoch);
            }
            b.resolvedTotalSteps = b.epochs * b.stepsPerEpoch;
        } else {
            throw new IllegalArgumentException("You must define either total_steps OR (epochs AND steps_per_epoch)");
        }
        if (!(b.pctStart >= 0 && b.pctStart <= 1)) {
            throw new IllegalArgumentException("Expected float between 0 and 1 pct_start, but got " + b.pctStart);
        }
        if (!b.annealStrategy.equals("cos") && !b.annealStrategy.equals("linear")) {
            throw new IllegalArgumentException("anneal_strategy must by one of 'cos' or 'linear', instead got " + b.annealStrategy);
        }
        List<ParamGroup> groups = opt.paramGroups();
        double[] maxLrs = perGroup("max_lr", b.maxLr, groups.size());
        for (int i = 0; i < groups.size(); i++) {
            ParamGroup g = groups.get(i);
            g.set("initial_lr", maxLrs[i] / b.divFactor);
            g.set("max_lr", maxLrs[i]);
            g.set("min_lr", g.getDouble("initial_lr") / b.finalDivFactor);
        }
        if (b.cycleMomentum) {
            Map<String, Object> defaults = opt.defaults();
            if (!defaults.containsKey("momentum") && !defaults.containsKey("betas")) {
                throw new IllegalArgumentException("optimizer must support momentum with `cycle_momentum` option enabled");
            }
            b.useBeta1 = defaults.containsKey("betas");
            for (ParamGroup g : groups) {
                setMomentum(g, b.useBeta1, b.maxMomentum);
                g.set("max_momentum", b.maxMomentum);
                g.set("base_momentum", b.baseMomentum);
            }
        }
        return opt;
    }

    private static double[] perGroup(String name, double[] values, int groups) {
        if (values.length == 1) {
            double[] out = new double[groups];
            java.util.Arrays.fill(out, values[0]);
            return out;
        }
        if (values.length != groups) {
            throw new IllegalArgumentException("expected " + groups + " values for " + name + ", got " + values.length);
        }
        return values.clone();
    }

    private static void setMomentum(ParamGroup g, boolean beta1, double value) {
        if (beta1) g.setPair("betas", value, g.getPair("betas")[1]);
        else g.set("momentum", value);
    }

    @Override
    protected List<Double> computeLr() {
        int stepNum = lastEpoch;
        if (stepNum > totalSteps) {
            throw new IllegalStateException("Tried to step " + (stepNum + 1) + " times. The specified number of total steps is "
                    + totalSteps);
        }
        List<Double> lrs = new ArrayList<>();
        for (ParamGroup g : optimizer.paramGroups()) {
            double start = 0, lr = 0, momentum = 0;
            for (int i = 0; i < phases.size(); i++) {
                Phase phase = phases.get(i);
                if (stepNum <= phase.endStep() || i == phases.size() - 1) {
                    double pct = (stepNum - start) / (phase.endStep() - start);
                    lr = anneal(g.getDouble(phase.startLr()), g.getDouble(phase.endLr()), pct);
                    if (cycleMomentum) momentum = anneal(g.getDouble(phase.startMomentum()), g.getDouble(phase.endMomentum()), pct);
                    break;
                }
                start = phase.endStep();
            }
            lrs.add(lr);
            if (cycleMomentum) setMomentum(g, useBeta1, momentum);
        }
        return lrs;
    }

    private double anneal(double start, double end, double pct) {
        if (linear) return (end - start) * pct + start;
        double cosOut = Math.cos(Math.PI * pct) + 1;
        return end + (start - end) / 2.0 * cosOut;
    }

    @Override
    protected void describe(Map<String, Object> out) {
        out.put("total_steps", totalSteps);
        out.put("anneal_strategy", linear ? "linear" : "cos");
        out.put("cycle_momentum", cycleMomentum);
        out.put("use_beta1", useBeta1);
    }

    /** Options with PyTorch's defaults: pctStart 0.3, cos annealing, momentum cycled 0.85-0.95, divFactor 25, finalDivFactor 1e4. */
    public static Builder builder(Optimizer optimizer, double... maxLr) {
        return new Builder(optimizer, maxLr);
    }

    /** OneCycleLR's options; {@link #build()} applies them (and the schedule's first value) to the optimizer. */
    public static final class Builder {
        private final Optimizer optimizer;
        private final double[] maxLr;
        private Integer totalSteps, epochs, stepsPerEpoch;
        private int resolvedTotalSteps;
        private double pctStart = 0.3;
        private String annealStrategy = "cos";
        private boolean cycleMomentum = true;
        private boolean useBeta1;
        private double baseMomentum = 0.85, maxMomentum = 0.95;
        private double divFactor = 25, finalDivFactor = 1e4;
        private boolean threePhase;

        private Builder(Optimizer optimizer, double[] maxLr) {
            if (maxLr.length == 0) throw new IllegalArgumentException("max_lr needs at least one value");
            this.optimizer = optimizer;
            this.maxLr = maxLr.clone();
        }

        public Builder totalSteps(int totalSteps) { this.totalSteps = totalSteps; return this; }

        public Builder epochs(int epochs) { this.epochs = epochs; return this; }

        public Builder stepsPerEpoch(int stepsPerEpoch) { this.stepsPerEpoch = stepsPerEpoch; return this; }

        /** Fraction of the steps spent raising the rate (default 0.3). */
        public Builder pctStart(double pctStart) { this.pctStart = pctStart; return this; }

        /** {@code "cos"} (default) or {@code "linear"}. */
        public Builder annealStrategy(String annealStrategy) { this.annealStrategy = annealStrategy; return this; }

        public Builder cycleMomentum(boolean cycleMomentum) { this.cycleMomentum = cycleMomentum; return this; }

        public Builder baseMomentum(double baseMomentum) { this.baseMomentum = baseMomentum; return this; }

        public Builder maxMomentum(double maxMomentum) { this.maxMomentum = maxMomentum; return this; }

        /** initial_lr = max_lr / divFactor (default 25). */
        public Builder divFactor(double divFactor) { this.divFactor = divFactor; return this; }

        /** min_lr = initial_lr / finalDivFactor (default 1e4). */
        public Builder finalDivFactor(double finalDivFactor) { this.finalDivFactor = finalDivFactor; return this; }

        public Builder threePhase(boolean threePhase) { this.threePhase = threePhase; return this; }

        public OneCycleLR build() { return new OneCycleLR(this); }
    }
}
