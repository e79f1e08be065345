package dev.nabla.nn;

import dev.nabla.MaxResult;
import dev.nabla.Tensor;
import dev.nabla.nn.functional.ConvFunctions;

/**
 * The maximum over windows chosen so that the output has a fixed size, PyTorch's {@code nn.AdaptiveMaxPool2d}
 * (windows as {@link AdaptiveAvgPool2d}'s).
 *
 * <p>Shape: input {@code [N, C, H, W]} or {@code [C, H, W]}, output {@code [N, C, outH, outW]}.
 * {@link #forwardWithIndices} also returns each maximum's flat index {@code h*W + w}.
 *
 * <pre>{@code
 * AdaptiveMaxPool2d pool = new AdaptiveMaxPool2d(1);
 * Tensor y = pool.forward(Nabla.randn(2, 64, 7, 7));   // [2, 64, 1, 1]
 * }</pre>
 */
public class AdaptiveMaxPool2d extends Module {
    private final SpatialArg outputSize;
    private final boolean returnIndices;

    public AdaptiveMaxPool2d(int outH, int outW) {
        this(SpatialArg.of(new int[] {outH, outW}, 2, "output_size"), false);
    }

    public AdaptiveMaxPool2d(int outputSize) {
        this(SpatialArg.of(outputSize, 2), false);
    }

    public AdaptiveMaxPool2d(int outH, int outW, boolean returnIndices) {
        this(SpatialArg.of(new int[] {outH, outW}, 2, "output_size"), returnIndices);
    }

    private AdaptiveMaxPool2d(SpatialArg outputSize, boolean returnIndices) {
        this.outputSize = outputSize;
        this.returnIndices = returnIndices;
    }

    @Override
    public Tensor forward(Tensor input) {
        return forwardWithIndices(input).values();
    }

    public MaxResult forwardWithIndices(Tensor input) {
        int[] s = outputSize.get();
        return ConvFunctions.adaptiveMaxPool2dWithIndices(input, s[0], s[1]);
    }

    /** Whether this layer was built with {@code return_indices=True} (see {@link #forwardWithIndices}). */
    public boolean returnIndices() {
        return returnIndices;
    }

    @Override
    public String extraRepr() {
        return "output_size=" + outputSize;
    }
}
