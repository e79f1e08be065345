package dev.nabla.nn.functional;

import dev.nabla.MaxResult;
import dev.nabla.Nabla;
import dev.nabla.Tensor;
import dev.nabla.ops.Convolution;
import dev.nabla.ops.Pooling;

import java.util.Arrays;

/**
 * The stateless math of the convolutional layers, PyTorch's {@code torch.nn.functional} conv, pooling,
 * interpolation, group-norm and channel-dropout functions. {@code F} delegates here; the layers in
 * {@code dev.nabla.nn} call these.
 *
 * <p>Arguments follow PyTorch's order. An {@code int[]} holds one value per spatial dimension; a single
 * {@code int} is repeated. Unbatched inputs ({@code [C, H, W]} for 2-D) are accepted as PyTorch does.
 */
public final class ConvFunctions {
    private ConvFunctions() {}

    // ----------------------------------------------------------------------------------------------------------
    // Convolution

    /** {@code F.conv1d}: input {@code [N, C, L]} or {@code [C, L]}, weight {@code [O, C/groups, k]}. */
    public static Tensor conv1d(Tensor input, Tensor weight, Tensor bias, int stride, int padding, int dilation, int groups) {
        return convolution(input, weight, bias, new int[] {stride}, new int[] {padding}, new int[] {padding},
                new int[] {dilation}, groups);
    }

    public static Tensor conv1d(Tensor input, Tensor weight, Tensor bias) {
        return conv1d(input, weight, bias, 1, 0, 1, 1);
    }

    /** {@code F.conv1d} with {@code padding="same"} or {@code "valid"}. */
    public static Tensor conv1d(Tensor input, Tensor weight, Tensor bias, int stride, String padding, int dilation, int groups) {
        return convPadded(input, weight, bias, new int[] {stride}, padding, new int[] {dilation}, groups);
    }

    /** {@code F.conv2d(input, weight)}: no bias, stride 1, no padding. */
    public static Tensor conv2d(Tensor input, Tensor weight) {
        return conv2d(input, weight, null);
    }

    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias) {
        return conv2d(input, weight, bias, 1, 0);
    }

    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int stride, int padding) {
        return conv2d(input, weight, bias, pair(stride), pair(padding), pair(1), 1);
    }

    /**
     * {@code F.conv2d}: input {@code [N, C, H, W]} (or {@code [C, H, W]}), weight {@code [O, C/groups, kh, kw]},
     * bias {@code [O]} or null; output {@code [N, O, (H + 2p - d(kh-1) - 1)/s + 1, ...]}.
     */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation,
                                int groups) {
        return convolution(input, weight, bias, checkPair(stride, "stride"), checkPair(padding, "padding"),
                checkPair(padding, "padding"), checkPair(dilation, "dilation"), groups);
    }

    /** {@code F.conv2d} with {@code padding="same"} (stride 1 only) or {@code "valid"} (no padding). */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int[] stride, String padding, int[] dilation,
                                int groups) {
        return convPadded(input, weight, bias, checkPair(stride, "stride"), padding, checkPair(dilation, "dilation"), groups);
    }

    /**
     * {@code F.conv_transpose2d}, in PyTorch's argument order (groups before dilation): input
     * {@code [N, Cin, H, W]}, weight {@code [Cin, Cout/groups, kh, kw]}; output rows
     * {@code (H-1)*stride - 2*padding + dilation*(kh-1) + outputPadding + 1}.
     */
    public static Tensor convTranspose2d(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding,
                                         int[] outputPadding, int groups, int[] dilation) {
        return convT(input, weight, bias, checkPair(stride, "stride"), checkPair(padding, "padding"),
                checkPair(outputPadding, "output_padding"), checkPair(dilation, "dilation"), groups);
    }

    public static Tensor convTranspose2d(Tensor input, Tensor weight, Tensor bias, int stride, int padding) {
        return convTranspose2d(input, weight, bias, pair(stride), pair(padding), pair(0), 1, pair(1));
    }

    /** {@code F.conv_transpose1d}: input {@code [N, Cin, L]}, weight {@code [Cin, Cout/groups, k]}. */
    public static Tensor convTranspose1d(Tensor input, Tensor weight, Tensor bias, int stride, int padding,
                                         int outputPadding, int groups, int dilation) {
        return convT(input, weight, bias, new int[] {stride}, new int[] {padding}, new int[] {outputPadding},
                new int[] {dilation}, groups);
    }

    private static Tensor convPadded(Tensor input, Tensor weight, Tensor bias, int[] stride, String padding,
                                     int[] dilation, int groups) {
        int sd = stride.length;
        int[] before = new int[sd], after = new int[sd];
        switch (padding) {
            case "valid" -> { }
            case "same" -> {
                for (int s : stride) {
                    if (s != 1) throw new IllegalArgumentException("padding='same' is not supported for strided convolutions");
                }
                // PyTorch's rule: the total d*(k-1) is split evenly, the odd one out going to the end.
                for (int i = 0; i < sd; i++) {
                    int total = dilation[i] * (weight.size(weight.dim() - sd + i) - 1);
                    before[i] = total / 2;
                    after[i] = total - before[i];
                }
            }
            default -> throw new IllegalArgumentException("Invalid padding string '" + padding
                    + "', should be one of {'valid', 'same'}");
        }
        return convolution(input, weight, bias, stride, before, after, dilation, groups);
    }

    /**
     * The convolution every conv function ends in: one entry per spatial dimension in each array, with separate
     * zero padding {@code before} and {@code after} each dimension (PyTorch's {@code padding="same"} needs both).
     */
    public static Tensor convolution(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] before, int[] after,
                                     int[] dilation, int groups) {
        int sd = stride.length;
        if (input.dim() == sd + 1) {
            return Convolution.convolution(input.unsqueeze(0), weight, bias, stride, before, after, dilation, groups).squeeze(0);
        }
        return Convolution.convolution(input, weight, bias, stride, before, after, dilation, groups);
    }

    private static Tensor convT(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] outputPadding,
                                int[] dilation, int groups) {
        int sd = stride.length;
        if (input.dim() == sd + 1) {
            return Convolution.convTranspose(input.unsqueeze(0), weight, bias, stride, padding, outputPadding, dilation,
                    groups).squeeze(0);
        }
        return Convolution.convTranspose(input, weight, bias, stride, padding, outputPadding, dilation, groups);
    }

    // ----------------------------------------------------------------------------------------------------------
    // Pooling

    /** {@code F.max_pool2d(input, kernel)}: stride = kernel, no padding. */
    public static Tensor maxPool2d(Tensor input, int kernel) {
        return maxPool2d(input, pair(kernel), null, pair(0), pair(1), false);
    }

    /** {@code F.max_pool2d}; a null stride means the kernel size, as PyTorch's {@code stride=None}. */
    public static Tensor maxPool2d(Tensor input, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
        int[] k = checkPair(kernel, "kernel_size");
        return Pooling.maxPool2dValues(input, k, stride == null || stride.length == 0 ? k : checkPair(stride, "stride"),
                checkPair(padding, "padding"), checkPair(dilation, "dilation"), ceilMode);
    }

    /**
     * {@code F.max_pool2d(F.relu(input), ...)} as one op (what {@code Sequential} runs for a ReLU followed by a
     * MaxPool2d): the ReLU is applied to the pooled values, the same values and gradients with a quarter of the work
     * for 2x2 windows, and one graph node, the pooling's.
     */
    public static Tensor reluMaxPool2d(Tensor input, int[] kernel, int[] stride, int[] padding, int[] dilation,
                                       boolean ceilMode) {
        int[] k = checkPair(kernel, "kernel_size");
        return Pooling.reluMaxPool2dValues(input, k, stride == null || stride.length == 0 ? k : checkPair(stride, "stride"),
                checkPair(padding, "padding"), checkPair(dilation, "dilation"), ceilMode);
    }

    /** {@code F.max_pool2d(..., return_indices=True)}: indices are flat positions {@code h*W + w} in each plane. */
    public static MaxResult maxPool2dWithIndices(Tensor input, int[] kernel, int[] stride, int[] padding, int[] dilation,
                                                 boolean ceilMode) {
        int[] k = checkPair(kernel, "kernel_size");
        return Pooling.maxPool2d(input, k, stride == null || stride.length == 0 ? k : checkPair(stride, "stride"),
                checkPair(padding, "padding"), checkPair(dilation, "dilation"), ceilMode);
    }

    /** {@code F.avg_pool2d(input, kernel)}: stride = kernel, no padding. */
    public static Tensor avgPool2d(Tensor input, int kernel) {
        return avgPool2d(input, pair(kernel), null, pair(0), false, true, 0);
    }

    /** {@code F.avg_pool2d}; a null stride means the kernel size, {@code divisorOverride} 0 means none. */
    public static Tensor avgPool2d(Tensor input, int[] kernel, int[] stride, int[] padding, boolean ceilMode,
                                   boolean countIncludePad, int divisorOverride) {
        int[] k = checkPair(kernel, "kernel_size");
        return Pooling.avgPool2d(input, k, stride == null || stride.length == 0 ? k : checkPair(stride, "stride"),
                checkPair(padding, "padding"), ceilMode, countIncludePad, divisorOverride);
    }

    public static Tensor adaptiveAvgPool2d(Tensor input, int outH, int outW) {
        return Pooling.adaptiveAvgPool2d(input, outH, outW);
    }

    public static Tensor adaptiveAvgPool2d(Tensor input, int outputSize) {
        return adaptiveAvgPool2d(input, outputSize, outputSize);
    }

    public static Tensor adaptiveMaxPool2d(Tensor input, int outH, int outW) {
        return adaptiveMaxPool2dWithIndices(input, outH, outW).values();
    }

    public static MaxResult adaptiveMaxPool2dWithIndices(Tensor input, int outH, int outW) {
        return Pooling.adaptiveMaxPool2d(input, outH, outW);
    }

    // ----------------------------------------------------------------------------------------------------------
    // Resampling

    /**
     * {@code F.interpolate} for 4-D input, modes {@code "nearest"} and {@code "bilinear"}. Exactly one of
     * {@code size} and {@code scaleFactor} is non-null (one value, or one per spatial dimension);
     * {@code alignCorners} is null for the default and may only be set for bilinear.
     */
    public static Tensor interpolate(Tensor input, int[] size, double[] scaleFactor, String mode, Boolean alignCorners) {
        if (size == null && scaleFactor == null) throw new IllegalArgumentException("either size or scale_factor should be defined");
        if (size != null && scaleFactor != null) throw new IllegalArgumentException("only one of size or scale_factor should be defined");
        boolean interpolating = mode.equals("bilinear");
        if (!interpolating && !mode.equals("nearest")) {
            throw new IllegalArgumentException("Input Error: Only 3D, 4D and 5D input Tensors supported (got "
                    + input.dim() + "D) for the modes: nearest | bilinear (got " + mode + ")");
        }
        if (alignCorners != null && !interpolating) {
            throw new IllegalArgumentException("align_corners option can only be set with the interpolating modes: "
                    + "linear | bilinear | bicubic | trilinear");
        }
        if (input.dim() != 4) {
            throw new IllegalArgumentException("Got " + input.dim() + "D input, but " + mode + " mode needs 4D input");
        }
        int[] out = new int[2];
        double[] scales = {Double.NaN, Double.NaN};
        if (size != null) {
            if (size.length != 1 && size.length != 2) {
                throw new IllegalArgumentException("Input and output must have the same number of spatial dimensions, but "
                        + "got input with spatial dimensions of [" + input.size(2) + ", " + input.size(3)
                        + "] and output size of " + Arrays.toString(size) + ". Please provide input tensor in (N, C, d1, d2, "
                        + "...,dK) format and output size in (o1, o2, ...,oK) format.");
            }
            out[0] = size[0];
            out[1] = size[size.length - 1];
        } else {
            if (scaleFactor.length != 1 && scaleFactor.length != 2) {
                throw new IllegalArgumentException("Input and scale_factor must have the same number of spatial dimensions, "
                        + "but got input with spatial dimensions of [" + input.size(2) + ", " + input.size(3)
                        + "] and scale_factor of shape " + Arrays.toString(scaleFactor) + ".");
            }
            scales[0] = scaleFactor[0];
            scales[1] = scaleFactor[scaleFactor.length - 1];
            for (int i = 0; i < 2; i++) out[i] = (int) Math.floor(input.size(2 + i) * scales[i]);
        }
        if (interpolating) {
            return Pooling.upsampleBilinear2d(input, out[0], out[1], alignCorners != null && alignCorners, scales[0], scales[1]);
        }
        return Pooling.upsampleNearest2d(input, out[0], out[1], scales[0], scales[1]);
    }

    // ----------------------------------------------------------------------------------------------------------
    // Normalisation and dropout

    /**
     * {@code F.group_norm}: normalises each sample over groups of {@code C/numGroups} channels (and all positions)
     * with the biased variance, then applies the per-channel {@code weight} and {@code bias} (either may be null).
     */
    public static Tensor groupNorm(Tensor input, int numGroups, Tensor weight, Tensor bias, double eps) {
        if (input.dim() < 2) {
            throw new IllegalArgumentException("Expected at least 2 dimensions for input tensor but received " + input.dim());
        }
        int[] shape = input.shape();
        int n = shape[0], c = shape[1];
        if (numGroups <= 0 || c % numGroups != 0) {
            throw new IllegalArgumentException("Expected number of channels in input to be divisible by num_groups, but got "
                    + "input of shape " + Arrays.toString(shape) + " and num_groups=" + numGroups);
        }
        for (Tensor p : new Tensor[] {weight, bias}) {
            if (p != null && (p.dim() != 1 || p.size(0) != c)) {
                throw new IllegalArgumentException("Expected weight to be a vector of size equal to the number of channels "
                        + "in input, but got weight of shape " + Arrays.toString(p.shape()) + " and input of shape "
                        + Arrays.toString(shape));
            }
        }
        Tensor x = input.reshape(n, numGroups, -1);
        Tensor mean = x.mean(new int[] {2}, true);
        Tensor var = x.var(new int[] {2}, 0, true);
        Tensor y = x.sub(mean).div(var.add(eps).sqrt()).reshape(shape);
        if (weight == null && bias == null) return y;
        int[] channelShape = new int[shape.length];
        Arrays.fill(channelShape, 1);
        channelShape[1] = c;
        if (weight != null) y = y.mul(weight.reshape(channelShape));
        if (bias != null) y = y.add(bias.reshape(channelShape));
        return y;
    }

    /**
     * {@code F.dropout2d}: in training, zeroes whole channels (each with probability {@code p}) and scales the
     * kept ones by {@code 1/(1-p)}; the identity otherwise. A 3-D input is read as {@code [N, C, L]}, as
     * PyTorch 1.13 does.
     */
    public static Tensor dropout2d(Tensor input, double p, boolean training) {
        if (p < 0 || p > 1 || Double.isNaN(p)) {
            throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + p);
        }
        if (input.dim() != 3 && input.dim() != 4) {
            throw new IllegalArgumentException("dropout2d: Expected a 3D or 4D input (N, C, H, W) but got input of size: "
                    + Arrays.toString(input.shape()));
        }
        if (!training || p == 0) return input;
        if (p == 1) return input.mul(0);
        int[] maskShape = new int[input.dim()];
        Arrays.fill(maskShape, 1);
        maskShape[0] = input.size(0);
        maskShape[1] = input.size(1);
        Tensor keep = Nabla.rand(maskShape).lt(1 - p).to(input.dtype()).div(1 - p);
        return input.mul(keep);
    }

    // ----------------------------------------------------------------------------------------------------------
    // Padding

    /**
     * {@code F.pad}: {@code pad} lists (before, after) pairs starting from the last dimension, as PyTorch's
     * {@code (left, right, top, bottom)}. Modes: {@code "constant"} (with {@code value}; negative amounts crop),
     * {@code "reflect"} (mirror without repeating the edge), {@code "replicate"} (repeat the edge) and
     * {@code "circular"} (wrap around). Differentiable: the non-constant modes are an index selection.
     */
    public static Tensor pad(Tensor input, int[] pad, String mode, double value) {
        if (pad.length % 2 != 0) throw new IllegalArgumentException("Padding length must be divisible by 2");
        if (pad.length / 2 > input.dim()) throw new IllegalArgumentException("Padding length too large");
        if (!mode.equals("constant") && !mode.equals("reflect") && !mode.equals("replicate") && !mode.equals("circular")) {
            throw new IllegalArgumentException("Unrecognised padding mode " + mode);
        }
        Tensor x = input;
        for (int i = 0; i < pad.length / 2; i++) {
            int dim = input.dim() - 1 - i, before = pad[2 * i], after = pad[2 * i + 1];
            if (before == 0 && after == 0) continue;
            int size = x.size(dim);
            if (mode.equals("constant")) {
                if (before < 0) { x = x.narrow(dim, -before, size + before); size += before; before = 0; }
                if (after < 0) { x = x.narrow(dim, 0, size + after); after = 0; }
                java.util.List<Tensor> parts = new java.util.ArrayList<>();
                if (before > 0) parts.add(filled(x, dim, before, value));
                parts.add(x);
                if (after > 0) parts.add(filled(x, dim, after, value));
                x = parts.size() == 1 ? x : Nabla.cat(parts, dim);
                continue;
            }
            if (before < 0 || after < 0) {
                throw new IllegalArgumentException("negative padding is only supported in constant mode, got " + mode);
            }
            if (mode.equals("reflect") && (before >= size || after >= size)) {
                throw new IllegalArgumentException("Argument #4: Padding size should be less than the corresponding input "
                        + "dimension, but got: padding (" + before + ", " + after + ") at dimension " + dim + " of input "
                        + input.dim());
            }
            if (mode.equals("circular") && (before > size || after > size)) {
                throw new IllegalArgumentException("Padding value causes wrapping around more than once.");
            }
            long[] index = new long[size + before + after];
            for (int j = 0; j < index.length; j++) {
                int src = j - before;
                index[j] = switch (mode) {
                    case "reflect" -> src < 0 ? -src : src >= size ? 2L * (size - 1) - src : src;
                    case "replicate" -> Math.max(0, Math.min(size - 1, src));
                    default -> Math.floorMod(src, size);
                };
            }
            x = x.indexSelect(dim, Nabla.tensor(index));
        }
        return x;
    }

    /** A block of {@code value} shaped like {@code like} except for {@code count} entries along {@code dim}. */
    private static Tensor filled(Tensor like, int dim, int count, double value) {
        int[] shape = like.shape();
        shape[dim] = count;
        return Nabla.full(value, like.dtype(), shape);
    }

    // ----------------------------------------------------------------------------------------------------------

    private static int[] pair(int v) {
        return new int[] {v, v};
    }

    /** A 2-D argument: one value (repeated) or two. */
    private static int[] checkPair(int[] v, String name) {
        if (v == null) throw new IllegalArgumentException(name + " must not be null");
        if (v.length == 1) return pair(v[0]);
        if (v.length != 2) {
            throw new IllegalArgumentException(name + " must be an int or a pair of ints, got " + Arrays.toString(v));
        }
        return v;
    }
}
