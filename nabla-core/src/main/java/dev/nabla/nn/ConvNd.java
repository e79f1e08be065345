package dev.nabla.nn;

import dev.nabla.Nabla;
import dev.nabla.Tensor;
import dev.nabla.nn.functional.ConvFunctions;
import dev.nabla.nn.init.Init;

import java.util.Arrays;
import java.util.Set;

/**
 * What {@link Conv1d}, {@link Conv2d} and {@link ConvTranspose2d} share, PyTorch's {@code _ConvNd}: the
 * arguments, the {@code weight} and optional {@code bias} parameters, PyTorch's initialisation and printing.
 *
 * <p>The weight is {@code [out, in/groups, *kernel]} ({@code [in, out/groups, *kernel]} when transposed), as in
 * PyTorch's state dicts. Both parameters start from U(-1/sqrt(fanIn), 1/sqrt(fanIn)) with
 * {@code fanIn = weight.size(1) * prod(kernel)}: PyTorch's kaiming-uniform with {@code a = sqrt(5)}.
 */
public abstract class ConvNd extends Module {
    private static final Set<String> PADDING_MODES = Set.of("zeros", "reflect", "replicate", "circular");

    protected final int inChannels;
    protected final int outChannels;
    protected final int[] kernelSize;
    protected final int[] stride;
    /** Symmetric zero padding per dimension; null when {@link #paddingString} is set. */
    protected final int[] padding;
    /** {@code "same"} or {@code "valid"}, or null for numeric padding. */
    protected final String paddingString;
    protected final int[] dilation;
    protected final int[] outputPadding;
    protected final int groups;
    protected final String paddingMode;
    protected final boolean transposed;
    private final Tensor weight;
    private final Tensor bias;

    protected ConvNd(int inChannels, int outChannels, int[] kernelSize, int[] stride, int[] padding, String paddingString,
                     int[] dilation, int[] outputPadding, int groups, boolean bias, String paddingMode, boolean transposed) {
        int dims = kernelSize.length;
        if (groups <= 0) throw new IllegalArgumentException("groups must be a positive integer");
        if (inChannels % groups != 0) throw new IllegalArgumentException("in_channels must be divisible by groups");
        if (outChannels % groups != 0) throw new IllegalArgumentException("out_channels must be divisible by groups");
        if (paddingString != null) {
            if (!paddingString.equals("same") && !paddingString.equals("valid")) {
                throw new IllegalArgumentException("Invalid padding string '" + paddingString
                        + "', should be one of {'same', 'valid'}");
            }
            if (paddingString.equals("same")) {
                for (int s : stride) {
                    if (s != 1) throw new IllegalArgumentException("padding='same' is not supported for strided convolutions");
                }
            }
        }
        if (!PADDING_MODES.contains(paddingMode)) {
            throw new IllegalArgumentException("padding_mode must be one of {'replicate', 'reflect', 'circular', 'zeros'}, "
                    + "but got padding_mode='" + paddingMode + "'");
        }
        if (transposed && !paddingMode.equals("zeros")) {
            throw new IllegalArgumentException("Only \"zeros\" padding mode is supported for " + getName());
        }
        for (int[] a : new int[][] {stride, dilation, outputPadding}) {
            if (a.length != dims) throw new IllegalArgumentException("expected " + dims + " values, got " + Arrays.toString(a));
        }
        if (padding != null && padding.length != dims) {
            throw new IllegalArgumentException("expected " + dims + " padding values, got " + Arrays.toString(padding));
        }
        for (int k : kernelSize) {
            if (k <= 0) throw new IllegalArgumentException("kernel size should be greater than zero, got " + Arrays.toString(kernelSize));
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernelSize = kernelSize.clone();
        this.stride = stride.clone();
        this.padding = padding == null ? null : padding.clone();
        this.paddingString = paddingString;
        this.dilation = dilation.clone();
        this.outputPadding = outputPadding.clone();
        this.groups = groups;
        this.paddingMode = paddingMode;
        this.transposed = transposed;
        int[] wShape = new int[dims + 2];
        wShape[0] = transposed ? inChannels : outChannels;
        wShape[1] = transposed ? outChannels / groups : inChannels / groups;
        System.arraycopy(kernelSize, 0, wShape, 2, dims);
        this.weight = registerParameter("weight", Nabla.zeros(wShape));
        this.bias = registerParameter("bias", bias ? Nabla.zeros(outChannels) : null);
        resetParameters();
    }

    /** Redraws the weight, then the bias, from PyTorch's default distributions. */
    public void resetParameters() {
        // kaiming_uniform(a=sqrt(5)): gain sqrt(2/(1+5)) times sqrt(3/fanIn) is exactly 1/sqrt(fanIn).
        Init.kaimingUniform_(weight, Math.sqrt(5), "fan_in", "leaky_relu");
        if (bias != null) {
            int fanIn = Init.computeFans(weight).fanIn();
            double bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
            Init.uniform_(bias, -bound, bound);
        }
    }

    /** The learnable filters. */
    public Tensor weight() {
        return weight;
    }

    /** The learnable per-output-channel bias, or null when built without one. */
    public Tensor bias() {
        return bias;
    }

    public int inChannels() { return inChannels; }
    public int outChannels() { return outChannels; }
    public int[] kernelSize() { return kernelSize.clone(); }
    public int[] stride() { return stride.clone(); }
    public int[] dilation() { return dilation.clone(); }
    public int groups() { return groups; }
    public String paddingMode() { return paddingMode; }

    /**
     * The padding before and after each spatial dimension: {@code "same"} splits {@code dilation*(k-1)} with the
     * odd one at the end, as PyTorch does.
     */
    protected int[][] paddingAmounts() {
        int dims = kernelSize.length;
        int[] before = new int[dims], after = new int[dims];
        for (int i = 0; i < dims; i++) {
            if (paddingString == null) {
                before[i] = after[i] = padding[i];
            } else if (paddingString.equals("same")) {
                int total = dilation[i] * (kernelSize[i] - 1);
                before[i] = total / 2;
                after[i] = total - before[i];
            }
        }
        return new int[][] {before, after};
    }

    /** The input padded by a non-zeros {@link #paddingMode} (the convolution then pads nothing). */
    protected Tensor padInput(Tensor input) {
        int[][] amounts = paddingAmounts();
        int dims = kernelSize.length;
        int[] pad = new int[2 * dims];
        for (int i = 0; i < dims; i++) {
            pad[2 * i] = amounts[0][dims - 1 - i];
            pad[2 * i + 1] = amounts[1][dims - 1 - i];
        }
        return ConvFunctions.pad(input, pad, paddingMode, 0);
    }

    @Override
    public String extraRepr() {
        StringBuilder s = new StringBuilder().append(inChannels).append(", ").append(outChannels)
                .append(", kernel_size=").append(SpatialArg.tupleRepr(kernelSize))
                .append(", stride=").append(SpatialArg.tupleRepr(stride));
        if (paddingString != null) s.append(", padding=").append(paddingString);
        else if (Arrays.stream(padding).anyMatch(p -> p != 0)) s.append(", padding=").append(SpatialArg.tupleRepr(padding));
        if (Arrays.stream(dilation).anyMatch(d -> d != 1)) s.append(", dilation=").append(SpatialArg.tupleRepr(dilation));
        if (Arrays.stream(outputPadding).anyMatch(p -> p != 0)) {
            s.append(", output_padding=").append(SpatialArg.tupleRepr(outputPadding));
        }
        if (groups != 1) s.append(", groups=").append(groups);
        if (bias == null) s.append(", bias=False");
        if (!paddingMode.equals("zeros")) s.append(", padding_mode=").append(paddingMode);
        return s.toString();
    }

    static int[] repeat(int v, int dims) {
        int[] a = new int[dims];
        Arrays.fill(a, v);
        return a;
    }

    static int[] dims(int[] v, int dims, String name) {
        return SpatialArg.of(v, dims, name).get();
    }
}
