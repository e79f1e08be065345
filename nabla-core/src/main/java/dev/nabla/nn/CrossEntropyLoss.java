package dev.nabla.nn;

import dev.nabla.Tensor;
import dev.nabla.nn.functional.F;

/**
 * Cross-entropy between raw scores and targets, PyTorch's {@code nn.CrossEntropyLoss}: a log-softmax over the
 * class dim and the negative log-likelihood, fused so that large scores stay finite. Targets are int64 class
 * indices or float class probabilities (the input's shape). Options as PyTorch's: {@code weight} per class (a
 * buffer), {@code ignoreIndex} (default -100, class-index targets only) and {@code labelSmoothing} in [0, 1].
 *
 * <p>Shape: input {@code [N, C]}, {@code [N, C, d1, ...]} or {@code [C]}; target int64 {@code [N]},
 * {@code [N, d1, ...]} or {@code []}, or float of the input's shape; output a scalar, or per sample with "none".
 *
 * <pre>{@code
 * CrossEntropyLoss criterion = new CrossEntropyLoss().labelSmoothing(0.1);
 * Tensor loss = criterion.forward(model.forward(x), labels);   // logits [N, C], labels int64 [N]
 * }</pre>
 */
public class CrossEntropyLoss extends WeightedLoss {
    private long ignoreIndex;
    private double labelSmoothing;

    public CrossEntropyLoss() {
        this(null, -100, "mean", 0.0);
    }

    /** {@code weight}: {@code [C]} per-class weights, or null. */
    public CrossEntropyLoss(Tensor weight) {
        this(weight, -100, "mean", 0.0);
    }

    public CrossEntropyLoss(Tensor weight, long ignoreIndex, String reduction, double labelSmoothing) {
        super(weight, reduction);
        this.ignoreIndex = ignoreIndex;
        labelSmoothing(labelSmoothing);
    }

    @Override
    public CrossEntropyLoss reduction(String reduction) {
        super.reduction(reduction);
        return this;
    }

    /** Sets the target value that contributes nothing; returns this. */
    public CrossEntropyLoss ignoreIndex(long ignoreIndex) {
        this.ignoreIndex = ignoreIndex;
        return this;
    }

    /** Sets how much of the target goes to the uniform distribution, in [0, 1]; returns this. */
    public CrossEntropyLoss labelSmoothing(double labelSmoothing) {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException("label_smoothing must be between 0.0 and 1.0. Got: " + labelSmoothing);
        }
        this.labelSmoothing = labelSmoothing;
        return this;
    }

    /** Sets the per-class weights (null for none); returns this. */
    public CrossEntropyLoss weight(Tensor weight) {
        setBuffer("weight", weight);
        return this;
    }

    public long ignoreIndex() {
        return ignoreIndex;
    }

    public double labelSmoothing() {
        return labelSmoothing;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.crossEntropy(input, target, weight(), ignoreIndex, reduction(), labelSmoothing);
    }
}
