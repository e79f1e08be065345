package dev.nabla.nn.functional;

import dev.nabla.DType;
import dev.nabla.Nabla;
import dev.nabla.Storage;
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

    /**
     * The common case of {@code F.nll_loss} as one op, PyTorch's {@code NllLossBackward0}: a batch {@code [N, C]}
     * of log-probabilities, int64 class indices {@code [N]}, no class weights, "mean" or "sum", and no target equal
     * to {@code ignoreIndex} or out of range. Returns null for anything else, which the composed definition (gather,
     * weights, mean) handles with its checks and messages. Why: that composition records eight ops per call on a
     * 64 x 10 batch, and the cross-entropy of every training step ends here; this is one pass and one node whose
     * backward writes {@code -g/N} (or {@code -g}) at each sample's target.
     */
    static Tensor nllLossOfBatch(Tensor input, Tensor target, Tensor weight, long ignoreIndex, String reduction) {
        if (weight != null || input.dim() != 2 || target.dim() != 1 || target.dtype() != DType.INT64
                || !input.dtype().isFloatingPoint() || input.size(0) != target.size(0) || input.size(0) == 0
                || !(reduction.equals("mean") || reduction.equals("sum"))) {
            return null;
        }
        int n = input.size(0), classes = input.size(1);
        long[] t = target.toLongArray();
        for (long v : t) if (v == ignoreIndex || v < 0 || v >= classes) return null;
        double sum = 0;
        int s0 = input.stride(0), s1 = input.stride(1), off = input.storageOffset();
        Storage in = input.storage();
        for (int i = 0; i < n; i++) sum += in.getDouble(off + i * s0 + (int) t[i] * s1);
        double scale = reduction.equals("mean") ? 1.0 / n : 1.0;
        DType dt = input.dtype();
        Tensor loss = Nabla.full(-sum * scale, dt, new int[0]);
        return Graph.record(loss, "NllLossBackward0", new Tensor[] {input}, null, (node, g, saved) -> {
            // d loss / d input is -scale at each target and 0 elsewhere; times g stays differentiable in g.
            Storage picks = Storage.allocate(dt, n * classes);
            for (int i = 0; i < n; i++) picks.setDouble(i * classes + (int) t[i], -scale);
            return new Tensor[] {Tensor.of(picks, n, classes).mul(g)};
        });
    }

    private static Tensor negatedLogLikelihood(Tensor x, Tensor t) {
        Tensor logX = x.log().clampMin(-100);
        Tensor log1mX = x.rsub(1).log().clampMin(-100);
        return t.mul(logX).add(t.rsub(1).mul(log1mX)).neg();
    }
}
