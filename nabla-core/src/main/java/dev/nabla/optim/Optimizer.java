package dev.nabla.optim;

import dev.nabla.DType;
import dev.nabla.Nabla;
import dev.nabla.Tensor;
import dev.nabla.autograd.AccumulateGrad;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Base of the optimizers (PyTorch's {@code torch.optim.Optimizer}): parameter groups, each with its own options,
 * per-parameter state, {@link #zeroGrad()}, {@link #step()} and a state dict that resumes training exactly.
 *
 * <p>A subclass declares its defaults (PyTorch's option names and order) and implements {@link #update}, the
 * rule for one parameter; {@code step()} runs it under no-grad for every parameter that has a gradient.
 *
 * <pre>{@code
 * SGD optimizer = new SGD(model.parameters(), 0.05).momentum(0.9);
 * optimizer.zeroGrad();
 * loss.backward();
 * optimizer.step();
 * }</pre>
 */
public abstract class Optimizer {
    private final Map<String, Object> defaults = new LinkedHashMap<>();
    private final List<ParamGroup> paramGroups = new ArrayList<>();
    /** Per-parameter state by identity: two equal-valued tensors are different parameters. */
    private final Map<Tensor, Map<String, Tensor>> state = new IdentityHashMap<>();

    /**
     * @param params   the first parameter group's tensors (as {@code model.parameters()})
     * @param defaults every option with its default value, in PyTorch's order
     */
    protected Optimizer(List<Tensor> params, Map<String, Object> defaults) {
        Options.nonNegativeOption("lr", ((Number) defaults.get("lr")).doubleValue());
        defaults.forEach((k, v) -> this.defaults.put(k, ParamGroup.normalize(v)));
        if (params == null || params.isEmpty()) throw new IllegalArgumentException("optimizer got an empty parameter list");
        addParamGroup(new ParamGroup(params));
    }

    /** The parameter groups, in order (unmodifiable); options are changed through each group. */
    public List<ParamGroup> paramGroups() { return Collections.unmodifiableList(paramGroups); }

    /** The default options that groups added later inherit (unmodifiable). */
    public Map<String, Object> defaults() { return Collections.unmodifiableMap(defaults); }

    /**
     * Adds a group: options it does not set come from the defaults (PyTorch's {@code add_param_group}). Useful for
     * fine-tuning, where the pre-trained layers get a smaller learning rate than the new head.
     */
    public void addParamGroup(ParamGroup group) {
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (ParamGroup g : paramGroups) seen.addAll(g.params());
        Set<Tensor> mine = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Tensor p : group.params()) {
            if (p == null) throw new IllegalArgumentException("optimizer can only optimize Tensors, but one of the params is null");
            if (!p.isLeaf()) throw new IllegalArgumentException("can't optimize a non-leaf Tensor");
            if (!p.dtype().isFloatingPoint()) {
                throw new IllegalArgumentException("optimizer can only optimize floating point Tensors, but one of the params is "
                        + p.dtype().torchName());
            }
            if (seen.contains(p)) throw new IllegalArgumentException("some parameters appear in more than one parameter group");
            if (!mine.add(p)) {
                throw new IllegalArgumentException("optimizer contains a parameter group with duplicate parameters");
            }
        }
        group.fillFrom(defaults);
        validateOptions(group);
        paramGroups.add(group);
    }

    /**
     * The state of one parameter (e.g. {@code "momentum_buffer"}), empty before its first step: an unmodifiable view
     * of the live tensors the next step updates.
     */
    public Map<String, Tensor> state(Tensor param) {
        Map<String, Tensor> s = state.get(param);
        return s == null ? Map.of() : Collections.unmodifiableMap(s);
    }

    /**
     * Zeroes every parameter's gradient in place, as PyTorch 1.13 does by default ({@code set_to_none=False}; PyTorch
     * 2 sets them to None instead: {@link #zeroGrad(boolean) zeroGrad(true)}). Why this default: the next backward
     * then adds into memory that is already there and warm in cache; a fresh gradient costs a cold allocation every
     * step (measured: about a tenth of a training step of the seed MLP).
     */
    public void zeroGrad() {
        zeroGrad(false);
    }

    /**
     * {@code setToNone}: drop the gradients (less memory, and the next backward writes fresh ones); otherwise
     * overwrite them with zeros in place.
     */
    public void zeroGrad(boolean setToNone) {
        for (ParamGroup g : paramGroups) {
            for (Tensor p : g.params()) AccumulateGrad.zero(p, setToNone);
        }
    }

    /** Performs one update of every parameter that has a gradient, under no-grad. */
    public void step() {
        try (var noGrad = Nabla.noGrad()) {
            for (ParamGroup group : paramGroups) {
                validateOptions(group);
                for (Tensor p : group.params()) {
                    Tensor grad = p.grad();
                    if (grad == null) continue;
                    update(p, grad, group, state.computeIfAbsent(p, k -> new LinkedHashMap<>()));
                }
            }
        }
    }

    /**
     * Re-evaluates the model with {@code closure} (which zeroes the gradients, computes the loss and calls backward,
     * under enabled grad), then steps; returns the closure's loss.
     */
    public Tensor step(Supplier<Tensor> closure) {
        Tensor loss;
        try (var grad = Nabla.enableGrad()) {
            loss = closure.get();
        }
        step();
        return loss;
    }

    /**
     * The update rule for one parameter, called under no-grad: {@code grad} is its gradient, {@code state} its own
     * mutable state map (empty on the first step), {@code group} its group's options.
     */
    protected abstract void update(Tensor param, Tensor grad, ParamGroup group, Map<String, Tensor> state);

    /** Checks a group's options (called on addParamGroup and on every step), with PyTorch's messages. */
    protected void validateOptions(ParamGroup group) {
        if (group.getDouble("lr") < 0) throw new IllegalArgumentException("Invalid learning rate: " + Options.fmt(group.lr()));
    }

    /** For {@link #validateOptions}: each of {@code keys}, in order, must be {@code >= 0} in {@code group}. */
    protected static void requireNonNegative(ParamGroup group, String... keys) {
        for (String key : keys) Options.nonNegativeOption(key, group.getDouble(key));
    }

    /** For the fluent setters: a new default that every group which did not set {@code key} itself follows. */
    protected void setDefault(String key, Object value) {
        defaults.put(key, ParamGroup.normalize(value));
        for (ParamGroup g : paramGroups) g.setDefault(key, value);
    }

    /** {@link #setDefault} for an option that must be {@code >= 0}, checked first with PyTorch's message. */
    protected void setNonNegativeDefault(String key, double value) {
        Options.nonNegativeOption(key, value);
        setDefault(key, value);
    }

    /**
     * A copy of the optimizer's state, with PyTorch's structure (parameters numbered across groups in order). The
     * tensors are copies, so training on does not change a saved state dict.
     */
    public OptimizerState stateDict() {
        Map<Integer, Map<String, Tensor>> packed = new LinkedHashMap<>();
        List<Map<String, Object>> groups = new ArrayList<>();
        int index = 0;
        try (var noGrad = Nabla.noGrad()) {
            for (ParamGroup g : paramGroups) {
                List<Integer> ids = new ArrayList<>();
                for (Tensor p : g.params()) {
                    Map<String, Tensor> s = state.get(p);
                    if (s != null && !s.isEmpty()) {
                        Map<String, Tensor> copy = new LinkedHashMap<>();
                        s.forEach((name, t) -> copy.put(name, t.clone()));
                        packed.put(index, copy);
                    }
                    ids.add(index++);
                }
                Map<String, Object> options = new LinkedHashMap<>(g.options());
                options.put("params", List.copyOf(ids));
                groups.add(options);
            }
        }
        return new OptimizerState(packed, groups);
    }

    /**
     * Restores a state from {@link #stateDict()} (or from PyTorch's, with the same structure): every group's
     * options and every parameter's state are replaced; the parameters themselves stay this optimizer's.
     */
    public void loadStateDict(OptimizerState saved) {
        List<Map<String, Object>> savedGroups = saved.paramGroups();
        if (savedGroups.size() != paramGroups.size()) {
            throw new IllegalArgumentException("loaded state dict has a different number of parameter groups");
        }
        Map<Integer, Tensor> byIndex = new LinkedHashMap<>();
        for (int g = 0; g < paramGroups.size(); g++) {
            List<Tensor> params = paramGroups.get(g).params();
            Object ids = savedGroups.get(g).get("params");
            if (!(ids instanceof List<?> list)) {
                throw new IllegalArgumentException("loaded state dict's parameter group " + g + " has no 'params' list");
            }
            if (list.size() != params.size()) {
                throw new IllegalArgumentException("loaded state dict contains a parameter group that doesn't match the size "
                        + "of optimizer's group");
            }
            for (int i = 0; i < list.size(); i++) byIndex.put(((Number) list.get(i)).intValue(), params.get(i));
        }
        Map<Tensor, Map<String, Tensor>> restored = new IdentityHashMap<>();
        try (var noGrad = Nabla.noGrad()) {
            for (Map.Entry<Integer, Map<String, Tensor>> e : saved.state().entrySet()) {
                Tensor p = byIndex.get(e.getKey());
                if (p == null) continue; // PyTorch keeps state of unknown ids but never uses it
                Map<String, Tensor> s = new LinkedHashMap<>();
                for (Map.Entry<String, Tensor> t : e.getValue().entrySet()) {
                    s.put(t.getKey(), restoreTensor(e.getKey(), t.getKey(), t.getValue(), p));
                }
                restored.put(p, s);
            }
        }
        for (int g = 0; g < paramGroups.size(); g++) {
            ParamGroup group = paramGroups.get(g);
            Map<String, Object> before = new LinkedHashMap<>(group.options());
            group.replaceOptions(savedGroups.get(g), defaults);
            try {
                validateOptions(group);
            } catch (RuntimeException ex) {
                group.replaceOptions(before, defaults);
                throw ex;
            }
        }
        state.clear();
        state.putAll(restored);
    }

    /**
     * A private, contiguous copy of a saved state tensor in the parameter's dtype; {@code step} keeps its own
     * dtype, as in PyTorch (it is a counter, not a buffer shaped like the parameter).
     */
    private static Tensor restoreTensor(int index, String name, Tensor t, Tensor param) {
        if (name.equals("step")) {
            if (t.numel() != 1) {
                throw new IllegalArgumentException("loaded state for parameter " + index + " has a 'step' of shape "
                        + java.util.Arrays.toString(t.shape()) + "; expected a single value");
            }
            return t.to(DType.FLOAT32).reshape().clone();
        }
        if (!java.util.Arrays.equals(t.shape(), param.shape())) {
            throw new IllegalArgumentException("loaded state for parameter " + index + " has '" + name + "' of shape "
                    + java.util.Arrays.toString(t.shape()) + " but the parameter has shape "
                    + java.util.Arrays.toString(param.shape()));
        }
        return t.detach().to(param.dtype()).clone();
    }

    /** PyTorch's printing: the class name, then each group's options in alphabetical order. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append(" (");
        for (int g = 0; g < paramGroups.size(); g++) {
            sb.append("\nParameter Group ").append(g);
            new java.util.TreeMap<>(paramGroups.get(g).options())
                    .forEach((k, v) -> sb.append("\n    ").append(k).append(": ").append(Options.pyRepr(v)));
        }
        return sb.append("\n)").toString();
    }
}
