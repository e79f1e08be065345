package dev.nabla.optim;

import dev.nabla.Nabla;
import dev.nabla.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adagrad (PyTorch's {@code torch.optim.Adagrad}, dense gradients):
 * <pre>
 *   t += 1
 *   g = grad (negated when maximize) + weight_decay * p
 *   clr = lr / (1 + (t - 1) * lr_decay)
 *   sum = sum + g * g                       (sum starts at initial_accumulator_value)
 *   p = p - clr * g / (sqrt(sum) + eps)
 * </pre>
 * PyTorch creates the state in the constructor; here it appears on a parameter's first step (so that the fluent
 * {@link #initialAccumulatorValue} can still change it), with the same values.
 *
 * <pre>{@code
 * Adagrad optimizer = new Adagrad(model.parameters(), 0.1).lrDecay(1e-3);
 * }</pre>
 *
 * <p>State per parameter: {@code "step"}, {@code "sum"}.
 */
public class Adagrad extends Optimizer {

    /** Adagrad with PyTorch's default learning rate, 1e-2. */
    public Adagrad(List<Tensor> params) {
        this(params, 1e-2);
    }

    public Adagrad(List<Tensor> params, double lr) {
        super(params, defaults(lr));
    }

    private static Map<String, Object> defaults(double lr) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("lr", lr);
        d.put("lr_decay", 0.0);
        d.put("eps", 1e-10);
        d.put("weight_decay", 0.0);
        d.put("initial_accumulator_value", 0.0);
        d.put("maximize", false);
        return d;
    }

    /** Learning-rate decay per step (default 0). */
    public Adagrad lrDecay(double lrDecay) {
        setNonNegativeDefault("lr_decay", lrDecay);
        return this;
    }

    /** L2 penalty added to the gradient (default 0). */
    public Adagrad weightDecay(double weightDecay) {
        setNonNegativeDefault("weight_decay", weightDecay);
        return this;
    }

    /** Starting value of the squared-gradient sum (default 0). */
    public Adagrad initialAccumulatorValue(double value) {
        setNonNegativeDefault("initial_accumulator_value", value);
        return this;
    }

    /** Added to the denominator for numerical stability (default 1e-10). */
    public Adagrad eps(double eps) {
        setNonNegativeDefault("eps", eps);
        return this;
    }

    /** Maximizes the objective instead of minimizing it. */
    public Adagrad maximize(boolean maximize) {
        setDefault("maximize", maximize);
        return this;
    }

    @Override
    protected void validateOptions(ParamGroup group) {
        super.validateOptions(group);
        requireNonNegative(group, "lr_decay", "weight_decay", "initial_accumulator_value", "eps");
    }

    @Override
    protected void update(Tensor p, Tensor grad, ParamGroup group, Map<String, Tensor> state) {
        double lr = group.lr(), lrDecay = group.getDouble("lr_decay"), eps = group.getDouble("eps");
        double weightDecay = group.getDouble("weight_decay");
        boolean maximize = group.getBoolean("maximize");
        double initial = group.getDouble("initial_accumulator_value");
        double t = Flat.incrementStep(state);
        Tensor sum = state.computeIfAbsent("sum", k -> Nabla.fullLike(p, initial));
        double clr = lr / (1 + (t - 1) * lrDecay);
        if (!Flat.fusable(p)) {
            Tensor g = Flat.effectiveGrad(grad, p, maximize, weightDecay);
            sum.addcmul_(g, g, 1);
            p.addcdiv_(g, sum.sqrt().add(eps), -clr);
            return;
        }
        Tensor g = Flat.dense(grad, p);
        float[] pa = Flat.data(p), ga = Flat.data(g), sa = Flat.data(sum);
        int po = Flat.offset(p), go = Flat.offset(g), so = Flat.offset(sum), n = (int) p.numel();
        float wd = (float) weightDecay, epsf = (float) eps, step = (float) -clr;
        for (int i = 0; i < n; i++) {
            float gi = maximize ? -ga[go + i] : ga[go + i];
            if (weightDecay != 0) gi = gi + wd * pa[po + i];
            float si = sa[so + i] + gi * gi;
            sa[so + i] = si;
            pa[po + i] = pa[po + i] + step * (gi / ((float) Math.sqrt(si) + epsf));
        }
        Flat.touched(p, sum);
    }
}
