package dev.nabla.nn;

import dev.nabla.Tensor;
import dev.nabla.nn.functional.F;

/**
 * {@code 1 / (1 + exp(-x))} elementwise, PyTorch's {@code nn.Sigmoid}.
 *
 * <p>Shape: any; the output has the input's shape.
 *
 * <pre>{@code
 * Tensor p = new Sigmoid().forward(logits);
 * }</pre>
 */
public class Sigmoid extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return F.sigmoid(input);
    }
}
