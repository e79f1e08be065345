package dev.nabla.nn;

import dev.nabla.Tensor;

/**
 * Returns its input unchanged, PyTorch's {@code nn.Identity}: a placeholder where a layer is optional.
 *
 * <p>Shape: any; the output is the input.
 *
 * <pre>{@code
 * Module norm = useNorm ? new BatchNorm1d(64) : new Identity();
 * }</pre>
 */
public class Identity extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return input;
    }
}
