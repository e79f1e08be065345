package dev.nabla.nn;

import dev.nabla.Tensor;
import dev.nabla.nn.functional.ConvFunctions;

/**
 * The mean over windows chosen so that the output has a fixed size whatever the input's, PyTorch's
 * {@code nn.AdaptiveAvgPool2d}: output row {@code i} averages input rows {@code floor(i*H/oh)} to
 * {@code ceil((i+1)*H/oh) - 1}.
 *
 * <p>Shape: input {@code [N, C, H, W]} or {@code [C, H, W]}, output {@code [N, C, outH, outW]}.
 *
 * <pre>{@code
 * AdaptiveAvgPool2d pool = new AdaptiveAvgPool2d(4, 4);
 * Tensor y = pool.forward(Nabla.randn(2, 256, 3, 3));   // [2, 256, 4, 4]
 * }</pre>
 */
public class AdaptiveAvgPool2d extends Module {
    private final SpatialArg outputSize;

    public AdaptiveAvgPool2d(int outH, int outW) {
        this.outputSize = SpatialArg.of(new int[] {outH, outW}, 2, "output_size");
    }

    /** A square {@code outputSize x outputSize} output. */
    public AdaptiveAvgPool2d(int outputSize) {
        this.outputSize = SpatialArg.of(outputSize, 2);
    }

    @Override
    public Tensor forward(Tensor input) {
        int[] s = outputSize.get();
        return ConvFunctions.adaptiveAvgPool2d(input, s[0], s[1]);
    }

    @Override
    public String extraRepr() {
        return "output_size=" + outputSize;
    }
}
