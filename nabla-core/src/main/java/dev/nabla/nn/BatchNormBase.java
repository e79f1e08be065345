package dev.nabla.nn;

import dev.nabla.DType;
import dev.nabla.Nabla;
import dev.nabla.Tensor;
import dev.nabla.nn.functional.F;
import dev.nabla.ops.NormPool;
import dev.nabla.ops.Normalization;

/**
 * What {@link BatchNorm1d} and {@link BatchNorm2d} share, PyTorch's {@code _BatchNorm}: a learnable per-channel
 * scale and shift ({@code affine}), running mean and variance buffers with a batch counter
 * ({@code trackRunningStats}), normalising by batch statistics in training and by the running ones in eval.
 *
 * <p>The running statistics move by {@code momentum} each training batch ({@code running = (1 - m) running +
 * m batch}, the variance unbiased); with a null momentum they are the cumulative average of all batches seen
 * ({@code m = 1 / numBatchesTracked}).
 */
public abstract class BatchNormBase extends Module {
    /** PyTorch's defaults, shared by the one-argument constructors. */
    static final double DEFAULT_EPS = 1e-5, DEFAULT_MOMENTUM = 0.1;

    private final int numFeatures;
    private final double eps;
    private final Double momentum;
    private final boolean affine;
    private final boolean trackRunningStats;
    private final Tensor weight;
    private final Tensor bias;
    private final Tensor runningMean;
    private final Tensor runningVar;
    private final Tensor numBatchesTracked;
    private final int[] inputDims;

    /**
     * {@code inputDims}: the input ranks the layer accepts (2 and 3 for {@link BatchNorm1d}); any other is refused
     * with PyTorch's message.
     */
    protected BatchNormBase(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats,
                            int... inputDims) {
        if (numFeatures <= 0) {
            throw new IllegalArgumentException("num_features must be positive, got " + numFeatures);
        }
        this.numFeatures = numFeatures;
        this.eps = eps;
        this.momentum = momentum;
        this.affine = affine;
        this.trackRunningStats = trackRunningStats;
        this.inputDims = inputDims.clone();
        this.weight = registerParameter("weight", affine ? Nabla.ones(numFeatures) : null);
        this.bias = registerParameter("bias", affine ? Nabla.zeros(numFeatures) : null);
        this.runningMean = registerBuffer("running_mean", trackRunningStats ? Nabla.zeros(numFeatures) : null);
        this.runningVar = registerBuffer("running_var", trackRunningStats ? Nabla.ones(numFeatures) : null);
        this.numBatchesTracked = registerBuffer("num_batches_tracked", trackRunningStats ? Nabla.zeros(DType.INT64) : null);
    }

    /** Throws PyTorch's error when the input has the wrong number of dims for this layer. */
    private void checkInputDim(Tensor input) {
        for (int d : inputDims) if (input.dim() == d) return;
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < inputDims.length; i++) expected.append(i > 0 ? " or " : "").append(inputDims[i]).append('D');
        throw new IllegalArgumentException("expected " + expected + " input (got " + input.dim() + "D input)");
    }

    @Override
    public Tensor forward(Tensor input) {
        return forward(input, false);
    }

    /**
     * {@code overwrite}: the caller guarantees that nothing else can see {@code input} (Sequential, for the new
     * output of the layer before), so without grad the result may be written over it.
     */
    Tensor forward(Tensor input, boolean overwrite) {
        checkInputDim(input);
        Call call = call();
        // The fused primitive's own cases, as F.batchNorm takes it; an input with another channel count goes to
        // F.batchNorm for its error message.
        if (overwrite && fused(call, input)) {
            return Normalization.batchNormOverwriting(input, call.mean, call.var, weight, bias, call.useBatchStats,
                    call.factor, eps);
        }
        return F.batchNorm(input, call.mean, call.var, weight, bias, call.useBatchStats, call.factor, eps);
    }

    /**
     * {@code pool.forward(forward(input))} for a 2x2, stride-2 {@code pool} (see {@link MaxPool2d#isPlain2x2}), with
     * {@code relu} a ReLU between, as one op that never holds the whole normalised tensor (ops.NormPool);
     * {@link Sequential} calls it.
     */
    Tensor forwardMaxPool2x2(Tensor input, MaxPool2d pool, boolean relu) {
        checkInputDim(input);
        Call call = call();
        if (input.dim() == 4 && fused(call, input)) {
            return NormPool.batchNormMaxPool2x2(input, call.mean, call.var, weight, bias, call.useBatchStats,
                    call.factor, eps, pool.ceilMode(), relu);
        }
        Tensor y = F.batchNorm(input, call.mean, call.var, weight, bias, call.useBatchStats, call.factor, eps);
        return pool.forwardAfter(y, relu);
    }

    /** What one forward call normalises with: batch or running statistics, and the running statistics' update. */
    private record Call(boolean useBatchStats, Tensor mean, Tensor var, double factor) {}

    /** Whether the fused primitive takes {@code input} (another channel count goes to F.batchNorm's error). */
    private boolean fused(Call call, Tensor input) {
        return input.size(1) == numFeatures && Normalization.handles(input, call.useBatchStats, call.mean, call.var);
    }

    /** Counts the batch (in training, with running statistics) and works out the {@link Call}. */
    private Call call() {
        double factor = momentum == null ? 0.0 : momentum;
        if (isTraining() && trackRunningStats) {
            try (var g = Nabla.noGrad()) {
                numBatchesTracked.add_(1);
            }
            if (momentum == null) factor = 1.0 / numBatchesTracked.item();
        }
        // Without running statistics there is nothing else to normalise with, even in eval mode.
        boolean useBatchStats = isTraining() || (runningMean == null && runningVar == null);
        boolean passStats = !isTraining() || trackRunningStats;
        return new Call(useBatchStats, passStats ? runningMean : null, passStats ? runningVar : null, factor);
    }

    /** Sets the running mean to 0, the running variance to 1 and the batch counter to 0. */
    public void resetRunningStats() {
        if (!trackRunningStats) return;
        try (var g = Nabla.noGrad()) {
            runningMean.zero_();
            runningVar.fill_(1);
            numBatchesTracked.zero_();
        }
    }

    public int numFeatures() { return numFeatures; }
    public double eps() { return eps; }
    /** The momentum, or null for the cumulative moving average. */
    public Double momentum() { return momentum; }
    public boolean affine() { return affine; }
    public boolean trackRunningStats() { return trackRunningStats; }
    /** The scale {@code [C]} (ones at first), or null when not affine. */
    public Tensor weight() { return weight; }
    /** The shift {@code [C]} (zeros at first), or null when not affine. */
    public Tensor bias() { return bias; }
    public Tensor runningMean() { return runningMean; }
    public Tensor runningVar() { return runningVar; }
    public Tensor numBatchesTracked() { return numBatchesTracked; }

    @Override
    public String extraRepr() {
        return numFeatures + ", eps=" + PyRepr.pyFloat(eps) + ", momentum=" + (momentum == null ? "None" : PyRepr.pyFloat(momentum))
                + ", affine=" + PyRepr.pyBool(affine) + ", track_running_stats=" + PyRepr.pyBool(trackRunningStats);
    }
}
