package dev.nabla.nn;

import dev.nabla.Nabla;
import dev.nabla.Tensor;
import dev.nabla.nn.functional.ConvFunctions;

/**
 * Group normalisation, PyTorch's {@code nn.GroupNorm}: the channels of each sample are split into
 * {@code numGroups} groups, each normalised to zero mean and unit (biased) variance over its channels and
 * positions, then scaled and shifted per channel. It uses no batch statistics, so training and evaluation
 * compute the same thing.
 *
 * <p>Shape: input {@code [N, C, *]}, output the same; {@code weight} and {@code bias} are {@code [C]} (ones and
 * zeros at first), absent when {@code affine} is false.
 *
 * <pre>{@code
 * GroupNorm gn = new GroupNorm(4, 32);
 * Tensor y = gn.forward(Nabla.randn(8, 32, 14, 14));   // same shape
 * }</pre>
 */
public class GroupNorm extends Module {
    private final int numGroups, numChannels;
    private final double eps;
    private final boolean affine;
    private final Tensor weight, bias;

    public GroupNorm(int numGroups, int numChannels) {
        this(numGroups, numChannels, 1e-5, true);
    }

    public GroupNorm(int numGroups, int numChannels, double eps, boolean affine) {
        if (numGroups <= 0 || numChannels % numGroups != 0) {
            throw new IllegalArgumentException("num_channels must be divisible by num_groups");
        }
        this.numGroups = numGroups;
        this.numChannels = numChannels;
        this.eps = eps;
        this.affine = affine;
        this.weight = registerParameter("weight", affine ? Nabla.ones(numChannels) : null);
        this.bias = registerParameter("bias", affine ? Nabla.zeros(numChannels) : null);
    }

    @Override
    public Tensor forward(Tensor input) {
        return ConvFunctions.groupNorm(input, numGroups, weight, bias, eps);
    }

    /** The per-channel scale, or null when not affine. */
    public Tensor weight() {
        return weight;
    }

    /** The per-channel shift, or null when not affine. */
    public Tensor bias() {
        return bias;
    }

    @Override
    public String extraRepr() {
        return numGroups + ", " + numChannels + ", eps=" + PyRepr.pyFloat(eps) + ", affine=" + pyBool(affine);
    }
}
