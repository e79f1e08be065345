package dev.nabla.nn;

import dev.nabla.Nabla;
import dev.nabla.Tensor;
import dev.nabla.nn.functional.F;

/**
 * Layer normalisation over the trailing {@code normalizedShape} dims of each sample, PyTorch's
 * {@code nn.LayerNorm} (eps 1e-5, with a learnable elementwise scale and shift). Unlike batch norm it behaves
 * the same in training and eval.
 *
 * <p>Shape: input {@code [*, normalizedShape...]}; output the same.
 *
 * <pre>{@code
 * LayerNorm ln = new LayerNorm(10);
 * Tensor y = ln.forward(Nabla.randn(4, 10));
 * }</pre>
 */
public class LayerNorm extends Module {
    private final int[] normalizedShape;
    private final double eps;
    private final boolean elementwiseAffine;
    private final Tensor weight;
    private final Tensor bias;

    public LayerNorm(int... normalizedShape) {
        this(normalizedShape, 1e-5, true);
    }

    public LayerNorm(int[] normalizedShape, double eps, boolean elementwiseAffine) {
        if (normalizedShape.length == 0) throw new IllegalArgumentException("normalized_shape must not be empty");
        this.normalizedShape = normalizedShape.clone();
        this.eps = eps;
        this.elementwiseAffine = elementwiseAffine;
        this.weight = registerParameter("weight", elementwiseAffine ? Nabla.ones(normalizedShape) : null);
        this.bias = registerParameter("bias", elementwiseAffine ? Nabla.zeros(normalizedShape) : null);
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.layerNorm(input, normalizedShape, weight, bias, eps);
    }

    public int[] normalizedShape() { return normalizedShape.clone(); }
    public double eps() { return eps; }
    /** The scale (ones at first), or null without elementwise affine. */
    public Tensor weight() { return weight; }
    /** The shift (zeros at first), or null without elementwise affine. */
    public Tensor bias() { return bias; }

    @Override
    public String extraRepr() {
        return PyRepr.pyTuple(normalizedShape) + ", eps=" + PyRepr.pyFloat(eps) + ", elementwise_affine="
                + PyRepr.pyBool(elementwiseAffine);
    }
}
