package dev.nabla.nn;

import dev.nabla.Tensor;
import dev.nabla.nn.functional.F;

/**
 * A sigmoid and binary cross-entropy in one, PyTorch's {@code nn.BCEWithLogitsLoss}: computed in the
 * log-sum-exp form, it stays finite for any score. {@code posWeight} (a buffer, one value per class, broadcast
 * along the last dim) weighs the positive examples, to trade recall against precision; {@code weight} rescales
 * each element's loss.
 *
 * <p>Shape: input (raw scores) and target {@code [*]} of the same shape; output a scalar, or {@code [*]} with
 * "none".
 *
 * <pre>{@code
 * Tensor loss = new BCEWithLogitsLoss().posWeight(Nabla.full(3.0, 1)).forward(scores, labels);
 * }</pre>
 */
public class BCEWithLogitsLoss extends WeightedLoss {
    public BCEWithLogitsLoss() {
        this(null, "mean", null);
    }

    public BCEWithLogitsLoss(Tensor weight, String reduction, Tensor posWeight) {
        super(weight, reduction);
        registerBuffer("pos_weight", posWeight);
    }

    @Override
    public BCEWithLogitsLoss reduction(String reduction) {
        super.reduction(reduction);
        return this;
    }

    /** Sets the per-element weight (null for none); returns this. */
    public BCEWithLogitsLoss weight(Tensor weight) {
        setBuffer("weight", weight);
        return this;
    }

    /** Sets the weight of positive examples (null for none); returns this. */
    public BCEWithLogitsLoss posWeight(Tensor posWeight) {
        setBuffer("pos_weight", posWeight);
        return this;
    }

    public Tensor posWeight() {
        return getBuffer("pos_weight");
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.binaryCrossEntropyWithLogits(input, target, weight(), posWeight(), reduction());
    }
}
