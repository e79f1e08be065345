package dev.nabla.nn;

import dev.nabla.Tensor;
import dev.nabla.nn.functional.F;

/**
 * Negative log-likelihood of log-probabilities at class-index targets, PyTorch's {@code nn.NLLLoss}; put a
 * {@link LogSoftmax} before it (or use {@link CrossEntropyLoss} on raw scores). {@code weight} (a buffer) weighs
 * each class; targets equal to {@code ignoreIndex} (default -100) count for nothing; "mean" divides by the
 * summed weights of the counted targets.
 *
 * <p>Shape: input {@code [N, C]}, {@code [N, C, d1, ...]} or {@code [C]}; target int64 {@code [N]},
 * {@code [N, d1, ...]} or {@code []}; output a scalar, or the target's shape with "none".
 *
 * <pre>{@code
 * Tensor loss = new NLLLoss().forward(logits.logSoftmax(1), labels);
 * }</pre>
 */
public class NLLLoss extends WeightedLoss {
    private long ignoreIndex = -100;

    public NLLLoss() {
        this(null, -100, "mean");
    }

    /** {@code weight}: {@code [C]} per-class weights, or null. */
    public NLLLoss(Tensor weight) {
        this(weight, -100, "mean");
    }

    public NLLLoss(Tensor weight, long ignoreIndex, String reduction) {
        super(weight, reduction);
        this.ignoreIndex = ignoreIndex;
    }

    @Override
    public NLLLoss reduction(String reduction) {
        super.reduction(reduction);
        return this;
    }

    /** Sets the target value that contributes nothing; returns this. */
    public NLLLoss ignoreIndex(long ignoreIndex) {
        this.ignoreIndex = ignoreIndex;
        return this;
    }

    /** Sets the per-class weights (null for none); returns this. */
    public NLLLoss weight(Tensor weight) {
        setBuffer("weight", weight);
        return this;
    }

    public long ignoreIndex() {
        return ignoreIndex;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.nllLoss(input, target, weight(), ignoreIndex, reduction());
    }
}
