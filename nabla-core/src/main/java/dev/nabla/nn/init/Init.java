package dev.nabla.nn.init;

import dev.nabla.Nabla;
import dev.nabla.Tensor;
import dev.nabla.nn.PyRepr;

/**
 * PyTorch's {@code torch.nn.init}: fills a tensor in place from the distributions PyTorch uses, drawing from the
 * default generator, without recording anything in the autograd graph (so parameters can be initialised).
 *
 * <pre>{@code
 * Tensor w = Nabla.zeros(256, 784).requiresGrad(true);
 * Init.kaimingUniform_(w, Math.sqrt(5), "fan_in", "leaky_relu");
 * }</pre>
 */
public final class Init {
    private Init() {}

    /** {@code fanIn} and {@code fanOut} of a weight, PyTorch's {@code _calculate_fan_in_and_fan_out}. */
    public record Fans(int fanIn, int fanOut) {}

    /**
     * The fans of a weight of shape {@code [out, in, *kernel]}: {@code in * prod(kernel)} and
     * {@code out * prod(kernel)}.
     */
    public static Fans computeFans(Tensor t) {
        if (t.dim() < 2) {
            throw new IllegalArgumentException("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions");
        }
        int receptive = 1;
        for (int d = 2; d < t.dim(); d++) receptive *= t.size(d);
        return new Fans(t.size(1) * receptive, t.size(0) * receptive);
    }

    /**
     * The recommended gain for a nonlinearity: 1 for linear, conv and sigmoid, 5/3 for tanh, sqrt(2) for relu,
     * sqrt(2 / (1 + slope^2)) for leaky_relu (slope {@code param}, default 0.01), 3/4 for selu.
     */
    public static double calculateGain(String nonlinearity, Double param) {
        switch (nonlinearity) {
            case "linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d",
                    "sigmoid" -> {
                return 1;
            }
            case "tanh" -> {
                return 5.0 / 3;
            }
            case "relu" -> {
                return Math.sqrt(2.0);
            }
            case "leaky_relu" -> {
                double slope = param == null ? 0.01 : param;
                if (Double.isNaN(slope) || Double.isInfinite(slope)) {
                    throw new IllegalArgumentException("negative_slope " + PyRepr.pyFloat(slope) + " not a valid number");
                }
                return Math.sqrt(2.0 / (1 + slope * slope));
            }
            case "selu" -> {
                return 3.0 / 4;
            }
            default -> throw new IllegalArgumentException("Unsupported nonlinearity " + nonlinearity);
        }
    }

    public static double calculateGain(String nonlinearity) {
        return calculateGain(nonlinearity, null);
    }

    /** Fills with U(a, b). */
    public static Tensor uniform_(Tensor t, double a, double b) {
        try (var g = Nabla.noGrad()) {
            return t.uniform_(a, b);
        }
    }

    /** Fills with N(mean, std^2). */
    public static Tensor normal_(Tensor t, double mean, double std) {
        try (var g = Nabla.noGrad()) {
            return t.normal_(mean, std);
        }
    }

    public static Tensor constant_(Tensor t, double value) {
        try (var g = Nabla.noGrad()) {
            return t.fill_(value);
        }
    }

    public static Tensor zeros_(Tensor t) {
        return constant_(t, 0);
    }

    public static Tensor ones_(Tensor t) {
        return constant_(t, 1);
    }

    /** Xavier/Glorot uniform: U(-a, a) with {@code a = gain * sqrt(6 / (fanIn + fanOut))}. */
    public static Tensor xavierUniform_(Tensor t, double gain) {
        Fans f = computeFans(t);
        double std = gain * Math.sqrt(2.0 / (f.fanIn() + f.fanOut()));
        double a = Math.sqrt(3.0) * std;
        return uniform_(t, -a, a);
    }

    public static Tensor xavierUniform_(Tensor t) {
        return xavierUniform_(t, 1.0);
    }

    /** Xavier/Glorot normal: N(0, std^2) with {@code std = gain * sqrt(2 / (fanIn + fanOut))}. */
    public static Tensor xavierNormal_(Tensor t, double gain) {
        Fans f = computeFans(t);
        double std = gain * Math.sqrt(2.0 / (f.fanIn() + f.fanOut()));
        return normal_(t, 0, std);
    }

    public static Tensor xavierNormal_(Tensor t) {
        return xavierNormal_(t, 1.0);
    }

    /**
     * Kaiming/He uniform: U(-bound, bound) with {@code bound = gain * sqrt(3 / fan)}, the gain of
     * {@code nonlinearity} with parameter {@code a}, and fan the fan-in or fan-out by {@code mode}.
     */
    public static Tensor kaimingUniform_(Tensor t, double a, String mode, String nonlinearity) {
        if (t.numel() == 0) {
            System.getLogger(Init.class.getName()).log(System.Logger.Level.WARNING, "Initializing zero-element tensors is a no-op");
            return t;
        }
        double std = calculateGain(nonlinearity, a) / Math.sqrt(fan(t, mode));
        double bound = Math.sqrt(3.0) * std;
        return uniform_(t, -bound, bound);
    }

    /** PyTorch's defaults: a = 0, fan_in, leaky_relu. */
    public static Tensor kaimingUniform_(Tensor t) {
        return kaimingUniform_(t, 0, "fan_in", "leaky_relu");
    }

    /** Kaiming/He normal: N(0, std^2) with {@code std = gain / sqrt(fan)}. */
    public static Tensor kaimingNormal_(Tensor t, double a, String mode, String nonlinearity) {
        if (t.numel() == 0) {
            System.getLogger(Init.class.getName()).log(System.Logger.Level.WARNING, "Initializing zero-element tensors is a no-op");
            return t;
        }
        double std = calculateGain(nonlinearity, a) / Math.sqrt(fan(t, mode));
        return normal_(t, 0, std);
    }

    public static Tensor kaimingNormal_(Tensor t) {
        return kaimingNormal_(t, 0, "fan_in", "leaky_relu");
    }

    /**
     * Fills with N(mean, std^2) truncated to [a, b], PyTorch's {@code trunc_normal_}: by the inverse CDF, so the
     * values follow the truncated distribution exactly, however narrow the interval. Uniform values between the
     * CDF at a and at b are drawn in the tensor's dtype, mapped through the normal's inverse CDF in double and
     * clamped to [a, b]. PyTorch warns, and so does this, when the mean is more than 2 std outside [a, b].
     */
    public static Tensor truncNormal_(Tensor t, double mean, double std, double a, double b) {
        if (mean < a - 2 * std || mean > b + 2 * std) {
            System.getLogger(Init.class.getName()).log(System.Logger.Level.WARNING,
                    "mean is more than 2 std from [a, b] in nn.init.trunc_normal_. The distribution of values may be incorrect.");
        }
        double low = SpecialMath.normalCdf((a - mean) / std), high = SpecialMath.normalCdf((b - mean) / std);
        try (var g = Nabla.noGrad()) {
            t.uniform_(2 * low - 1, 2 * high - 1);
            double[] v = t.toDoubleArray();
            double scale = std * Math.sqrt(2.0);
            for (int i = 0; i < v.length; i++) v[i] = Math.min(b, Math.max(a, SpecialMath.erfinv(v[i]) * scale + mean));
            return t.copy_(Nabla.tensor(v, t.shape()));
        }
    }

    /** PyTorch's defaults: N(0, 1) truncated to [-2, 2]. */
    public static Tensor truncNormal_(Tensor t) {
        return truncNormal_(t, 0, 1, -2, 2);
    }

    /**
     * Fills with a (semi-)orthogonal matrix times {@code gain}, PyTorch's {@code orthogonal_}: the tensor is seen as
     * {@code [size(0), numel / size(0)]}, a random normal matrix of that shape is orthonormalised (its QR factor Q,
     * with R's diagonal made positive), so the rows or the columns, whichever are fewer, are orthonormal.
     */
    public static Tensor orthogonal_(Tensor t, double gain) {
        if (t.dim() < 2) throw new IllegalArgumentException("Only tensors with 2 or more dimensions are supported");
        if (t.numel() == 0) return t;
        int rows = t.size(0), cols = (int) (t.numel() / rows);
        double[] q = Orthonormal.of(Nabla.randn(rows, cols).toDoubleArray(), rows, cols);
        for (int i = 0; i < q.length; i++) q[i] *= gain;
        try (var g = Nabla.noGrad()) {
            return t.copy_(Nabla.tensor(q, t.shape()));
        }
    }

    public static Tensor orthogonal_(Tensor t) {
        return orthogonal_(t, 1.0);
    }

    private static int fan(Tensor t, String mode) {
        if (!"fan_in".equals(mode) && !"fan_out".equals(mode)) {
            throw new IllegalArgumentException("Mode " + mode + " not supported, please use one of fan_in, fan_out");
        }
        Fans f = computeFans(t);
        return "fan_in".equals(mode) ? f.fanIn() : f.fanOut();
    }
}
