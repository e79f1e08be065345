package dev.nabla.nn;

import dev.nabla.MaxResult;
import dev.nabla.Tensor;
import dev.nabla.nn.functional.ConvFunctions;

import java.util.Arrays;

/**
 * The maximum over sliding windows of each channel, PyTorch's {@code nn.MaxPool2d}. Padding counts as minus
 * infinity; {@code ceilMode} lets a last, partial window in.
 *
 * <p>Shape: input {@code [N, C, H, W]} or {@code [C, H, W]}, output {@code [N, C, Hout, Wout]} with
 * {@code Hout = floor((H + 2*padding - dilation*(kernel-1) - 1) / stride) + 1} (ceil with {@code ceilMode}).
 * {@link #forward} returns the maxima; {@link #forwardWithIndices} also the flat index {@code h*W + w} of each
 * (PyTorch's {@code return_indices=True}).
 *
 * <pre>{@code
 * MaxPool2d pool = new MaxPool2d(2);                    // 2x2 windows, stride 2
 * Tensor y = pool.forward(Nabla.randn(8, 64, 28, 28));  // [8, 64, 14, 14]
 * }</pre>
 */
public class MaxPool2d extends Module {
    private final SpatialArg kernelSize, stride, padding, dilation;
    private final boolean returnIndices, ceilMode;

    /** Windows of {@code kernelSize x kernelSize}, stride {@code kernelSize}. */
    public MaxPool2d(int kernelSize) {
        this(kernelSize, kernelSize, 0, 1, false, false);
    }

    public MaxPool2d(int kernelSize, int stride) {
        this(kernelSize, stride, 0, 1, false, false);
    }

    public MaxPool2d(int kernelSize, int stride, int padding) {
        this(kernelSize, stride, padding, 1, false, false);
    }

    public MaxPool2d(int kernelSize, int stride, int padding, int dilation, boolean returnIndices, boolean ceilMode) {
        this(SpatialArg.of(kernelSize, 2), SpatialArg.of(stride, 2), SpatialArg.of(padding, 2), SpatialArg.of(dilation, 2),
                returnIndices, ceilMode);
    }

    /** Every argument as pairs; a null {@code stride} means the kernel size. */
    public MaxPool2d(int[] kernelSize, int[] stride, int[] padding, int[] dilation, boolean returnIndices, boolean ceilMode) {
        this(SpatialArg.of(kernelSize, 2, "kernel_size"),
                stride == null ? SpatialArg.of(kernelSize, 2, "kernel_size") : SpatialArg.of(stride, 2, "stride"),
                SpatialArg.of(padding, 2, "padding"), SpatialArg.of(dilation, 2, "dilation"), returnIndices, ceilMode);
    }

    private MaxPool2d(SpatialArg kernelSize, SpatialArg stride, SpatialArg padding, SpatialArg dilation,
                      boolean returnIndices, boolean ceilMode) {
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
        this.returnIndices = returnIndices;
        this.ceilMode = ceilMode;
    }

    @Override
    public Tensor forward(Tensor input) {
        return ConvFunctions.maxPool2d(input, kernelSize.get(), stride.get(), padding.get(), dilation.get(), ceilMode);
    }

    /** The maxima and, per output element, the flat index {@code h*W + w} it came from in its plane. */
    public MaxResult forwardWithIndices(Tensor input) {
        return ConvFunctions.maxPool2dWithIndices(input, kernelSize.get(), stride.get(), padding.get(), dilation.get(),
                ceilMode);
    }

    /** Whether the windows are 2x2 with stride 2, no padding and no dilation (a convolutional network's pooling). */
    boolean isPlain2x2() {
        return Arrays.equals(kernelSize.get(), new int[] {2, 2}) && Arrays.equals(stride.get(), new int[] {2, 2})
                && Arrays.equals(padding.get(), new int[] {0, 0}) && Arrays.equals(dilation.get(), new int[] {1, 1});
    }

    boolean ceilMode() {
        return ceilMode;
    }

    /**
     * {@code forward(input)}, with {@code relu} {@code forward(relu(input))} as one op that applies the ReLU to the
     * pooled values (the same values and gradients; see Pooling.reluMaxPool2dValues); {@link Sequential} calls it.
     */
    Tensor forwardAfter(Tensor input, boolean relu) {
        if (!relu) return forward(input);
        return ConvFunctions.reluMaxPool2d(input, kernelSize.get(), stride.get(), padding.get(), dilation.get(), ceilMode);
    }

    /** Whether this layer was built with {@code return_indices=True} (see {@link #forwardWithIndices}). */
    public boolean returnIndices() {
        return returnIndices;
    }

    @Override
    public String extraRepr() {
        return "kernel_size=" + kernelSize + ", stride=" + stride + ", padding=" + padding + ", dilation=" + dilation
                + ", ceil_mode=" + pyBool(ceilMode);
    }
}
