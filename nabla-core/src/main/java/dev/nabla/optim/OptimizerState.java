package dev.nabla.optim;

import dev.nabla.DType;
import dev.nabla.Nabla;
import dev.nabla.Storage;
import dev.nabla.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An optimizer's state dict, with PyTorch's structure: {@code state} maps a parameter's index (counted across all
 * groups, in order) to its named state tensors ({@code "momentum_buffer"}, {@code "exp_avg"}, {@code "step"}, ...),
 * and {@code paramGroups} holds each group's options plus {@code "params"}, the list of its parameter indices.
 *
 * <p>{@link #toFlatMap()} turns it into plain named tensors, so it can be saved beside a model's weights in a
 * safetensors checkpoint ({@code "state.0.exp_avg"}, {@code "param_groups.0.lr"}: options become 0-dim tensors,
 * float64 for numbers so no digit is lost, bool for flags, and 1-D tensors for lists); {@link #fromFlatMap} reads it
 * back, so training resumes exactly where it stopped.
 *
 * <pre>{@code
 * Map<String, Tensor> flat = optimizer.stateDict().toFlatMap();
 * ... save, load ...
 * optimizer.loadStateDict(OptimizerState.fromFlatMap(flat));
 * }</pre>
 */
public record OptimizerState(Map<Integer, Map<String, Tensor>> state, List<Map<String, Object>> paramGroups) {
    private static final String STATE = "state.";
    private static final String GROUPS = "param_groups.";

    /** All entries as named tensors ({@code "state.<index>.<name>"}, {@code "param_groups.<group>.<option>"}). */
    public Map<String, Tensor> toFlatMap() {
        return toFlatMap("");
    }

    /** As {@link #toFlatMap()}, each key starting with {@code prefix} (e.g. {@code "optimizer."}). */
    public Map<String, Tensor> toFlatMap(String prefix) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        state.forEach((index, tensors) -> tensors.forEach((name, t) -> out.put(prefix + STATE + index + "." + name, t)));
        for (int g = 0; g < paramGroups.size(); g++) {
            for (Map.Entry<String, Object> e : paramGroups.get(g).entrySet()) {
                if (e.getValue() == null) continue;
                out.put(prefix + GROUPS + g + "." + e.getKey(), encode(e.getKey(), e.getValue()));
            }
        }
        return out;
    }

    /** Reads what {@link #toFlatMap()} wrote. */
    public static OptimizerState fromFlatMap(Map<String, Tensor> flat) {
        return fromFlatMap(flat, "");
    }

    /** Reads the entries whose keys start with {@code prefix}, ignoring the others (e.g. the model's weights). */
    public static OptimizerState fromFlatMap(Map<String, Tensor> flat, String prefix) {
        Map<Integer, Map<String, Tensor>> state = new TreeMap<>();
        TreeMap<Integer, Map<String, Object>> groups = new TreeMap<>();
        for (Map.Entry<String, Tensor> e : flat.entrySet()) {
            if (!e.getKey().startsWith(prefix)) continue;
            String key = e.getKey().substring(prefix.length());
            if (key.startsWith(STATE)) {
                String[] parts = splitIndex(key, STATE);
                state.computeIfAbsent(Integer.parseInt(parts[0]), i -> new LinkedHashMap<>()).put(parts[1], e.getValue());
            } else if (key.startsWith(GROUPS)) {
                String[] parts = splitIndex(key, GROUPS);
                groups.computeIfAbsent(Integer.parseInt(parts[0]), i -> new LinkedHashMap<>())
                        .put(parts[1], decode(parts[1], e.getValue()));
            } else {
                throw new IllegalArgumentException("unexpected key in optimizer state: \"" + e.getKey()
                        + "\" (expected \"" + prefix + "state.<index>.<name>\" or \"" + prefix + "param_groups.<group>.<option>\")");
            }
        }
        for (int g = 0; g < groups.size(); g++) {
            if (!groups.containsKey(g)) {
                throw new IllegalArgumentException("optimizer state has no entries for param_groups." + g
                        + " but has groups up to " + groups.lastKey());
            }
        }
        return new OptimizerState(new LinkedHashMap<>(state), new ArrayList<>(groups.values()));
    }

    private static String[] splitIndex(String key, String head) {
        String rest = key.substring(head.length());
        int dot = rest.indexOf('.');
        if (dot <= 0 || dot == rest.length() - 1) {
            throw new IllegalArgumentException("malformed optimizer state key \"" + key + "\"");
        }
        try {
            Integer.parseInt(rest.substring(0, dot));
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("malformed optimizer state key \"" + key + "\": index is not a number");
        }
        return new String[] {rest.substring(0, dot), rest.substring(dot + 1)};
    }

    private static Tensor encode(String key, Object v) {
        if (v instanceof Boolean b) return Tensor.of(Storage.of(new boolean[] {b}));
        if (v instanceof Integer || v instanceof Long) return Tensor.of(Storage.of(new long[] {((Number) v).longValue()}));
        if (v instanceof Number n) return Tensor.of(Storage.of(new double[] {n.doubleValue()}));
        if (v instanceof List<?> list) {
            boolean integral = !list.isEmpty() && list.stream().allMatch(x -> x instanceof Integer || x instanceof Long);
            if (integral || list.isEmpty() && key.equals("params")) {
                long[] a = new long[list.size()];
                for (int i = 0; i < a.length; i++) a[i] = ((Number) list.get(i)).longValue();
                return Nabla.tensor(a, a.length);
            }
            double[] a = new double[list.size()];
            for (int i = 0; i < a.length; i++) a[i] = ((Number) list.get(i)).doubleValue();
            return Nabla.tensor(a, a.length);
        }
        throw new IllegalArgumentException("option '" + key + "' has a value of type " + v.getClass().getSimpleName()
                + " that cannot be stored as a tensor (numbers, booleans and lists of numbers can)");
    }

    private static Object decode(String key, Tensor t) {
        if (t.dim() == 0) {
            return switch (t.dtype()) {
                case BOOL -> t.item() != 0;
                case INT64 -> {
                    long v = t.toLongArray()[0];
                    yield v == (int) v ? (Object) (int) v : (Object) v;
                }
                default -> t.item();
            };
        }
        if (t.dim() != 1) {
            throw new IllegalArgumentException("option '" + key + "' must be a 0-dim or 1-D tensor, got shape "
                    + java.util.Arrays.toString(t.shape()));
        }
        List<Object> out = new ArrayList<>();
        if (t.dtype() == DType.INT64 || t.dtype() == DType.BOOL) {
            for (long v : t.toLongArray()) out.add((int) v);
        } else {
            for (double v : t.toDoubleArray()) out.add(v);
        }
        return List.copyOf(out);
    }
}
