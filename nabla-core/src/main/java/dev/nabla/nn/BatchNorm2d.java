package dev.nabla.nn;

/**
 * Batch normalisation of images {@code [N, C, H, W]} per channel C, PyTorch's {@code nn.BatchNorm2d} (eps 1e-5,
 * momentum 0.1, affine, tracking running statistics). See {@link BatchNormBase} for the training and eval
 * behaviour.
 *
 * <p>Shape: input {@code [N, C, H, W]}; output the same.
 *
 * <pre>{@code
 * BatchNorm2d bn = new BatchNorm2d(16);
 * Tensor y = bn.forward(Nabla.randn(8, 16, 28, 28));
 * }</pre>
 */
public class BatchNorm2d extends BatchNormBase {
    public BatchNorm2d(int numFeatures) {
        this(numFeatures, DEFAULT_EPS, DEFAULT_MOMENTUM, true, true);
    }

    /** {@code momentum} null gives the cumulative moving average, as PyTorch's {@code momentum=None}. */
    public BatchNorm2d(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats, 4);
    }
}
