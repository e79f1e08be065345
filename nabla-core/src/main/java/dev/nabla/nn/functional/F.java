package dev.nabla.nn.functional;

import dev.nabla.DType;
import dev.nabla.Generator;
import dev.nabla.Nabla;
import dev.nabla.Storage;
import dev.nabla.Tensor;
import dev.nabla.nn.PyRepr;
import dev.nabla.ops.Addmm;

/**
 * PyTorch's {@code torch.nn.functional}: the stateless math that the layers in {@code dev.nabla.nn} call.
 * Use it as {@code F.relu(x)}, {@code F.crossEntropy(logits, labels)}.
 *
 * <p>The file is organised in sections (linear, activations, dropout, normalisation, sparse, losses, and the
 * convolution/pooling section at the end); each function checks its input and fails with PyTorch's message.
 */
public final class F {
    private F() {}

    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);

    // ==========================================================================================================
    // Linear

    /**
     * {@code y = x w^T + b}. The transpose is a view, so the matrix product reads {@code w} in place.
     *
     * @param x input of shape {@code [*, in]}
     * @param weight shape {@code [out, in]}
     * @param bias shape {@code [out]}, or null for none
     */
    public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        // A bias that broadcasts ([1]) or has the wrong length goes the composed way, which broadcasts or fails
        // with PyTorch's size-mismatch message.
        if (x.dim() == 2 && weight.dim() == 2 && (bias == null || bias.dim() == 1 && bias.size(0) == weight.size(0))
                && x.dtype() == weight.dtype()
                && x.dtype().isFloatingPoint() && (bias == null || bias.dtype() == x.dtype())) {
            return Addmm.linear(x, weight, bias); // one op, as PyTorch's addmm
        }
        Tensor y = x.matmul(weight.t());
        return bias == null ? y : y.add(bias);
    }

    // ==========================================================================================================
    // Activations

    public static Tensor relu(Tensor x) {
        return x.relu();
    }

    /** {@code x} where positive, {@code negativeSlope * x} elsewhere. */
    public static Tensor leakyRelu(Tensor x, double negativeSlope) {
        return Nabla.where(x.gt(0), x, x.mul(negativeSlope));
    }

    /** PyTorch's default negative slope, 0.01. */
    public static Tensor leakyRelu(Tensor x) {
        return leakyRelu(x, 0.01);
    }

    /** {@code x} where positive, {@code alpha * (exp(x) - 1)} elsewhere. */
    public static Tensor elu(Tensor x, double alpha) {
        // exp of min(x, 0), not of x: the unused branch of where() must stay finite, or its zero gradient
        // times an infinite exp(x) would turn into NaN.
        Tensor negative = x.clampMax(0).exp().sub(1).mul(alpha);
        return Nabla.where(x.gt(0), x, negative);
    }

    public static Tensor elu(Tensor x) {
        return elu(x, 1.0);
    }

    /** Exact GELU: {@code x * Phi(x) = 0.5 x (1 + erf(x / sqrt 2))}. */
    public static Tensor gelu(Tensor x) {
        return gelu(x, "none");
    }

    /** GELU with {@code approximate} "none" (the erf form) or "tanh" (PyTorch's tanh approximation). */
    public static Tensor gelu(Tensor x, String approximate) {
        if ("none".equals(approximate)) {
            return x.mul(Activations.erf(x.mul(SQRT_HALF)).add(1)).mul(0.5);
        }
        if ("tanh".equals(approximate)) {
            Tensor inner = x.add(x.pow(3).mul(0.044715)).mul(SQRT_2_OVER_PI);
            return x.mul(inner.tanh().add(1)).mul(0.5);
        }
        throw new IllegalArgumentException("approximate argument must be either none or tanh.");
    }

    /** {@code x * sigmoid(x)}, also known as swish. */
    public static Tensor silu(Tensor x) {
        return x.mul(x.sigmoid());
    }

    public static Tensor sigmoid(Tensor x) {
        return x.sigmoid();
    }

    public static Tensor tanh(Tensor x) {
        return x.tanh();
    }

    /**
     * {@code log(1 + exp(beta x)) / beta}, reverting to the identity where {@code beta x > threshold} (PyTorch's
     * defaults: beta 1, threshold 20) so that large inputs neither overflow nor lose precision.
     */
    public static Tensor softplus(Tensor x, double beta, double threshold) {
        Tensor bx = x.mul(beta);
        return Nabla.where(bx.gt(threshold), x, log1pExp(bx).div(beta));
    }

    public static Tensor softplus(Tensor x) {
        return softplus(x, 1, 20);
    }

    /** {@code log(sigmoid(x)) = -log(1 + exp(-x))}, finite for large negative x. */
    public static Tensor logSigmoid(Tensor x) {
        return log1pExp(x.neg()).neg();
    }

    /**
     * {@code log(1 + e^z)} without overflow: {@code z + log(1 + e^-z)} for positive z, {@code log(1 + e^z)}
     * otherwise. Each branch reads z clamped to its own side, so the branch where() discards stays finite and
     * its zero gradient cannot turn into NaN; at z = 0 the derivative is sigmoid(0) = 1/2, as PyTorch's.
     */
    private static Tensor log1pExp(Tensor z) {
        Tensor positive = z.add(z.clampMin(0).neg().exp().add(1).log());
        Tensor negative = z.clampMax(0).exp().add(1).log();
        return Nabla.where(z.gt(0), positive, negative);
    }

    /**
     * Clamps into [minVal, maxVal] (PyTorch's defaults -1 and 1). Unlike clamp, the gradient is zero at the bounds
     * themselves, as PyTorch's hardtanh (and relu6) backward.
     */
    public static Tensor hardtanh(Tensor x, double minVal, double maxVal) {
        Tensor inside = x.gt(minVal).logicalAnd(x.lt(maxVal));
        return Nabla.where(inside, x, x.detach().clamp(minVal, maxVal));
    }

    public static Tensor hardtanh(Tensor x) {
        return hardtanh(x, -1, 1);
    }

    /** {@code min(max(x, 0), 6)}. */
    public static Tensor relu6(Tensor x) {
        return hardtanh(x, 0, 6);
    }

    /** {@code x * tanh(softplus(x))}. */
    public static Tensor mish(Tensor x) {
        return x.mul(softplus(x).tanh());
    }

    /**
     * {@code x / max(||x||_p, eps)} along {@code dim}, PyTorch's {@code F.normalize} (defaults p = 2, dim = 1,
     * eps = 1e-12).
     */
    public static Tensor normalize(Tensor x, double p, int dim, double eps) {
        Tensor norm = x.abs().pow(p).sum(dim, true).pow(1 / p);
        return x.div(norm.clampMin(eps));
    }

    public static Tensor normalize(Tensor x) {
        return normalize(x, 2, 1, 1e-12);
    }

    public static Tensor softmax(Tensor x, int dim) {
        return x.softmax(dim);
    }

    public static Tensor logSoftmax(Tensor x, int dim) {
        return x.logSoftmax(dim);
    }

    // ==========================================================================================================
    // Dropout

    /**
     * In training, zeroes each element with probability {@code p} (drawn from the default generator) and scales
     * the others by {@code 1/(1-p)}, so that the expected value is unchanged; otherwise returns {@code x}.
     */
    public static Tensor dropout(Tensor x, double p, boolean training) {
        checkDropoutProbability(p);
        if (!training || p == 0) return x;
        if (p == 1) return x.mul(0);
        int n = (int) x.numel();
        float[] mask = new float[n];
        Generator.getDefault().fillKeepMask(mask, 0, n, p, (float) (1.0 / (1.0 - p)));
        Tensor m = Tensor.of(Storage.of(mask), x.shape());
        return x.mul(x.dtype() == DType.FLOAT32 ? m : m.to(x.dtype()));
    }

    /** PyTorch's check, shared with the Dropout layer's constructor. */
    public static void checkDropoutProbability(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + PyRepr.pyFloat(p));
        }
    }

    // ==========================================================================================================
    // Normalisation

    /**
     * Batch normalisation over every dim but the channel dim 1 of {@code [N, C, *]} input, PyTorch's
     * {@code F.batch_norm}. In training, normalises with the batch mean and biased variance and, when running
     * statistics are given, updates them in place with {@code momentum} (running variance from the unbiased
     * batch variance); otherwise normalises with the running statistics.
     *
     * @param runningMean {@code [C]} or null (then {@code training} must be true)
     * @param weight {@code [C]} scale, or null
     * @param bias {@code [C]} shift, or null
     */
    public static Tensor batchNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                                   boolean training, double momentum, double eps) {
        if (x.dim() < 2) {
            throw new IllegalArgumentException("batch_norm expects input of at least 2 dimensions [N, C, *], got input of size "
                    + Messages.torchSize(x.shape()));
        }
        int channels = x.size(1);
        int[] reduceDims = new int[x.dim() - 1];
        int[] channelShape = new int[x.dim()];
        java.util.Arrays.fill(channelShape, 1);
        channelShape[1] = channels;
        for (int d = 0, k = 0; d < x.dim(); d++) if (d != 1) reduceDims[k++] = d;
        checkChannelVector("running_mean", runningMean, channels);
        checkChannelVector("running_var", runningVar, channels);
        checkChannelVector("weight", weight, channels);
        checkChannelVector("bias", bias, channels);
        if (dev.nabla.ops.Normalization.handles(x, training, runningMean, runningVar)) {
            // One fused primitive (two sweeps forward, two backward) instead of a dozen broadcast passes.
            return dev.nabla.ops.Normalization.batchNorm(x, runningMean, runningVar, weight, bias, training, momentum, eps);
        }
        Tensor mean, var;
        if (training) {
            long perChannel = x.numel() / Math.max(channels, 1);
            if (perChannel == 1) {
                throw new IllegalArgumentException("Expected more than 1 value per channel when training, got input size "
                        + Messages.torchSize(x.shape()));
            }
            mean = x.mean(reduceDims, true);
            var = x.sub(mean).square().mean(reduceDims, true);
            if (runningMean != null || runningVar != null) {
                try (var g = Nabla.noGrad()) {
                    if (runningMean != null) {
                        runningMean.mul_(1 - momentum).add_(mean.detach().reshape(channels).mul(momentum));
                    }
                    if (runningVar != null) {
                        Tensor unbiased = var.detach().reshape(channels).mul((double) perChannel / (perChannel - 1));
                        runningVar.mul_(1 - momentum).add_(unbiased.mul(momentum));
                    }
                }
            }
        } else {
            if (runningMean == null || runningVar == null) {
                throw new IllegalArgumentException("running_mean and running_var must be defined in evaluation mode");
            }
            mean = runningMean.reshape(channelShape);
            var = runningVar.reshape(channelShape);
        }
        Tensor y = x.sub(mean).mul(var.add(eps).rsqrt());
        if (weight != null) y = y.mul(weight.reshape(channelShape));
        if (bias != null) y = y.add(bias.reshape(channelShape));
        return y;
    }

    private static void checkChannelVector(String what, Tensor t, int channels) {
        if (t != null && t.numel() != channels) {
            throw new IllegalArgumentException(what + " should contain " + channels + " elements not " + t.numel());
        }
    }

    /**
     * Layer normalisation over the trailing dims given by {@code normalizedShape}, PyTorch's
     * {@code F.layer_norm}: mean and biased variance per sample, then the elementwise affine map if given.
     */
    public static Tensor layerNorm(Tensor x, int[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        int k = normalizedShape.length;
        boolean ok = k > 0 && x.dim() >= k;
        for (int i = 0; ok && i < k; i++) ok = x.size(x.dim() - k + i) == normalizedShape[i];
        if (!ok) {
            throw new IllegalArgumentException("Given normalized_shape=" + java.util.Arrays.toString(normalizedShape)
                    + ", expected input with shape [*, " + Messages.joinInts(normalizedShape) + "], but got input of size"
                    + java.util.Arrays.toString(x.shape()));
        }
        if (weight != null && !java.util.Arrays.equals(weight.shape(), normalizedShape)) {
            throw new IllegalArgumentException("Expected weight to be of same shape as normalized_shape, but got weight of shape "
                    + java.util.Arrays.toString(weight.shape()) + " and normalized_shape = " + java.util.Arrays.toString(normalizedShape));
        }
        if (bias != null && !java.util.Arrays.equals(bias.shape(), normalizedShape)) {
            throw new IllegalArgumentException("Expected bias to be of same shape as normalized_shape, but got bias of shape "
                    + java.util.Arrays.toString(bias.shape()) + " and normalized_shape = " + java.util.Arrays.toString(normalizedShape));
        }
        int[] dims = new int[k];
        for (int i = 0; i < k; i++) dims[i] = x.dim() - k + i;
        Tensor centered = x.sub(x.mean(dims, true));
        Tensor var = centered.square().mean(dims, true);
        Tensor y = centered.mul(var.add(eps).rsqrt());
        if (weight != null) y = y.mul(weight);
        if (bias != null) y = y.add(bias);
        return y;
    }

    // ==========================================================================================================
    // Sparse: embeddings and one-hot

    /**
     * Rows of {@code weight} picked by {@code indices}, PyTorch's {@code F.embedding}: output shape is
     * {@code indices.shape() + [embeddingDim]}. The row at {@code paddingIdx} (null for none) gets no gradient.
     */
    public static Tensor embedding(Tensor indices, Tensor weight, Integer paddingIdx) {
        if (indices.dtype() != DType.INT64) {
            throw new IllegalArgumentException("Expected tensor for argument #1 'indices' to have one of the following scalar "
                    + "types: Long, Int; but got " + Messages.tensorTypeName(indices.dtype()) + " instead (while checking arguments for embedding)");
        }
        if (weight.dim() != 2) throw new IllegalArgumentException("'weight' must be 2-D");
        int dim = weight.size(1), rows = weight.size(0);
        // Checked here, not left to index_select, which would wrap a negative index around as Python does.
        for (long v : indices.toLongArray()) {
            if (v < 0 || v >= rows) throw new IndexOutOfBoundsException("index out of range in self");
        }
        int[] shape = indices.shape();
        int[] outShape = java.util.Arrays.copyOf(shape, shape.length + 1);
        outShape[shape.length] = dim;
        Tensor out = weight.indexSelect(0, indices.reshape(-1)).reshape(outShape);
        if (paddingIdx != null && out.requiresGrad()) {
            int pad = paddingIdx < 0 ? paddingIdx + weight.size(0) : paddingIdx;
            // Same values, but the padding positions come from a detached copy, so their gradient is dropped.
            Tensor isPad = indices.eq(pad).unsqueeze(-1);
            out = Nabla.where(isPad, out.detach(), out);
        }
        return out;
    }

    public static Tensor embedding(Tensor indices, Tensor weight) {
        return embedding(indices, weight, null);
    }

    /**
     * One-hot encoding, PyTorch's {@code F.one_hot}: int64 output of shape {@code indices.shape() + [numClasses]};
     * {@code numClasses = -1} infers it as {@code max + 1}.
     */
    public static Tensor oneHot(Tensor indices, int numClasses) {
        if (indices.dtype() != DType.INT64) {
            throw new IllegalArgumentException("one_hot is only applicable to index tensor.");
        }
        long[] idx = indices.toLongArray();
        long max = -1;
        for (long v : idx) {
            if (v < 0) throw new IllegalArgumentException("Class values must be non-negative.");
            max = Math.max(max, v);
        }
        if (numClasses == -1) {
            if (idx.length == 0) {
                throw new IllegalArgumentException("Can not infer total number of classes from empty tensor.");
            }
            numClasses = (int) max + 1;
        } else if (max >= numClasses) {
            throw new IllegalArgumentException("Class values must be smaller than num_classes.");
        }
        long[] out = new long[idx.length * numClasses];
        for (int i = 0; i < idx.length; i++) out[i * numClasses + (int) idx[i]] = 1;
        int[] shape = indices.shape();
        int[] outShape = java.util.Arrays.copyOf(shape, shape.length + 1);
        outShape[shape.length] = numClasses;
        return Tensor.of(Storage.of(out), outShape);
    }

    public static Tensor oneHot(Tensor indices) {
        return oneHot(indices, -1);
    }

    // ==========================================================================================================
    // Losses. Each takes a reduction: "none" (per element), "mean" (PyTorch's default) or "sum".

    private static final System.Logger LOG = System.getLogger(F.class.getName());

    /** Mean squared error {@code (input - target)^2}. A target of another shape broadcasts, with PyTorch's warning. */
    public static Tensor mseLoss(Tensor input, Tensor target, String reduction) {
        checkReduction(reduction);
        warnIfSizesDiffer(input, target);
        return reduce(input.sub(target).square(), reduction);
    }

    public static Tensor mseLoss(Tensor input, Tensor target) {
        return mseLoss(input, target, "mean");
    }

    /** Mean absolute error {@code |input - target|}. */
    public static Tensor l1Loss(Tensor input, Tensor target, String reduction) {
        checkReduction(reduction);
        warnIfSizesDiffer(input, target);
        return reduce(input.sub(target).abs(), reduction);
    }

    public static Tensor l1Loss(Tensor input, Tensor target) {
        return l1Loss(input, target, "mean");
    }

    /**
     * {@code 0.5 d^2 / beta} where {@code |d| < beta}, {@code |d| - 0.5 beta} elsewhere ({@code d = input - target});
     * {@code beta = 0} is the L1 loss.
     */
    public static Tensor smoothL1Loss(Tensor input, Tensor target, String reduction, double beta) {
        checkReduction(reduction);
        if (beta < 0) throw new IllegalArgumentException("smooth_l1_loss does not support negative values for beta.");
        warnIfSizesDiffer(input, target);
        if (beta == 0) return reduce(input.sub(target).abs(), reduction);
        Tensor d = input.sub(target);
        Tensor z = d.abs();
        Tensor loss = Nabla.where(z.lt(beta), d.square().mul(0.5 / beta), z.sub(0.5 * beta));
        return reduce(loss, reduction);
    }

    public static Tensor smoothL1Loss(Tensor input, Tensor target) {
        return smoothL1Loss(input, target, "mean", 1.0);
    }

    /** {@code 0.5 d^2} where {@code |d| < delta}, {@code delta (|d| - 0.5 delta)} elsewhere. */
    public static Tensor huberLoss(Tensor input, Tensor target, String reduction, double delta) {
        checkReduction(reduction);
        if (!(delta > 0)) throw new IllegalArgumentException("huber_loss does not support non-positive values for delta.");
        warnIfSizesDiffer(input, target);
        Tensor d = input.sub(target);
        Tensor z = d.abs();
        Tensor loss = Nabla.where(z.lt(delta), d.square().mul(0.5), z.sub(0.5 * delta).mul(delta));
        return reduce(loss, reduction);
    }

    public static Tensor huberLoss(Tensor input, Tensor target) {
        return huberLoss(input, target, "mean", 1.0);
    }

    /**
     * Binary cross-entropy of probabilities, {@code -w (t log x + (1 - t) log(1 - x))}, each log clamped at
     * -100 as PyTorch does so that x = 0 or 1 gives a finite loss. {@code weight} (null for none) broadcasts.
     */
    public static Tensor binaryCrossEntropy(Tensor input, Tensor target, Tensor weight, String reduction) {
        checkReduction(reduction);
        if (!java.util.Arrays.equals(input.shape(), target.shape())) {
            throw new IllegalArgumentException("Using a target size (" + Messages.torchSize(target.shape())
                    + ") that is different to the input size (" + Messages.torchSize(input.shape()) + ") is deprecated. "
                    + "Please ensure they have the same size.");
        }
        Tensor loss = LossPrimitives.binaryCrossEntropy(input, target);
        if (weight != null) loss = loss.mul(weight);
        return reduce(loss, reduction);
    }

    public static Tensor binaryCrossEntropy(Tensor input, Tensor target) {
        return binaryCrossEntropy(input, target, null, "mean");
    }

    /**
     * Binary cross-entropy on logits, {@code sigmoid} folded into the loss in the log-sum-exp form that never
     * overflows: {@code (1 - t) x + (1 + (pw - 1) t) (log(1 + exp(-|x|)) + max(-x, 0))}. {@code posWeight} (null
     * for none) weighs the positive term, broadcast along the last dim; {@code weight} weighs each element.
     */
    public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target, Tensor weight, Tensor posWeight,
                                                      String reduction) {
        checkReduction(reduction);
        if (!java.util.Arrays.equals(input.shape(), target.shape())) {
            throw new IllegalArgumentException("Target size (" + Messages.torchSize(target.shape())
                    + ") must be the same as input size (" + Messages.torchSize(input.shape()) + ")");
        }
        Tensor maxVal = input.neg().clampMin(0);
        // log(1 + exp(-x)) = max(-x, 0) + log(exp(-max) + exp(-x - max)): both exponents are <= 0.
        Tensor logTerm = maxVal.neg().exp().add(input.neg().sub(maxVal).exp()).log().add(maxVal);
        Tensor loss;
        if (posWeight != null) {
            Tensor logWeight = posWeight.sub(1).mul(target).add(1);
            loss = target.rsub(1).mul(input).add(logWeight.mul(logTerm));
        } else {
            loss = target.rsub(1).mul(input).add(logTerm);
        }
        if (weight != null) loss = loss.mul(weight);
        return reduce(loss, reduction);
    }

    public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target) {
        return binaryCrossEntropyWithLogits(input, target, null, null, "mean");
    }

    /**
     * Negative log-likelihood of log-probabilities, PyTorch's {@code F.nll_loss}: input {@code [N, C]},
     * {@code [N, C, d1, ...]} or {@code [C]}; int64 class-index target {@code [N]}, {@code [N, d1, ...]} or
     * {@code []}. Targets equal to {@code ignoreIndex} count for nothing; "mean" divides by the sum of the
     * weights of the counted targets, as PyTorch does.
     *
     * @param weight per-class weights {@code [C]}, or null
     */
    public static Tensor nllLoss(Tensor input, Tensor target, Tensor weight, long ignoreIndex, String reduction) {
        checkReduction(reduction);
        Tensor fused = LossPrimitives.nllLossOfBatch(input, target, weight, ignoreIndex, reduction);
        if (fused != null) return fused;
        Picked p = pickTargets(input, target, weight, ignoreIndex);
        Tensor loss = p.logProb.neg().mul(p.weights);
        return switch (reduction) {
            case "none" -> loss;
            case "sum" -> loss.sum();
            default -> weightedMean(loss, p.weights.sum().item());
        };
    }

    /**
     * {@code sum(perElement) / denominator} for a constant denominator. When every target is ignored the
     * denominator is 0: the value is NaN as in PyTorch, while the gradient stays 0 (as PyTorch's, which skips
     * ignored targets) instead of the 0 * inf = NaN that the plain division would give.
     */
    private static Tensor weightedMean(Tensor perElement, double denominator) {
        Tensor sum = perElement.sum();
        return denominator == 0 ? sum.mul(0).add(Double.NaN) : sum.div(denominator);
    }

    public static Tensor nllLoss(Tensor input, Tensor target) {
        return nllLoss(input, target, null, -100, "mean");
    }

    /** The log-probabilities at the targets and each target's weight (0 where ignored). */
    private record Picked(Tensor logProb, Tensor weights) {}

    private static Picked pickTargets(Tensor input, Tensor target, Tensor weight, long ignoreIndex) {
        if (target.dtype() != DType.INT64) {
            throw new IllegalArgumentException("expected scalar type Long but found " + Messages.scalarTypeName(target.dtype()));
        }
        if (input.dim() < 1) throw new IllegalArgumentException("Expected 1 or more dimensions (got 0)");
        boolean unbatched = input.dim() == 1;
        if (unbatched) {
            if (target.dim() != 0) {
                throw new IllegalArgumentException("0D target tensor expected, multi-target not supported");
            }
            input = input.unsqueeze(0);
            target = target.unsqueeze(0);
        } else if (target.dim() == 0 || input.size(0) != target.size(0)) {
            throw new IllegalArgumentException("Expected input batch_size (" + input.size(0) + ") to match target batch_size ("
                    + (target.dim() == 0 ? 0 : target.size(0)) + ").");
        }
        int[] expected = new int[input.dim() - 1];
        expected[0] = input.size(0);
        for (int d = 2; d < input.dim(); d++) expected[d - 1] = input.size(d);
        if (!java.util.Arrays.equals(expected, target.shape())) {
            if (input.dim() == 2) throw new IllegalArgumentException("1D target tensor expected, multi-target not supported");
            throw new IllegalArgumentException("Expected target size " + java.util.Arrays.toString(expected) + ", got "
                    + java.util.Arrays.toString(target.shape()));
        }
        int classes = input.size(1);
        if (weight != null && (weight.dim() != 1 || weight.numel() != classes)) {
            throw new IllegalArgumentException("weight tensor should be defined either for all " + classes
                    + " classes or no classes but got weight tensor of shape: " + java.util.Arrays.toString(weight.shape()));
        }
        long[] t = target.toLongArray();
        long[] safe = new long[t.length];
        double[] counted = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            if (t[i] == ignoreIndex) continue;
            if (t[i] < 0 || t[i] >= classes) throw new IndexOutOfBoundsException("Target " + t[i] + " is out of bounds.");
            safe[i] = t[i];
            counted[i] = 1;
        }
        int[] tShape = target.shape();
        Tensor safeTarget = Tensor.of(Storage.of(safe), tShape);
        Tensor logProb = input.gather(1, safeTarget.unsqueeze(1)).squeeze(1);
        Tensor w = Nabla.tensor(counted, tShape).to(input.dtype());
        if (weight != null) w = w.mul(weight.detach().to(input.dtype()).indexSelect(0, safeTarget.reshape(-1)).reshape(tShape));
        if (unbatched) {
            logProb = logProb.squeeze(0);
            w = w.squeeze(0);
        }
        return new Picked(logProb, w);
    }

    /**
     * Cross-entropy of raw scores, PyTorch's {@code F.cross_entropy}: log-softmax over the class dim (1, or 0
     * for unbatched {@code [C]} input) followed by the negative log-likelihood, which stays finite for large
     * scores. The target is either int64 class indices ({@code [N]} or {@code [N, d1, ...]}, honouring
     * {@code weight} and {@code ignoreIndex}) or float class probabilities of the input's shape.
     * {@code labelSmoothing} in [0, 1] mixes the target with the uniform distribution.
     */
    public static Tensor crossEntropy(Tensor input, Tensor target, Tensor weight, long ignoreIndex, String reduction,
                                      double labelSmoothing) {
        checkReduction(reduction);
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException("label_smoothing must be between 0.0 and 1.0. Got: " + Messages.cDouble(labelSmoothing));
        }
        if (input.dim() < 1) throw new IllegalArgumentException("Expected 1 or more dimensions (got 0)");
        int classDim = input.dim() == 1 ? 0 : 1;
        int classes = input.size(classDim);
        Tensor logp = input.logSoftmax(classDim);
        int[] weightShape = new int[input.dim()];
        java.util.Arrays.fill(weightShape, 1);
        weightShape[classDim] = classes;
        if (target.dtype().isFloatingPoint() && java.util.Arrays.equals(target.shape(), input.shape())) {
            if (weight != null && (weight.dim() != 1 || weight.numel() != classes)) {
                throw new IllegalArgumentException("cross_entropy: weight tensor should be defined either for all " + classes
                        + " classes or no classes but got weight tensor of shape: " + java.util.Arrays.toString(weight.shape()));
            }
            Tensor t = labelSmoothing > 0 ? target.mul(1 - labelSmoothing).add(labelSmoothing / classes) : target;
            Tensor prod = logp.mul(t);
            if (weight != null) prod = prod.mul(weight.reshape(weightShape));
            return switch (reduction) {
                case "none" -> prod.sum(classDim).neg();
                case "sum" -> prod.sum().neg();
                default -> prod.sum().neg().div((double) input.numel() / classes);
            };
        }
        if (labelSmoothing == 0) return nllLoss(logp, target, weight, ignoreIndex, reduction);
        Picked p = pickTargets(logp, target, weight, ignoreIndex);
        Tensor nll = p.logProb.neg().mul(p.weights);
        nll = switch (reduction) {
            case "none" -> nll;
            case "sum" -> nll.sum();
            default -> weightedMean(nll, p.weights.sum().item());
        };
        // The uniform part: minus the (weighted) sum of all log-probabilities, zero at ignored positions.
        Tensor all = weight != null ? logp.mul(weight.detach().to(logp.dtype()).reshape(weightShape)) : logp;
        Tensor notIgnored = target.ne((double) ignoreIndex).to(logp.dtype());
        Tensor smooth = all.sum(classDim).neg().mul(notIgnored);
        Tensor smoothReduced = switch (reduction) {
            case "none" -> smooth;
            case "sum" -> smooth.sum();
            // PyTorch divides by the summed weights of the counted targets with a weight, by their count without.
            default -> weightedMean(smooth, (weight != null ? p.weights : notIgnored).sum().item());
        };
        return nll.mul(1 - labelSmoothing).add(smoothReduced.mul(labelSmoothing / classes));
    }

    public static Tensor crossEntropy(Tensor input, Tensor target) {
        return crossEntropy(input, target, null, -100, "mean", 0);
    }

    public static Tensor crossEntropy(Tensor input, Tensor target, String reduction) {
        return crossEntropy(input, target, null, -100, reduction, 0);
    }

    /** Validates a reduction name with PyTorch's message. */
    public static void checkReduction(String reduction) {
        if (!"none".equals(reduction) && !"mean".equals(reduction) && !"sum".equals(reduction)) {
            throw new IllegalArgumentException(reduction + " is not a valid value for reduction");
        }
    }

    private static Tensor reduce(Tensor loss, String reduction) {
        return switch (reduction) {
            case "none" -> loss;
            case "sum" -> loss.sum();
            default -> loss.mean();
        };
    }

    private static void warnIfSizesDiffer(Tensor input, Tensor target) {
        if (!java.util.Arrays.equals(input.shape(), target.shape())) {
            LOG.log(System.Logger.Level.WARNING, "Using a target size (" + Messages.torchSize(target.shape())
                    + ") that is different to the input size (" + Messages.torchSize(input.shape()) + "). This will likely lead "
                    + "to incorrect results due to broadcasting. Please ensure they have the same size.");
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // Convolution and pooling (the math lives in ConvFunctions; see there for the full argument lists)

    /** {@code F.conv1d}. */
    public static Tensor conv1d(Tensor input, Tensor weight, Tensor bias, int stride, int padding, int dilation, int groups) {
        return ConvFunctions.conv1d(input, weight, bias, stride, padding, dilation, groups);
    }

    public static Tensor conv1d(Tensor input, Tensor weight, Tensor bias) {
        return ConvFunctions.conv1d(input, weight, bias);
    }

    /** {@code F.conv2d(input, weight)}: no bias, stride 1, no padding. */
    public static Tensor conv2d(Tensor input, Tensor weight) {
        return ConvFunctions.conv2d(input, weight);
    }

    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias) {
        return ConvFunctions.conv2d(input, weight, bias);
    }

    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int stride, int padding) {
        return ConvFunctions.conv2d(input, weight, bias, stride, padding);
    }

    /** {@code F.conv2d} with every argument, one or two values per array. */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation,
                                int groups) {
        return ConvFunctions.conv2d(input, weight, bias, stride, padding, dilation, groups);
    }

    /** {@code F.conv2d} with {@code padding="same"} or {@code "valid"}. */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int[] stride, String padding, int[] dilation,
                                int groups) {
        return ConvFunctions.conv2d(input, weight, bias, stride, padding, dilation, groups);
    }

    /** {@code F.conv_transpose2d}, in PyTorch's argument order (groups before dilation). */
    public static Tensor convTranspose2d(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding,
                                         int[] outputPadding, int groups, int[] dilation) {
        return ConvFunctions.convTranspose2d(input, weight, bias, stride, padding, outputPadding, groups, dilation);
    }

    public static Tensor maxPool2d(Tensor input, int kernel) {
        return ConvFunctions.maxPool2d(input, kernel);
    }

    /** {@code F.max_pool2d}; a null stride means the kernel size. */
    public static Tensor maxPool2d(Tensor input, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
        return ConvFunctions.maxPool2d(input, kernel, stride, padding, dilation, ceilMode);
    }

    /** {@code F.max_pool2d(..., return_indices=True)}. */
    public static dev.nabla.MaxResult maxPool2dWithIndices(Tensor input, int[] kernel, int[] stride, int[] padding, int[] dilation,
                                                 boolean ceilMode) {
        return ConvFunctions.maxPool2dWithIndices(input, kernel, stride, padding, dilation, ceilMode);
    }

    public static Tensor avgPool2d(Tensor input, int kernel) {
        return ConvFunctions.avgPool2d(input, kernel);
    }

    /** {@code F.avg_pool2d}; a null stride means the kernel size, divisorOverride 0 means none. */
    public static Tensor avgPool2d(Tensor input, int[] kernel, int[] stride, int[] padding, boolean ceilMode,
                                   boolean countIncludePad, int divisorOverride) {
        return ConvFunctions.avgPool2d(input, kernel, stride, padding, ceilMode, countIncludePad, divisorOverride);
    }

    public static Tensor adaptiveAvgPool2d(Tensor input, int outH, int outW) {
        return ConvFunctions.adaptiveAvgPool2d(input, outH, outW);
    }

    public static Tensor adaptiveMaxPool2d(Tensor input, int outH, int outW) {
        return ConvFunctions.adaptiveMaxPool2d(input, outH, outW);
    }

    public static dev.nabla.MaxResult adaptiveMaxPool2dWithIndices(Tensor input, int outH, int outW) {
        return ConvFunctions.adaptiveMaxPool2dWithIndices(input, outH, outW);
    }

    /** {@code F.interpolate} (modes nearest and bilinear); exactly one of size and scaleFactor is non-null. */
    public static Tensor interpolate(Tensor input, int[] size, double[] scaleFactor, String mode, Boolean alignCorners) {
        return ConvFunctions.interpolate(input, size, scaleFactor, mode, alignCorners);
    }

    /** {@code F.pad} (modes constant, reflect, replicate, circular), pairs from the last dimension. */
    public static Tensor pad(Tensor input, int[] pad, String mode, double value) {
        return ConvFunctions.pad(input, pad, mode, value);
    }

    public static Tensor pad(Tensor input, int[] pad) {
        return ConvFunctions.pad(input, pad, "constant", 0);
    }

    public static Tensor groupNorm(Tensor input, int numGroups, Tensor weight, Tensor bias, double eps) {
        return ConvFunctions.groupNorm(input, numGroups, weight, bias, eps);
    }

    public static Tensor dropout2d(Tensor input, double p, boolean training) {
        return ConvFunctions.dropout2d(input, p, training);
    }
}
