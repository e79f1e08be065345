package dev.nabla.optim;

import dev.nabla.Tensor;

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
}
