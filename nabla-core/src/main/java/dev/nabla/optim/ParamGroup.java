package dev.nabla.optim;

import dev.nabla.Tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One parameter group of an {@link Optimizer}: its parameters and its own options, keyed by PyTorch's names
 * ({@code "lr"}, {@code "momentum"}, {@code "weight_decay"}, {@code "betas"}, ...) so that a state dict carries the
 * same keys as PyTorch's {@code param_groups}. Schedulers read and write {@code "lr"} here, and may add keys of their
 * own ({@code "initial_lr"}, {@code "max_lr"}), as they do in PyTorch.
 *
 * <p>Option values are {@link Double}, {@link Boolean}, {@link Integer} or {@code List<Double>} (for
 * {@code "betas"}). Options given to the constructor or {@link #set} belong to the group; the others come from the
 * optimizer's defaults and follow its fluent setters ({@code sgd.momentum(0.9)}).
 *
 * <pre>{@code
 * SGD opt = new SGD(model.backbone().parameters(), 0.01).momentum(0.9);
 * opt.addParamGroup(new ParamGroup(model.head().parameters(), Map.of("lr", 0.1)));
 * }</pre>
 */
public final class ParamGroup {
    private final List<Tensor> params;
    private final Map<String, Object> options = new LinkedHashMap<>();
    /** Keys set by the user for this group, which the optimizer's fluent setters leave alone. */
    private final Set<String> own = new HashSet<>();

    public ParamGroup(List<Tensor> params, Map<String, ?> options) {
        this.params = List.copyOf(params);
        options.forEach(this::set);
    }

    /** A group with only its parameters: every option comes from the optimizer's defaults. */
    public ParamGroup(List<Tensor> params) {
        this(params, Map.of());
    }

    /** The parameters of this group, in order (unmodifiable). */
    public List<Tensor> params() { return params; }

    /** The options, in insertion order (unmodifiable view). */
    public Map<String, Object> options() { return Collections.unmodifiableMap(options); }

    public boolean has(String key) { return options.containsKey(key); }

    public Object get(String key) {
        Object v = options.get(key);
        if (v == null) throw new IllegalArgumentException("parameter group has no option '" + key + "'");
        return v;
    }

    public double getDouble(String key) { return ((Number) get(key)).doubleValue(); }

    public boolean getBoolean(String key) { return (Boolean) get(key); }

    /** A two-element option such as {@code "betas"}. */
    public double[] getPair(String key) {
        List<?> v = (List<?>) get(key);
        return new double[] {((Number) v.get(0)).doubleValue(), ((Number) v.get(1)).doubleValue()};
    }

    /** Sets an option of this group (numbers become Double, lists an unmodifiable list); returns this. */
    public ParamGroup set(String key, Object value) {
        if (key.equals("params")) throw new IllegalArgumentException("'params' is not an option; a group's parameters are fixed");
        options.put(key, normalize(value));
        own.add(key);
        return this;
    }

    public ParamGroup setPair(String key, double first, double second) {
        return set(key, List.of(first, second));
    }

    /** The learning rate, {@code options().get("lr")}. */
    public double lr() { return getDouble("lr"); }

    public ParamGroup lr(double lr) { return set("lr", lr); }

    /** Fills every option this group does not set from {@code defaults}. */
    void fillFrom(Map<String, Object> defaults) {
        defaults.forEach(options::putIfAbsent);
    }

    /** A new default from a fluent setter: applies unless the group set this option itself. */
    void setDefault(String key, Object value) {
        if (!own.contains(key)) options.put(key, normalize(value));
    }

    /**
     * Replaces every option (loading a state dict). Options equal to the optimizer's defaults keep following the
     * fluent setters; the others become this group's own.
     */
    void replaceOptions(Map<String, Object> newOptions, Map<String, Object> defaults) {
        options.clear();
        own.clear();
        newOptions.forEach((k, v) -> {
            if (k.equals("params")) return;
            Object value = normalize(v);
            options.put(k, value);
            if (!value.equals(defaults.get(k))) own.add(k);
        });
    }

    static Object normalize(Object value) {
        if (value instanceof Float || value instanceof Double) return ((Number) value).doubleValue();
        if (value instanceof Long l && l == l.intValue()) return l.intValue();
        if (value instanceof Short || value instanceof Byte) return ((Number) value).intValue();
        if (value instanceof double[] a) {
            List<Double> list = new ArrayList<>(a.length);
            for (double d : a) list.add(d);
            return List.copyOf(list);
        }
        if (value instanceof List<?> l) {
            List<Object> list = new ArrayList<>(l.size());
            for (Object o : l) list.add(normalize(o));
            return List.copyOf(list);
        }
        return value;
    }

    @Override
    public String toString() {
        return "ParamGroup(" + params.size() + " params, " + options + ")";
    }
}
