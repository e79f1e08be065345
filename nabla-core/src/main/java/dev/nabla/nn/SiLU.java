package dev.nabla.nn;

import dev.nabla.Tensor;
import dev.nabla.nn.functional.F;

/**
 * {@code x * sigmoid(x)} elementwise (swish), PyTorch's {@code nn.SiLU}.
 *
 * <p>Shape: any; the output has the input's shape.
 *
 * <pre>{@code
 * Tensor y = new SiLU().forward(Nabla.randn(2, 3));
 * }</pre>
 */
public class SiLU extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return F.silu(input);
    }
}
