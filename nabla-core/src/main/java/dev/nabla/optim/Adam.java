package dev.nabla.optim;

import dev.nabla.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam (PyTorch's {@code torch.optim.Adam}, the update order of PyTorch 1.13):
 * <pre>
 *   t += 1
 *   g = grad (negated when maximize) + weight_decay * p
 *   m = beta1 * m + (1 - beta1) * g
 *   v = beta2 * v + (1 - beta2) * g * g
 *   vmax = max(vmax, v)                                 (amsgrad)
 *   p = p - lr / (1 - beta1^t) * m / (sqrt(v or vmax) / sqrt(1 - beta2^t) + eps)
 * </pre>
 * {@link AdamW} decays the weights directly instead ({@code p *= 1 - lr * weight_decay}).
 *
 * <pre>{@code
 * Adam optimizer = new Adam(model.parameters(), 1e-3).betas(0.9, 0.999).amsgrad(true);
 * }</pre>
 *
 * <p>State per parameter: {@code "step"}, {@code "exp_avg"}, {@code "exp_avg_sq"}, {@code "max_exp_avg_sq"}
 * (amsgrad).
 */
public class Adam extends Optimizer {
    private final boolean decoupledWeightDecay;

    /** Adam with PyTorch's default learning rate, 1e-3. */
    public Adam(List<Tensor> params) {
        this(params, 1e-3);
    }

    public Adam(List<Tensor> params, double lr) {
        this(params, lr, 0.0, false);
    }

    Adam(List<Tensor> params, double lr, double weightDecay, boolean decoupledWeightDecay) {
        super(params, defaults(lr, weightDecay));
        this.decoupledWeightDecay = decoupledWeightDecay;
    }

    private static Map<String, Object> defaults(double lr, double weightDecay) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("lr", lr);
        d.put("betas", List.of(0.9, 0.999));
        d.put("eps", 1e-8);
        d.put("weight_decay", weightDecay);
        d.put("amsgrad", false);
        d.put("maximize", false);
        return d;
    }

    /** Decay rates of the first and second moment averages (default 0.9, 0.999). */
    public Adam betas(double beta1, double beta2) {
        Options.beta(0, beta1);
        Options.beta(1, beta2);
        setDefault("betas", List.of(beta1, beta2));
        return this;
    }

    /** Added to the denominator for numerical stability (default 1e-8). */
    public Adam eps(double eps) {
        setNonNegativeDefault("eps", eps);
        return this;
    }

    /** L2 penalty (Adam: added to the gradient, default 0; AdamW: decoupled, default 1e-2). */
    public Adam weightDecay(double weightDecay) {
        setNonNegativeDefault("weight_decay", weightDecay);
        return this;
    }

    /** The AMSGrad variant: normalises by the largest second moment seen so far. */
    public Adam amsgrad(boolean amsgrad) {
        setDefault("amsgrad", amsgrad);
        return this;
    }

    /** Maximizes the objective instead of minimizing it. */
    public Adam maximize(boolean maximize) {
        setDefault("maximize", maximize);
        return this;
    }

    @Override
    protected void validateOptions(ParamGroup group) {
        super.validateOptions(group);
        requireNonNegative(group, "eps");
        double[] betas = group.getPair("betas");
        Options.beta(0, betas[0]);
        Options.beta(1, betas[1]);
        requireNonNegative(group, "weight_decay");
    }

    @Override
    protected void update(Tensor p, Tensor grad, ParamGroup group, Map<String, Tensor> state) {
        double lr = group.lr(), eps = group.getDouble("eps"), weightDecay = group.getDouble("weight_decay");
        double[] betas = group.getPair("betas");
        boolean amsgrad = group.getBoolean("amsgrad"), maximize = group.getBoolean("maximize");
        double t = Flat.incrementStep(state);
        Tensor m = Flat.buffer(state, "exp_avg", p), v = Flat.buffer(state, "exp_avg_sq", p);
        Tensor vmax = amsgrad ? Flat.buffer(state, "max_exp_avg_sq", p) : null;
        double stepSize = lr / (1 - Math.pow(betas[0], t));
        double bias2Sqrt = Math.sqrt(1 - Math.pow(betas[1], t));
        // AdamW shrinks the weights instead of adding the penalty to the gradient.
        double l2 = decoupledWeightDecay ? 0 : weightDecay;
        if (!Flat.fusable(p)) {
            Tensor g = Flat.effectiveGrad(grad, p, maximize, l2);
            if (decoupledWeightDecay) p.mul_(1 - lr * weightDecay);
            m.mul_(betas[0]).add_(g, 1 - betas[0]);
            v.mul_(betas[1]).addcmul_(g, g, 1 - betas[1]);
            Tensor second = v;
            if (amsgrad) second = vmax.copy_(vmax.maximum(v));
            p.addcdiv_(m, second.sqrt().div(bias2Sqrt).add(eps), -stepSize);
            return;
        }
        Tensor g = Flat.dense(grad, p);
        float[] pa = Flat.data(p), ga = Flat.data(g), ma = Flat.data(m), va = Flat.data(v);
        float[] xa = amsgrad ? Flat.data(vmax) : null;
        int po = Flat.offset(p), go = Flat.offset(g), mo = Flat.offset(m), vo = Flat.offset(v);
        int xo = amsgrad ? Flat.offset(vmax) : 0, n = (int) p.numel();
        float b1 = (float) betas[0], b2 = (float) betas[1], c1 = (float) (1 - betas[0]), c2 = (float) (1 - betas[1]);
        float wd = (float) weightDecay, decay = (float) (1 - lr * weightDecay), epsf = (float) eps;
        float bc2 = (float) bias2Sqrt, step = (float) -stepSize;
        for (int i = 0; i < n; i++) {
            float gi = maximize ? -ga[go + i] : ga[go + i];
            float pi = pa[po + i];
            if (decoupledWeightDecay) pi = pi * decay;
            else if (weightDecay != 0) gi = gi + wd * pi;
            float mi = ma[mo + i] * b1 + c1 * gi;
            float vi = va[vo + i] * b2 + c2 * (gi * gi);
            ma[mo + i] = mi;
            va[vo + i] = vi;
            float second = vi;
            if (amsgrad) {
                second = Math.max(xa[xo + i], vi);
                xa[xo + i] = second;
            }
            float denom = (float) Math.sqrt(second) / bc2 + epsf;
            pa[po + i] = pi + step * (mi / denom);
        }
        Flat.touched(p, m, v, vmax);
    }
}
