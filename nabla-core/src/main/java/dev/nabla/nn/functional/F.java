package dev.nabla.nn.functional;

import dev.nabla.DType;
import dev.nabla.Generator;
import dev.nabla.Nabla;
import dev.nabla.Storage;
import dev.nabla.Tensor;
import dev.nabla.nn.PyRepr;

/**
 * PyTorch's {@code torch.nn.functional}: the stateless math that the layers in {@code dev.nabla.nn} call.
 * Use it as {@code F.relu(x)}, {@code F.crossEntropy(logits, labels)}.
 *
 * <p>The file is organised in sections (linear, activations, dropout, normalisation, sparse, losses, and the
 * convolution/pooling section at the end); each function checks its input and fails with PyTorch's message.
 */
public final class F {
    private F() {}

    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);

    // ==========================================================================================================
    // Linear

    /**
     * {@code y = x w^T + b}. The transpose is a view, so the matrix product reads {@code w} in place.
     *
     * @param x input of shape {@code [*, in]}
     * @param weight shape {@code [out, in]}
     * @param bias shape {@code [out]}, or null for none
     */
    public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        Tensor y = x.matmul(weight.t());
        return bias == null ? y : y.add(bias);
    }

    // ==========================================================================================================
    // Activations

    public static Tensor relu(Tensor x) {
        return x.relu();
    }

    /** {@code x} where positive, {@code negativeSlope * x} elsewhere. */
    public static Tensor leakyRelu(Tensor x, double negativeSlope) {
        return Nabla.where(x.gt(0), x, x.mul(negativeSlope));
    }

    /** PyTorch's default negative slope, 0.01. */
    public static Tensor leakyRelu(Tensor x) {
        return leakyRelu(x, 0.01);
    }

    /** {@code x} where positive, {@code alpha * (exp(x) - 1)} elsewhere. */
    public static Tensor elu(Tensor x, double alpha) {
        // exp of min(x, 0), not of x: the unused branch of where() must stay finite, or its zero gradient
        // times an infinite exp(x) would turn into NaN.
        Tensor negative = x.clampMax(0).exp().sub(1).mul(alpha);
        return Nabla.where(x.gt(0), x, negative);
    }

    public static Tensor elu(Tensor x) {
        return elu(x, 1.0);
    }

    /** Exact GELU: {@code x * Phi(x) = 0.5 x (1 + erf(x / sqrt 2))}. */
    public static Tensor gelu(Tensor x) {
        return gelu(x, "none");
    }

    /** GELU with {@code approximate} "none" (the erf form) or "tanh" (PyTorch's tanh approximation). */
    public static Tensor gelu(Tensor x, String approximate) {
        if ("none".equals(approximate)) {
            return x.mul(Activations.erf(x.mul(SQRT_HALF)).add(1)).mul(0.5);
        }
        if ("tanh".equals(approximate)) {
            Tensor inner = x.add(x.pow(3).mul(0.044715)).mul(SQRT_2_OVER_PI);
            return x.mul(inner.tanh().add(1)).mul(0.5);
        }
        throw new IllegalArgumentException("approximate argument must be either none or tanh.");
    }

    /** {@code x * sigmoid(x)}, also known as swish. */
    public static Tensor silu(Tensor x) {
        return x.mul(x.sigmoid());
    }

    public static Tensor sigmoid(Tensor x) {
        return x.sigmoid();
    }

    public static Tensor tanh(Tensor x) {
        return x.tanh();
    }

    public static Tensor softmax(Tensor x, int dim) {
        return x.softmax(dim);
    }

    public static Tensor logSoftmax(Tensor x, int dim) {
        return x.logSoftmax(dim);
    }

    // ==========================================================================================================
    // Dropout

    /**
     * In training, zeroes each element with probability {@code p} (drawn from the default generator) and scales
     * the others by {@code 1/(1-p)}, so that the expected value is unchanged; otherwise returns {@code x}.
     */
    public static Tensor dropout(Tensor x, double p, boolean training) {
        checkDropoutProbability(p);
        if (!training || p == 0) return x;
        if (p == 1) return x.mul(0);
        int n = (int) x.numel();
        float[] mask = new float[n];
        Generator.getDefault().fillUniform(mask, 0, n, 0, 1);
        float scale = (float) (1.0 / (1.0 - p));
        for (int i = 0; i < n; i++) mask[i] = mask[i] < p ? 0f : scale;
        Tensor m = Tensor.of(Storage.of(mask), x.shape());
        return x.mul(x.dtype() == DType.FLOAT32 ? m : m.to(x.dtype()));
    }

    /** PyTorch's check, shared with the Dropout layer's constructor. */
    public static void checkDropoutProbability(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + PyRepr.pyFloat(p));
        }
    }
}
