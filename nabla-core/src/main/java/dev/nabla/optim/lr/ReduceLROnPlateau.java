package dev.nabla.optim.lr;

import dev.nabla.optim.Optimizer;
import dev.nabla.optim.ParamGroup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Multiplies the learning rates by {@code factor} when a metric has stopped improving for more than
 * {@code patience} epochs (PyTorch's {@code ReduceLROnPlateau}). Driven by the metric, so it is not an
 * {@link LRScheduler}: call {@link #step(double)} with the validation loss (mode {@code "min"}) or accuracy
 * ({@code "max"}) after each epoch.
 *
 * <p>"Improving" means beating the best value by the threshold: relative ({@code best * (1 - threshold)} in min
 * mode, the default) or absolute ({@code best - threshold}). After a reduction, {@code cooldown} epochs pass before
 * bad epochs count again; a rate never goes below {@code minLr}, and reductions smaller than {@code eps} are skipped.
 *
 * <pre>{@code
 * ReduceLROnPlateau scheduler = new ReduceLROnPlateau(optimizer).factor(0.5).patience(3);
 * for (...) { train(...); scheduler.step(validationLoss); }
 * }</pre>
 */
public class ReduceLROnPlateau {
    private final Optimizer optimizer;
    private String mode = "min";
    private double factor = 0.1;
    private int patience = 10;
    private double threshold = 1e-4;
    private String thresholdMode = "rel";
    private int cooldown = 0;
    private double[] minLrs;
    private double eps = 1e-8;

    private double best;
    private int numBadEpochs;
    private int cooldownCounter;
    private int lastEpoch;
    private List<Double> lastLr;

    /** PyTorch's defaults: mode min, factor 0.1, patience 10, threshold 1e-4 (rel), cooldown 0, min_lr 0, eps 1e-8. */
    public ReduceLROnPlateau(Optimizer optimizer) {
        this.optimizer = SchedulerValues.requireOptimizer(optimizer);
        this.minLrs = new double[optimizer.paramGroups().size()];
        this.lastLr = SchedulerValues.currentLrs(optimizer);
        reset();
    }

    /** {@code "min"} (the metric should fall) or {@code "max"} (it should rise). */
    public ReduceLROnPlateau mode(String mode) {
        if (!mode.equals("min") && !mode.equals("max")) throw new IllegalArgumentException("mode " + mode + " is unknown!");
        this.mode = mode;
        reset();
        return this;
    }

    /** The multiplier of a reduction; must be below 1. */
    public ReduceLROnPlateau factor(double factor) {
        if (factor >= 1.0) throw new IllegalArgumentException("Factor should be < 1.0.");
        this.factor = factor;
        return this;
    }

    /** Bad epochs tolerated before reducing. */
    public ReduceLROnPlateau patience(int patience) {
        this.patience = patience;
        return this;
    }

    public ReduceLROnPlateau threshold(double threshold) {
        this.threshold = threshold;
        return this;
    }

    /** {@code "rel"} or {@code "abs"}. */
    public ReduceLROnPlateau thresholdMode(String thresholdMode) {
        if (!thresholdMode.equals("rel") && !thresholdMode.equals("abs")) {
            throw new IllegalArgumentException("threshold mode " + thresholdMode + " is unknown!");
        }
        this.thresholdMode = thresholdMode;
        return this;
    }

    public ReduceLROnPlateau cooldown(int cooldown) {
        this.cooldown = cooldown;
        return this;
    }

    /** A lower bound for every group's rate, or one per group. */
    public ReduceLROnPlateau minLr(double... minLr) {
        int groups = optimizer.paramGroups().size();
        if (minLr.length == 1) {
            Arrays.fill(minLrs, minLr[0]);
        } else if (minLr.length == groups) {
            minLrs = minLr.clone();
        } else {
            throw new IllegalArgumentException("expected " + groups + " min_lrs, got " + minLr.length);
        }
        return this;
    }

    /** Reductions smaller than this are skipped. */
    public ReduceLROnPlateau eps(double eps) {
        this.eps = eps;
        return this;
    }

    private void reset() {
        best = mode.equals("min") ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        cooldownCounter = 0;
        numBadEpochs = 0;
    }

    /** Records one epoch's metric and reduces the rates if it has plateaued. */
    public void step(double metric) {
        lastEpoch++;
        if (isBetter(metric, best)) {
            best = metric;
            numBadEpochs = 0;
        } else {
            numBadEpochs++;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            numBadEpochs = 0; // bad epochs during cooldown do not count
        }
        if (numBadEpochs > patience) {
            reduceLr();
            cooldownCounter = cooldown;
            numBadEpochs = 0;
        }
        lastLr = SchedulerValues.currentLrs(optimizer);
    }

    private void reduceLr() {
        List<ParamGroup> groups = optimizer.paramGroups();
        for (int i = 0; i < groups.size(); i++) {
            double old = groups.get(i).lr();
            double next = Math.max(old * factor, minLrs[i]);
            if (old - next > eps) groups.get(i).lr(next);
        }
    }

    private boolean isBetter(double a, double best) {
        boolean min = mode.equals("min"), rel = thresholdMode.equals("rel");
        if (min && rel) return a < best * (1. - threshold);
        if (min) return a < best - threshold;
        if (rel) return a > best * (threshold + 1.);
        return a > best + threshold;
    }

    /** The rates after the last step, one per group. */
    public List<Double> getLastLr() { return lastLr; }

    /** The best metric seen so far. */
    public double best() { return best; }

    public int numBadEpochs() { return numBadEpochs; }

    public int lastEpoch() { return lastEpoch; }

    /** Progress and settings with PyTorch's keys. */
    public Map<String, Object> stateDict() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("factor", factor);
        List<Double> mins = new ArrayList<>();
        for (double m : minLrs) mins.add(m);
        out.put("min_lrs", List.copyOf(mins));
        out.put("patience", patience);
        out.put("cooldown", cooldown);
        out.put("cooldown_counter", cooldownCounter);
        out.put("mode", mode);
        out.put("threshold", threshold);
        out.put("threshold_mode", thresholdMode);
        out.put("best", best);
        out.put("num_bad_epochs", numBadEpochs);
        out.put("eps", eps);
        out.put("last_epoch", lastEpoch);
        out.put("_last_lr", lastLr);
        return out;
    }

    /** Restores everything {@link #stateDict()} wrote (PyTorch restores the settings too). */
    public void loadStateDict(Map<String, Object> state) {
        factor = SchedulerValues.doubleValue(state, "factor");
        minLrs = SchedulerValues.doubles(state.get("min_lrs")).stream().mapToDouble(Double::doubleValue).toArray();
        patience = SchedulerValues.intValue(state, "patience");
        cooldown = SchedulerValues.intValue(state, "cooldown");
        mode((String) state.get("mode")); // resets best and the counters, restored below
        threshold = SchedulerValues.doubleValue(state, "threshold");
        thresholdMode((String) state.get("threshold_mode"));
        best = SchedulerValues.doubleValue(state, "best");
        numBadEpochs = SchedulerValues.intValue(state, "num_bad_epochs");
        cooldownCounter = SchedulerValues.intValue(state, "cooldown_counter");
        eps = SchedulerValues.doubleValue(state, "eps");
        lastEpoch = SchedulerValues.intValue(state, "last_epoch");
        lastLr = SchedulerValues.doubles(state.get("_last_lr"));
    }
}
