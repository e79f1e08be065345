package dev.nabla.optim;

import dev.nabla.Tensor;

import java.util.List;

/**
 * Adam with decoupled weight decay (PyTorch's {@code torch.optim.AdamW}): each step first shrinks the weights,
 * {@code p *= 1 - lr * weight_decay}, then applies Adam's update to the raw gradient. Default weight decay 1e-2.
 *
 * <pre>{@code
 * AdamW optimizer = new AdamW(model.parameters(), 1e-3).weightDecay(0.05);
 * }</pre>
 *
 * <p>State per parameter: as {@link Adam}.
 */
public class AdamW extends Adam {

    /** AdamW with PyTorch's default learning rate, 1e-3. */
    public AdamW(List<Tensor> params) {
        this(params, 1e-3);
    }

    public AdamW(List<Tensor> params, double lr) {
        super(params, lr, 1e-2, true);
    }

    @Override
    public AdamW betas(double beta1, double beta2) {
        super.betas(beta1, beta2);
        return this;
    }

    @Override
    public AdamW eps(double eps) {
        super.eps(eps);
        return this;
    }

    @Override
    public AdamW weightDecay(double weightDecay) {
        super.weightDecay(weightDecay);
        return this;
    }

    @Override
    public AdamW amsgrad(boolean amsgrad) {
        super.amsgrad(amsgrad);
        return this;
    }

    @Override
    public AdamW maximize(boolean maximize) {
        super.maximize(maximize);
        return this;
    }
}
