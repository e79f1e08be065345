package dev.nabla.nn;

import dev.nabla.Tensor;
import dev.nabla.nn.functional.F;

/**
 * Hyperbolic tangent elementwise, PyTorch's {@code nn.Tanh}.
 *
 * <p>Shape: any; the output has the input's shape.
 *
 * <pre>{@code
 * Tensor y = new Tanh().forward(Nabla.randn(2, 3));
 * }</pre>
 */
public class Tanh extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return F.tanh(input);
    }
}
