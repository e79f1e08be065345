package dev.nabla.nn;

import dev.nabla.Tensor;
import dev.nabla.nn.functional.F;

/**
 * {@code max(0, x)} elementwise, PyTorch's {@code nn.ReLU}. With {@code inplace}, the input itself is overwritten
 * with the result and returned ({@code relu_}): no new tensor, but the input's values are gone, and a leaf that
 * requires grad is refused, as in PyTorch.
 *
 * <p>Shape: any; the output has the input's shape.
 *
 * <pre>{@code
 * Tensor y = new ReLU().forward(Nabla.randn(2, 3));
 * Sequential block = new Sequential(new Linear(4, 8), new ReLU(true));   // the Linear's output is reused
 * }</pre>
 */
public class ReLU extends Module {
    private final boolean inplace;

    public ReLU() {
        this(false);
    }

    /** {@code inplace}: overwrite the input with the result instead of allocating a new tensor. */
    public ReLU(boolean inplace) {
        this.inplace = inplace;
    }

    public boolean inplace() {
        return inplace;
    }

    @Override
    public Tensor forward(Tensor input) {
        return inplace ? input.relu_() : F.relu(input);
    }

    /** PyTorch prints {@code ReLU(inplace=True)}, and {@code ReLU()} otherwise. */
    @Override
    public String extraRepr() {
        return inplace ? "inplace=True" : "";
    }
}
