package dev.nabla.nn;

import dev.nabla.Nabla;
import dev.nabla.Tensor;
import dev.nabla.nn.functional.F;
import dev.nabla.nn.init.Init;

/**
 * Applies an affine map {@code y = x W^T + b}, PyTorch's {@code nn.Linear}.
 *
 * <p>Shape: input {@code [*, inFeatures]}, output {@code [*, outFeatures]}; {@code weight} is
 * {@code [outFeatures, inFeatures]} and {@code bias} {@code [outFeatures]}, as in PyTorch's state dicts.
 *
 * <p>Initialisation is PyTorch's: the weight from kaiming-uniform with {@code a = sqrt(5)} (that is,
 * U(-1/sqrt(in), 1/sqrt(in))), the bias from U(-1/sqrt(in), 1/sqrt(in)).
 *
 * <pre>{@code
 * Linear fc = new Linear(784, 256);
 * Tensor y = fc.forward(Nabla.randn(64, 784));   // [64, 256]
 * }</pre>
 */
public class Linear extends Module {
    private final int inFeatures;
    private final int outFeatures;
    private final Tensor weight;
    private final Tensor bias;

    public Linear(int inFeatures, int outFeatures) {
        this(inFeatures, outFeatures, true);
    }

    public Linear(int inFeatures, int outFeatures, boolean bias) {
        if (inFeatures < 0 || outFeatures < 0) {
            throw new IllegalArgumentException("Trying to create tensor with negative dimension: in_features="
                    + inFeatures + ", out_features=" + outFeatures);
        }
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        this.weight = registerParameter("weight", Nabla.zeros(outFeatures, inFeatures));
        this.bias = registerParameter("bias", bias ? Nabla.zeros(outFeatures) : null);
        resetParameters();
    }

    /** Redraws the weight and bias from PyTorch's default distributions (weight first, then bias). */
    public void resetParameters() {
        Init.kaimingUniform_(weight, Math.sqrt(5), "fan_in", "leaky_relu");
        if (bias != null) {
            double bound = inFeatures > 0 ? 1 / Math.sqrt(inFeatures) : 0;
            Init.uniform_(bias, -bound, bound);
        }
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.linear(input, weight, bias);
    }

    /** The weight, {@code [outFeatures, inFeatures]}. */
    public Tensor weight() {
        return weight;
    }

    /** The bias, {@code [outFeatures]}, or null when built with {@code bias=false}. */
    public Tensor bias() {
        return bias;
    }

    public int inFeatures() {
        return inFeatures;
    }

    public int outFeatures() {
        return outFeatures;
    }

    @Override
    public String extraRepr() {
        return "in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=" + PyRepr.pyBool(bias != null);
    }
}
