package dev.nabla.optim;

import dev.nabla.DType;
import dev.nabla.Nabla;
import dev.nabla.Storage;
import dev.nabla.Tensor;

import java.util.Map;

/**
 * Helpers for the optimizers' fused loops: an update reads and writes the parameter's {@code float[]} directly
 * (one pass over memory instead of one per tensor op) when the parameter is float32 and contiguous, the common case;
 * other parameters go through tensor ops. Writes bump the storage's version counter, so autograd still detects a
 * parameter modified after being saved for backward.
 *
 * <p>Each optimizer spells out its own loop, including the two lines that negate the gradient and add the L2
 * penalty. With those lines in one shared helper method, RMSprop's step ran about 15% slower on 64K-element
 * parameters once other optimizers had run in the same JVM (and as fast when it ran alone), which points at the
 * helper's JIT profile being shared by all the loops.
 */
final class Flat {
    private Flat() {}

    /** True when the fused float32 loop applies to this parameter. */
    static boolean fusable(Tensor param) {
        return param.dtype() == DType.FLOAT32 && param.isContiguous();
    }

    /** The gradient as a contiguous tensor of the parameter's dtype (usually the gradient itself). */
    static Tensor dense(Tensor grad, Tensor param) {
        Tensor g = grad.dtype() == param.dtype() ? grad : grad.to(param.dtype());
        return g.isContiguous() ? g : g.contiguous();
    }

    static float[] data(Tensor t) { return t.storage().floats(); }

    static int offset(Tensor t) { return t.storageOffset(); }

    /** A zero buffer shaped like the parameter, registered in the state under {@code name} if absent. */
    static Tensor buffer(Map<String, Tensor> state, String name, Tensor param) {
        return state.computeIfAbsent(name, k -> Nabla.zerosLike(param));
    }

    /** Adds one to the {@code "step"} counter (a 0-dim float32 tensor, as PyTorch keeps it) and returns the new count. */
    static double incrementStep(Map<String, Tensor> state) {
        Tensor step = state.computeIfAbsent("step", k -> Nabla.zeros(new int[0]));
        Storage s = step.storage();
        double next = s.getDouble(step.storageOffset()) + 1;
        s.setDouble(step.storageOffset(), next);
        s.bumpVersion();
        return next;
    }

    /**
     * The gradient as the update rules see it on the tensor-op path: negated when maximizing, plus the L2 penalty
     * {@code weightDecay * param} (skipped when zero, so a zero decay costs nothing).
     */
    static Tensor effectiveGrad(Tensor grad, Tensor param, boolean maximize, double weightDecay) {
        Tensor g = maximize ? grad.neg() : grad;
        return weightDecay != 0 ? g.add(param, weightDecay) : g;
    }

    /** Marks tensors whose arrays were written directly. */
    static void touched(Tensor... ts) {
        for (Tensor t : ts) if (t != null) t.storage().bumpVersion();
    }
}
