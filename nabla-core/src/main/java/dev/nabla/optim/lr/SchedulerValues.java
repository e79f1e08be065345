package dev.nabla.optim.lr;

import dev.nabla.optim.Optimizer;
import dev.nabla.optim.ParamGroup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@link LRScheduler} and {@link ReduceLROnPlateau} both need (the latter is driven by a metric, so it is no
 * {@code LRScheduler}): the optimizer check, the groups' current rates, and reading numbers back from a state dict
 * whose values may be any {@link Number} (ints and doubles from Java, longs from a JSON or safetensors round trip).
 */
final class SchedulerValues {
    private SchedulerValues() {}

    static Optimizer requireOptimizer(Optimizer optimizer) {
        if (optimizer == null) throw new IllegalArgumentException("null is not an Optimizer");
        return optimizer;
    }

    /** Every group's current {@code "lr"}, in group order (unmodifiable). */
    static List<Double> currentLrs(Optimizer optimizer) {
        List<Double> out = new ArrayList<>();
        for (ParamGroup g : optimizer.paramGroups()) out.add(g.lr());
        return List.copyOf(out);
    }

    /** A list of numbers as doubles (unmodifiable). */
    static List<Double> doubles(Object o) {
        List<Double> out = new ArrayList<>();
        for (Object x : (List<?>) o) out.add(((Number) x).doubleValue());
        return List.copyOf(out);
    }

    static int intValue(Map<String, Object> state, String key) {
        return ((Number) state.get(key)).intValue();
    }

    static double doubleValue(Map<String, Object> state, String key) {
        return ((Number) state.get(key)).doubleValue();
    }
}
