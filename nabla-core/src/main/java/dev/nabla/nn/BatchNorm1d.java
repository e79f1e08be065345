package dev.nabla.nn;

/**
 * Batch normalisation of {@code [N, C]} or {@code [N, C, L]} input per channel C, PyTorch's
 * {@code nn.BatchNorm1d} (eps 1e-5, momentum 0.1, affine, tracking running statistics). See
 * {@link BatchNormBase} for the training and eval behaviour.
 *
 * <p>Shape: input {@code [N, C]} or {@code [N, C, L]}; output the same.
 *
 * <pre>{@code
 * BatchNorm1d bn = new BatchNorm1d(64);
 * Tensor y = bn.forward(Nabla.randn(32, 64));
 * BatchNorm1d cumulative = new BatchNorm1d(64, 1e-5, null, true, true);   // momentum None
 * }</pre>
 */
public class BatchNorm1d extends BatchNormBase {
    public BatchNorm1d(int numFeatures) {
        this(numFeatures, DEFAULT_EPS, DEFAULT_MOMENTUM, true, true);
    }

    /** {@code momentum} null gives the cumulative moving average, as PyTorch's {@code momentum=None}. */
    public BatchNorm1d(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats, 2, 3);
    }
}
