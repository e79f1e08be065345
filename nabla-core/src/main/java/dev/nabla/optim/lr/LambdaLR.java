package dev.nabla.optim.lr;

import dev.nabla.optim.Optimizer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * Sets every group's learning rate to its initial value times {@code factor(epoch)} (PyTorch's {@code LambdaLR}),
 * one function for all groups or one per group.
 *
 * <pre>{@code
 * LambdaLR warmup = new LambdaLR(optimizer, epoch -> Math.min(1.0, (epoch + 1) / 10.0));
 * }</pre>
 */
public class LambdaLR extends LRScheduler {
    private final List<IntToDoubleFunction> factors;

    public LambdaLR(Optimizer optimizer, IntToDoubleFunction factor) {
        this(optimizer, java.util.Collections.nCopies(optimizer.paramGroups().size(), factor));
    }

    /** One function per parameter group. */
    public LambdaLR(Optimizer optimizer, List<IntToDoubleFunction> factors) {
        super(optimizer);
        if (factors.size() != optimizer.paramGroups().size()) {
            throw new IllegalArgumentException("Expected " + optimizer.paramGroups().size() + " lr_lambdas, but got "
                    + factors.size());
        }
        this.factors = List.copyOf(factors);
        initialStep();
    }

    @Override
    protected List<Double> computeLr() {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < baseLrs.size(); i++) out.add(baseLrs.get(i) * factors.get(i).applyAsDouble(lastEpoch));
        return out;
    }

    @Override
    protected List<Double> closedFormLr() {
        return computeLr();
    }
}
