package dev.nabla.nn.functional;

import dev.nabla.Nabla;
import dev.nabla.Tensor;
import dev.nabla.ops.Graph;

/**
 * Loss primitives whose derivative cannot be left to composition. Binary cross-entropy clamps its logs at -100;
 * differentiating the clamped composition would give 0/0 = NaN at x = 0 or 1, so it carries PyTorch's own
 * derivative {@code (x - t) / max(x (1 - x), 1e-12)} instead.
 */
public final class LossPrimitives {
    /** PyTorch's floor for x (1 - x) in the binary cross-entropy derivative. */
    private static final double BCE_EPSILON = 1e-12;

    private LossPrimitives() {}

    /** Unreduced binary cross-entropy {@code -(t max(log x, -100) + (1 - t) max(log(1 - x), -100))}. */
    public static Tensor binaryCrossEntropy(Tensor input, Tensor target) {
        for (double v : input.toDoubleArray()) {
            if (!(v >= 0 && v <= 1)) throw new IllegalArgumentException("all elements of input should be between 0 and 1");
        }
        Tensor loss;
        try (var g = Nabla.noGrad()) {
            loss = negatedLogLikelihood(input, target);
        }
        return Graph.record(loss, "BinaryCrossEntropyBackward0", new Tensor[] {input, target}, new Tensor[] {input, target},
                (node, g, s) -> {
                    Tensor x = s[0], t = s[1];
                    Tensor gx = node.needsGrad(0)
                            ? g.mul(x.sub(t)).div(x.mul(x.rsub(1)).clampMin(BCE_EPSILON)) : null;
                    Tensor gt = node.needsGrad(1)
                            ? g.mul(x.rsub(1).log().clampMin(-100).sub(x.log().clampMin(-100))) : null;
                    return new Tensor[] {gx, gt};
                });
    }

    private static Tensor negatedLogLikelihood(Tensor x, Tensor t) {
        Tensor logX = x.log().clampMin(-100);
        Tensor log1mX = x.rsub(1).log().clampMin(-100);
        return t.mul(logX).add(t.rsub(1).mul(log1mX)).neg();
    }
}
