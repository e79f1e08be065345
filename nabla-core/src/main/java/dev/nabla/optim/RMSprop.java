package dev.nabla.optim;

import dev.nabla.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RMSprop (PyTorch's {@code torch.optim.RMSprop}, same update order):
 * <pre>
 *   g = grad (negated when maximize) + weight_decay * p
 *   s = alpha * s + (1 - alpha) * g * g
 *   avg = sqrt(s - mean_g^2) + eps, with mean_g = alpha * mean_g + (1 - alpha) * g   (centered)
 *   avg = sqrt(s) + eps                                                              (otherwise)
 *   buf = momentum * buf + g / avg;  p = p - lr * buf                                (momentum &gt; 0)
 *   p = p - lr * g / avg                                                             (otherwise)
 * </pre>
 *
 * <pre>{@code
 * RMSprop optimizer = new RMSprop(model.parameters(), 0.01).momentum(0.9).centered(true);
 * }</pre>
 *
 * <p>State per parameter: {@code "step"}, {@code "square_avg"}, {@code "momentum_buffer"} (momentum &gt; 0),
 * {@code "grad_avg"} (centered).
 */
public class RMSprop extends Optimizer {

    /** RMSprop with PyTorch's default learning rate, 1e-2. */
    public RMSprop(List<Tensor> params) {
        this(params, 1e-2);
    }

    public RMSprop(List<Tensor> params, double lr) {
        super(params, defaults(lr));
    }

    private static Map<String, Object> defaults(double lr) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("lr", lr);
        d.put("momentum", 0.0);
        d.put("alpha", 0.99);
        d.put("eps", 1e-8);
        d.put("centered", false);
        d.put("weight_decay", 0.0);
        d.put("maximize", false);
        return d;
    }

    /** Smoothing constant of the squared-gradient average (default 0.99). */
    public RMSprop alpha(double alpha) {
        setNonNegativeDefault("alpha", alpha);
        return this;
    }

    /** Added to the denominator for numerical stability (default 1e-8). */
    public RMSprop eps(double eps) {
        setNonNegativeDefault("eps", eps);
        return this;
    }

    /** L2 penalty added to the gradient (default 0). */
    public RMSprop weightDecay(double weightDecay) {
        setNonNegativeDefault("weight_decay", weightDecay);
        return this;
    }

    /** Momentum factor (default 0). */
    public RMSprop momentum(double momentum) {
        setNonNegativeDefault("momentum", momentum);
        return this;
    }

    /** Normalises by an estimate of the gradient's variance instead of its second moment. */
    public RMSprop centered(boolean centered) {
        setDefault("centered", centered);
        return this;
    }

    /** Maximizes the objective instead of minimizing it. */
    public RMSprop maximize(boolean maximize) {
        setDefault("maximize", maximize);
        return this;
    }

    @Override
    protected void validateOptions(ParamGroup group) {
        super.validateOptions(group);
        requireNonNegative(group, "eps", "momentum", "weight_decay", "alpha");
    }

    @Override
    protected void update(Tensor p, Tensor grad, ParamGroup group, Map<String, Tensor> state) {
        double lr = group.lr(), alpha = group.getDouble("alpha"), eps = group.getDouble("eps");
        double weightDecay = group.getDouble("weight_decay"), momentum = group.getDouble("momentum");
        boolean centered = group.getBoolean("centered"), maximize = group.getBoolean("maximize");
        Flat.incrementStep(state);
        Tensor sq = Flat.buffer(state, "square_avg", p);
        Tensor buf = momentum > 0 ? Flat.buffer(state, "momentum_buffer", p) : null;
        Tensor mean = centered ? Flat.buffer(state, "grad_avg", p) : null;
        if (!Flat.fusable(p)) {
            Tensor g = Flat.effectiveGrad(grad, p, maximize, weightDecay);
            sq.mul_(alpha).addcmul_(g, g, 1 - alpha);
            Tensor avg;
            if (centered) {
                mean.mul_(alpha).add_(g, 1 - alpha);
                avg = sq.sub(mean.mul(mean)).sqrt();
            } else {
                avg = sq.sqrt();
            }
            avg = avg.add(eps);
            if (buf != null) {
                buf.mul_(momentum).addcdiv_(g, avg, 1);
                p.add_(buf, -lr);
            } else {
                p.addcdiv_(g, avg, -lr);
            }
            return;
        }
        Tensor g = Flat.dense(grad, p);
        float[] pa = Flat.data(p), ga = Flat.data(g), sa = Flat.data(sq);
        float[] ba = buf != null ? Flat.data(buf) : null, ma = centered ? Flat.data(mean) : null;
        int po = Flat.offset(p), go = Flat.offset(g), so = Flat.offset(sq), n = (int) p.numel();
        int bo = buf != null ? Flat.offset(buf) : 0, mo = centered ? Flat.offset(mean) : 0;
        float a = (float) alpha, c = (float) (1 - alpha), wd = (float) weightDecay, epsf = (float) eps;
        float mom = (float) momentum, step = (float) -lr;
        for (int i = 0; i < n; i++) {
            float gi = maximize ? -ga[go + i] : ga[go + i];
            if (weightDecay != 0) gi = gi + wd * pa[po + i];
            float si = sa[so + i] * a + c * (gi * gi);
            sa[so + i] = si;
            float avg;
            if (centered) {
                float mi = ma[mo + i] * a + c * gi;
                ma[mo + i] = mi;
                avg = (float) Math.sqrt(si + -1f * (mi * mi));
            } else {
                avg = (float) Math.sqrt(si);
            }
            avg = avg + epsf;
            if (ba != null) {
                float bi = ba[bo + i] * mom + gi / avg;
                ba[bo + i] = bi;
                pa[po + i] = pa[po + i] + step * bi;
            } else {
                pa[po + i] = pa[po + i] + step * (gi / avg);
            }
        }
        Flat.touched(p, sq, buf, mean);
    }
}
