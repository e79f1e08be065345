package dev.nabla.nn;

import dev.nabla.Tensor;
import dev.nabla.nn.functional.ConvFunctions;

/**
 * A 1-D convolution over sequences, PyTorch's {@code nn.Conv1d}.
 *
 * <p>Shape: input {@code [N, Cin, L]} (or unbatched {@code [Cin, L]}), output {@code [N, Cout, Lout]} with
 * {@code Lout = (L + 2*padding - dilation*(kernel-1) - 1) / stride + 1}. {@code weight} is
 * {@code [Cout, Cin/groups, kernel]}, {@code bias} {@code [Cout]}.
 *
 * <pre>{@code
 * Conv1d conv = new Conv1d(16, 33, 3, 2, 0);
 * Tensor y = conv.forward(Nabla.randn(20, 16, 50));   // [20, 33, 24]
 * }</pre>
 */
public class Conv1d extends ConvNd {

    public Conv1d(int inChannels, int outChannels, int kernelSize) {
        this(inChannels, outChannels, kernelSize, 1, 0);
    }

    public Conv1d(int inChannels, int outChannels, int kernelSize, int stride, int padding) {
        this(inChannels, outChannels, kernelSize, stride, padding, 1, 1, true, "zeros");
    }

    /** Every argument; {@code paddingMode} is zeros, reflect, replicate or circular. */
    public Conv1d(int inChannels, int outChannels, int kernelSize, int stride, int padding, int dilation, int groups,
                  boolean bias, String paddingMode) {
        super(inChannels, outChannels, new int[] {kernelSize}, new int[] {stride}, new int[] {padding}, null,
                new int[] {dilation}, new int[] {0}, groups, bias, paddingMode, false);
    }

    /** With {@code padding} "same" (stride 1 only) or "valid", and every other argument. */
    public Conv1d(int inChannels, int outChannels, int kernelSize, String padding, int dilation, int groups,
                  boolean bias, String paddingMode) {
        super(inChannels, outChannels, new int[] {kernelSize}, new int[] {1}, null, padding, new int[] {dilation},
                new int[] {0}, groups, bias, paddingMode, false);
    }

    @Override
    public Tensor forward(Tensor input) {
        if (!paddingMode.equals("zeros")) {
            return ConvFunctions.convolution(padInput(input), weight(), bias(), stride, new int[1], new int[1],
                    dilation, groups);
        }
        int[][] pad = paddingAmounts();
        return ConvFunctions.convolution(input, weight(), bias(), stride, pad[0], pad[1], dilation, groups);
    }
}
