package dev.nabla.nn;

import dev.nabla.Tensor;
import dev.nabla.nn.functional.F;

/**
 * {@code max(0, x)} elementwise, PyTorch's {@code nn.ReLU}.
 *
 * <p>Shape: any; the output has the input's shape.
 *
 * <pre>{@code
 * Tensor y = new ReLU().forward(Nabla.randn(2, 3));
 * }</pre>
 */
public class ReLU extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return F.relu(input);
    }
}
