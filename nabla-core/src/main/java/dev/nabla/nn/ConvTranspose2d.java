package dev.nabla.nn;

import dev.nabla.Tensor;
import dev.nabla.nn.functional.ConvFunctions;

/**
 * A 2-D transposed convolution (the gradient of Conv2d with respect to its input; "deconvolution"), PyTorch's
 * {@code nn.ConvTranspose2d}: it upsamples by {@code stride}.
 *
 * <p>Shape: input {@code [N, Cin, H, W]}, output {@code [N, Cout, Hout, Wout]} with
 * {@code Hout = (H-1)*stride - 2*padding + dilation*(kernel-1) + outputPadding + 1} (likewise W). {@code weight}
 * is {@code [Cin, Cout/groups, kh, kw]}, {@code bias} {@code [Cout]}.
 *
 * <pre>{@code
 * ConvTranspose2d up = new ConvTranspose2d(16, 8, 3, 2, 1, 1);
 * Tensor y = up.forward(Nabla.randn(4, 16, 7, 7));   // [4, 8, 14, 14]
 * }</pre>
 */
public class ConvTranspose2d extends ConvNd {

    public ConvTranspose2d(int inChannels, int outChannels, int kernelSize) {
        this(inChannels, outChannels, kernelSize, 1, 0, 0);
    }

    public ConvTranspose2d(int inChannels, int outChannels, int kernelSize, int stride, int padding) {
        this(inChannels, outChannels, kernelSize, stride, padding, 0);
    }

    public ConvTranspose2d(int inChannels, int outChannels, int kernelSize, int stride, int padding, int outputPadding) {
        this(inChannels, outChannels, kernelSize, stride, padding, outputPadding, 1, true, 1);
    }

    /** PyTorch's argument order: groups and bias come before dilation. */
    public ConvTranspose2d(int inChannels, int outChannels, int kernelSize, int stride, int padding, int outputPadding,
                           int groups, boolean bias, int dilation) {
        this(inChannels, outChannels, repeat(kernelSize, 2), repeat(stride, 2), repeat(padding, 2),
                repeat(outputPadding, 2), groups, bias, repeat(dilation, 2));
    }

    public ConvTranspose2d(int inChannels, int outChannels, int[] kernelSize, int[] stride, int[] padding,
                           int[] outputPadding, int groups, boolean bias, int[] dilation) {
        super(inChannels, outChannels, dims(kernelSize, 2, "kernel_size"), dims(stride, 2, "stride"),
                dims(padding, 2, "padding"), null, dims(dilation, 2, "dilation"), dims(outputPadding, 2, "output_padding"),
                groups, bias, "zeros", true);
    }

    @Override
    public Tensor forward(Tensor input) {
        return ConvFunctions.convTranspose2d(input, weight(), bias(), stride, padding, outputPadding, groups, dilation);
    }
}
