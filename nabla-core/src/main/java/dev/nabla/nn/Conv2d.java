package dev.nabla.nn;

import dev.nabla.Tensor;
import dev.nabla.nn.functional.ConvFunctions;
import dev.nabla.ops.ConvPool;

/**
 * A 2-D convolution over an image batch, PyTorch's {@code nn.Conv2d}: each output channel is a learned filter
 * slid over the input channels of its group, plus a bias.
 *
 * <p>Shape: input {@code [N, Cin, H, W]} (or unbatched {@code [Cin, H, W]}), output {@code [N, Cout, Hout, Wout]}
 * with {@code Hout = (H + 2*padding - dilation*(kernel-1) - 1) / stride + 1} (likewise W). {@code weight} is
 * {@code [Cout, Cin/groups, kh, kw]}, {@code bias} {@code [Cout]}.
 *
 * <pre>{@code
 * Conv2d conv = new Conv2d(1, 64, 3, 1, 1);               // 3x3, stride 1, padding 1
 * Tensor y = conv.forward(Nabla.randn(8, 1, 28, 28));    // [8, 64, 28, 28]
 * Conv2d depthwise = Conv2d.builder(32, 32, 3).padding("same").groups(32).bias(false).build();
 * }</pre>
 */
public class Conv2d extends ConvNd {

    public Conv2d(int inChannels, int outChannels, int kernelSize) {
        this(inChannels, outChannels, kernelSize, 1, 0);
    }

    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride) {
        this(inChannels, outChannels, kernelSize, stride, 0);
    }

    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding) {
        this(inChannels, outChannels, kernelSize, stride, padding, 1, 1, true);
    }

    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding, int dilation, int groups,
                  boolean bias) {
        this(inChannels, outChannels, repeat(kernelSize, 2), repeat(stride, 2), repeat(padding, 2), repeat(dilation, 2),
                groups, bias, "zeros");
    }

    /** With {@code padding} "same" (output as large as the input; stride 1 only) or "valid" (none). */
    public Conv2d(int inChannels, int outChannels, int kernelSize, String padding) {
        super(inChannels, outChannels, repeat(kernelSize, 2), repeat(1, 2), null, padding, repeat(1, 2), repeat(0, 2),
                1, true, "zeros", false);
    }

    /** Every argument, one or two values per array; {@code paddingMode} is zeros, reflect, replicate or circular. */
    public Conv2d(int inChannels, int outChannels, int[] kernelSize, int[] stride, int[] padding, int[] dilation,
                  int groups, boolean bias, String paddingMode) {
        super(inChannels, outChannels, dims(kernelSize, 2, "kernel_size"), dims(stride, 2, "stride"),
                dims(padding, 2, "padding"), null, dims(dilation, 2, "dilation"), repeat(0, 2), groups, bias,
                paddingMode, false);
    }

    private Conv2d(Builder b) {
        super(b.in, b.out, b.kernel, b.stride, b.paddingString == null ? b.padding : null, b.paddingString, b.dilation,
                repeat(0, 2), b.groups, b.bias, b.paddingMode, false);
    }

    /** A builder for the optional arguments, named as PyTorch's keywords. */
    public static Builder builder(int inChannels, int outChannels, int kernelSize) {
        return new Builder(inChannels, outChannels, repeat(kernelSize, 2));
    }

    public static Builder builder(int inChannels, int outChannels, int[] kernelSize) {
        return new Builder(inChannels, outChannels, dims(kernelSize, 2, "kernel_size"));
    }

    @Override
    public Tensor forward(Tensor input) {
        if (!paddingMode.equals("zeros")) {
            return ConvFunctions.convolution(padInput(input), weight(), bias(), stride, repeat(0, 2), repeat(0, 2),
                    dilation, groups);
        }
        int[][] pad = paddingAmounts();
        return ConvFunctions.convolution(input, weight(), bias(), stride, pad[0], pad[1], dilation, groups);
    }

    /**
     * {@code pool.forward(forward(input))} for a 2x2, stride-2 {@code pool} (see {@link MaxPool2d#isPlain2x2}), with
     * {@code relu} a ReLU between, as one op that never holds the whole convolution output (ops.ConvPool);
     * {@link Sequential} calls it.
     */
    Tensor forwardMaxPool2x2(Tensor input, MaxPool2d pool, boolean relu) {
        if (!paddingMode.equals("zeros") || input.dim() != 4) return pool.forwardAfter(forward(input), relu);
        int[][] pad = paddingAmounts();
        return ConvPool.conv2dMaxPool2x2(input, weight(), bias(), stride, pad[0], pad[1], dilation, groups,
                pool.ceilMode(), relu);
    }

    /** Collects {@link Conv2d}'s optional arguments; defaults are PyTorch's. */
    public static final class Builder {
        private final int in, out;
        private final int[] kernel;
        private int[] stride = repeat(1, 2), padding = repeat(0, 2), dilation = repeat(1, 2);
        private String paddingString;
        private int groups = 1;
        private boolean bias = true;
        private String paddingMode = "zeros";

        private Builder(int in, int out, int[] kernel) {
            this.in = in;
            this.out = out;
            this.kernel = kernel;
        }

        public Builder stride(int s) { stride = repeat(s, 2); return this; }
        public Builder stride(int[] s) { stride = dims(s, 2, "stride"); return this; }
        public Builder padding(int p) { padding = repeat(p, 2); paddingString = null; return this; }
        public Builder padding(int[] p) { padding = dims(p, 2, "padding"); paddingString = null; return this; }
        /** "same" or "valid". */
        public Builder padding(String p) { paddingString = p; return this; }
        public Builder dilation(int d) { dilation = repeat(d, 2); return this; }
        public Builder dilation(int[] d) { dilation = dims(d, 2, "dilation"); return this; }
        public Builder groups(int g) { groups = g; return this; }
        public Builder bias(boolean b) { bias = b; return this; }
        /** zeros (default), reflect, replicate or circular. */
        public Builder paddingMode(String m) { paddingMode = m; return this; }

        public Conv2d build() {
            return new Conv2d(this);
        }
    }
}
