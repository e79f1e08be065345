package dev.nabla.nn;

import dev.nabla.Tensor;
import dev.nabla.nn.functional.ConvFunctions;

/**
 * The mean over sliding windows of each channel, PyTorch's {@code nn.AvgPool2d}. Zero padding is counted in the
 * divisor unless {@code countIncludePad} is false; {@code divisorOverride} (0: none) replaces the divisor.
 *
 * <p>Shape: input {@code [N, C, H, W]} or {@code [C, H, W]}, output {@code [N, C, Hout, Wout]} with
 * {@code Hout = floor((H + 2*padding - kernel) / stride) + 1} (ceil with {@code ceilMode}).
 *
 * <pre>{@code
 * AvgPool2d pool = new AvgPool2d(2);
 * Tensor y = pool.forward(Nabla.randn(8, 16, 10, 10));   // [8, 16, 5, 5]
 * }</pre>
 */
public class AvgPool2d extends Module {
    private final SpatialArg kernelSize, stride, padding;
    private final boolean ceilMode, countIncludePad;
    private final int divisorOverride;

    public AvgPool2d(int kernelSize) {
        this(kernelSize, kernelSize, 0);
    }

    public AvgPool2d(int kernelSize, int stride) {
        this(kernelSize, stride, 0);
    }

    public AvgPool2d(int kernelSize, int stride, int padding) {
        this(kernelSize, stride, padding, false, true, 0);
    }

    public AvgPool2d(int kernelSize, int stride, int padding, boolean ceilMode, boolean countIncludePad, int divisorOverride) {
        this(SpatialArg.of(kernelSize, 2), SpatialArg.of(stride, 2), SpatialArg.of(padding, 2), ceilMode, countIncludePad,
                divisorOverride);
    }

    /** Every argument as pairs; a null {@code stride} means the kernel size. */
    public AvgPool2d(int[] kernelSize, int[] stride, int[] padding, boolean ceilMode, boolean countIncludePad,
                     int divisorOverride) {
        this(SpatialArg.of(kernelSize, 2, "kernel_size"),
                stride == null ? SpatialArg.of(kernelSize, 2, "kernel_size") : SpatialArg.of(stride, 2, "stride"),
                SpatialArg.of(padding, 2, "padding"), ceilMode, countIncludePad, divisorOverride);
    }

    private AvgPool2d(SpatialArg kernelSize, SpatialArg stride, SpatialArg padding, boolean ceilMode,
                      boolean countIncludePad, int divisorOverride) {
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.padding = padding;
        this.ceilMode = ceilMode;
        this.countIncludePad = countIncludePad;
        this.divisorOverride = divisorOverride;
    }

    @Override
    public Tensor forward(Tensor input) {
        return ConvFunctions.avgPool2d(input, kernelSize.get(), stride.get(), padding.get(), ceilMode, countIncludePad,
                divisorOverride);
    }

    @Override
    public String extraRepr() {
        return "kernel_size=" + kernelSize + ", stride=" + stride + ", padding=" + padding;
    }
}
