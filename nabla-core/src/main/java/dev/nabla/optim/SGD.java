package dev.nabla.optim;

import dev.nabla.Tensor;
import dev.nabla.kernels.Parallel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent, optionally with momentum (PyTorch's {@code torch.optim.SGD}, same update order):
 * <pre>
 *   d = grad (negated when maximize) + weight_decay * p
 *   buf = d on the first step, else momentum * buf + (1 - dampening) * d
 *   d = nesterov ? d + momentum * buf : buf
 *   p = p - lr * d
 * </pre>
 * The first step copies the gradient into the momentum buffer without dampening, as PyTorch does.
 *
 * <pre>{@code
 * SGD optimizer = new SGD(model.parameters(), 0.05).momentum(0.9).weightDecay(1e-4);
 * optimizer.zeroGrad(); loss.backward(); optimizer.step();
 * }</pre>
 *
 * <p>State per parameter: {@code "momentum_buffer"} (when momentum is non-zero).
 */
public class SGD extends Optimizer {

    public SGD(List<Tensor> params, double lr) {
        super(params, defaults(lr));
    }

    private static Map<String, Object> defaults(double lr) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("lr", lr);
        d.put("momentum", 0.0);
        d.put("dampening", 0.0);
        d.put("weight_decay", 0.0);
        d.put("nesterov", false);
        d.put("maximize", false);
        return d;
    }

    /** Momentum factor (default 0: plain SGD). */
    public SGD momentum(double momentum) {
        setNonNegativeDefault("momentum", momentum);
        return this;
    }

    /** Dampening of the momentum's gradient term (default 0). */
    public SGD dampening(double dampening) {
        setDefault("dampening", dampening);
        return this;
    }

    /** L2 penalty added to the gradient (default 0). */
    public SGD weightDecay(double weightDecay) {
        setNonNegativeDefault("weight_decay", weightDecay);
        return this;
    }

    /** Nesterov momentum (needs a momentum and zero dampening; checked on the next step). */
    public SGD nesterov(boolean nesterov) {
        setDefault("nesterov", nesterov);
        return this;
    }

    /** Maximizes the objective instead of minimizing it. */
    public SGD maximize(boolean maximize) {
        setDefault("maximize", maximize);
        return this;
    }

    @Override
    protected void validateOptions(ParamGroup group) {
        super.validateOptions(group);
        requireNonNegative(group, "momentum", "weight_decay");
        if (group.getBoolean("nesterov") && (group.getDouble("momentum") <= 0 || group.getDouble("dampening") != 0)) {
            throw new IllegalArgumentException("Nesterov momentum requires a momentum and zero dampening");
        }
    }

    @Override
    protected void update(Tensor p, Tensor grad, ParamGroup group, Map<String, Tensor> state) {
        double lr = group.lr(), momentum = group.getDouble("momentum"), dampening = group.getDouble("dampening");
        double weightDecay = group.getDouble("weight_decay");
        boolean nesterov = group.getBoolean("nesterov"), maximize = group.getBoolean("maximize");
        boolean first = !state.containsKey("momentum_buffer");
        Tensor buf = momentum != 0 ? Flat.buffer(state, "momentum_buffer", p) : null;
        if (!Flat.fusable(p)) {
            Tensor d = Flat.effectiveGrad(grad, p, maximize, weightDecay);
            if (buf != null) {
                if (first) buf.copy_(d);
                else buf.mul_(momentum).add_(d, 1 - dampening);
                d = nesterov ? d.add(buf, momentum) : buf;
            }
            p.add_(d, -lr);
            return;
        }
        Tensor g = Flat.dense(grad, p);
        float[] pa = Flat.data(p), ga = Flat.data(g);
        int po = Flat.offset(p), go = Flat.offset(g), n = (int) p.numel();
        float wd = (float) weightDecay, mom = (float) momentum, keep = (float) (1 - dampening), step = (float) -lr;
        if (momentum == 0) {
            for (int i = 0; i < n; i++) {
                float d = maximize ? -ga[go + i] : ga[go + i];
                if (weightDecay != 0) d = d + wd * pa[po + i];
                pa[po + i] = pa[po + i] + step * d;
            }
        } else {
            float[] ba = Flat.data(buf);
            int bo = Flat.offset(buf);
            if (!maximize && weightDecay == 0 && !first && !nesterov) {
                // The buffer's version counter goes up once per step: it picks the slice to flush.
                int slice = Math.floorMod(buf.storage().version(), FLUSH_SLICES);
                int parts = n >= PARALLEL_MIN_ELEMENTS ? Parallel.threads() : 1;
                if (parts <= 1) {
                    flushSubnormals(ba, bo, n, slice);
                    momentumStep(pa, po, ga, go, ba, bo, n, mom, keep, step);
                } else {
                    // Memory-bound (three arrays of the weight's size): each core streams its own contiguous part.
                    Parallel.forEach(parts, t -> {
                        int from = (int) ((long) n * t / parts), len = (int) ((long) n * (t + 1) / parts) - from;
                        flushSubnormals(ba, bo + from, len, slice);
                        momentumStep(pa, po + from, ga, go + from, ba, bo + from, len, mom, keep, step);
                    });
                }
                Flat.touched(buf, p);
                return;
            }
            for (int i = 0; i < n; i++) {
                float d = maximize ? -ga[go + i] : ga[go + i];
                if (weightDecay != 0) d = d + wd * pa[po + i];
                float b = first ? d : ba[bo + i] * mom + keep * d;
                ba[bo + i] = b;
                d = nesterov ? d + mom * b : b;
                pa[po + i] = pa[po + i] + step * d;
            }
            Flat.touched(buf);
        }
        Flat.touched(p);
    }

    /** Below this many elements a parameter is updated on the calling thread (about 20 µs of work). */
    private static final int PARALLEL_MIN_ELEMENTS = 1 << 16;

    /** Subnormal momentum values are cleared from one slice of the buffer per step: each within this many steps. */
    private static final int FLUSH_SLICES = 8;

    /**
     * Sets the subnormal values (below {@code Float.MIN_NORMAL}, 1.2e-38) of one slice of a momentum buffer to zero.
     * Why: where a gradient stays exactly zero (Fashion-MNIST's always-black border pixels), the buffer decays by the
     * momentum factor each step into the subnormal range and sticks there (0.9 * 4 ulp rounds back to 4 ulp), and
     * every arithmetic op on a subnormal takes a microcode assist on x86, about 30x slower: one epoch of the seed
     * MLP ended with 13k such values and the update slowed down epoch after epoch (0.36, 1.47, 1.76 s). Java cannot
     * set the CPU's flush-to-zero mode, so the flush is done here. Their contribution {@code lr * buf} is below
     * 1e-39, lost to rounding in any parameter larger than about 1e-32 in magnitude.
     */
    private static void flushSubnormals(float[] ba, int bo, int n, int slice) {
        int from = (int) ((long) n * slice / FLUSH_SLICES), to = (int) ((long) n * (slice + 1) / FLUSH_SLICES);
        for (int i = bo + from; i < bo + to; i++) {
            if (Math.abs(ba[i]) < Float.MIN_NORMAL) ba[i] = 0f;
        }
    }

    /**
     * The common momentum step (no weight decay, not maximizing, not Nesterov, not the first step) as a loop
     * without branches, which C2 compiles to vector code: the general loop above runs several times slower. The
     * arithmetic is the general loop's, operation for operation, so the results are identical.
     */
    private static void momentumStep(float[] pa, int po, float[] ga, int go, float[] ba, int bo, int n,
                                     float mom, float keep, float step) {
        for (int i = 0; i < n; i++) {
            float b = ba[bo + i] * mom + keep * ga[go + i];
            ba[bo + i] = b;
            pa[po + i] = pa[po + i] + step * b;
        }
    }
}
