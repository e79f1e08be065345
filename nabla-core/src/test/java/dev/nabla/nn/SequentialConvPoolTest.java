package dev.nabla.nn;

import dev.nabla.Nabla;
import dev.nabla.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link Sequential} runs a Conv2d followed by a 2x2 MaxPool2d (directly or with a ReLU between) as one op that
 * never keeps the whole convolution output (ops.ConvPool). Outputs and the gradients of input, weight and bias must
 * be exactly those of the modules run one by one, in training and inference, for the maps it fuses (large enough
 * for the convolution to work one sample at a time) and for those it leaves to the two ops.
 */
class SequentialConvPoolTest {

    /** The modules one by one, outside Sequential. */
    private static Tensor chain(List<Module> modules, Tensor x) {
        Tensor h = x;
        for (Module m : modules) h = m.forward(h);
        return h;
    }

    private static void assertSameBits(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]),
                    what + " differs at " + i + ": " + expected[i] + " against " + actual[i]);
        }
    }

    /** Output and gradients (input, then each parameter) of {@code modules} on {@code x}, chained or in Sequential. */
    private static List<float[]> run(List<Module> modules, Tensor x, boolean sequential, boolean inputGrad) {
        Tensor in = x.detach().requiresGrad(inputGrad);
        for (Module m : modules) m.zeroGrad(true);
        Tensor y = sequential ? new Sequential(modules.toArray(new Module[0])).forward(in) : chain(modules, in);
        // An in-place op on the output, as a residual add or an in-place activation after the block would do:
        // pooling, PyTorch's last op, saves nothing it could invalidate.
        y.mul_(2);
        Nabla.manualSeed(5);
        y.mul(Nabla.randn(y.shape())).sum().backward();
        List<float[]> out = new ArrayList<>();
        out.add(y.toFloatArray());
        if (inputGrad) out.add(in.grad().toFloatArray());
        for (Module m : modules) for (Tensor p : m.parameters()) out.add(p.grad().toFloatArray());
        return out;
    }

    private static void assertSameAsChained(List<Module> modules, Tensor x, String what) {
        // With an input that needs no gradient (a first layer) the weight gradient takes another path.
        for (boolean inputGrad : List.of(true, false)) {
            List<float[]> expected = run(modules, x, false, inputGrad), actual = run(modules, x, true, inputGrad);
            List<String> names = new ArrayList<>(List.of("output", "input gradient", "weight gradient", "bias gradient"));
            if (!inputGrad) names.remove(1);
            for (int i = 0; i < expected.size(); i++) {
                assertSameBits(expected.get(i), actual.get(i), what + ": " + names.get(Math.min(i, names.size() - 1))
                        + (inputGrad ? "" : " (input without grad)"));
            }
        }
        float[] reference;
        float[] inference;
        try (var noGrad = Nabla.noGrad()) {
            reference = chain(modules, x).toFloatArray();
            inference = new Sequential(modules.toArray(new Module[0])).forward(x).toFloatArray();
        }
        assertSameBits(reference, inference, what + ": output without grad");
    }

    @Test
    void aFirstBlockMatchesTheModulesOneByOne() {
        Nabla.manualSeed(1);
        Conv2d conv = new Conv2d(1, 8, 3, 1, 1);
        // Channel 0 all zero weights: its maps are the bias alone, so every window is a tie.
        try (var noGrad = Nabla.noGrad()) {
            conv.weight().narrow(0, 0, 1).zero_();
        }
        Tensor x = Nabla.randn(3, 1, 28, 28);
        assertSameAsChained(List.of(conv, new ReLU(), new MaxPool2d(2)), x, "conv, relu, pool");
        assertSameAsChained(List.of(conv, new MaxPool2d(2)), x, "conv, pool");
        assertSameAsChained(List.of(conv, new ReLU(true), new MaxPool2d(2, 2)), x, "conv, relu in place, pool");
        // No bias; and a bias whose gradient does not ride in the weight gradient's GEMM (9 + 1 rows, 4 channels).
        Conv2d noBias = Conv2d.builder(1, 8, 3).padding(1).bias(false).build();
        assertSameAsChained(List.of(noBias, new ReLU(), new MaxPool2d(2)), x, "no bias");
        assertSameAsChained(List.of(new Conv2d(1, 4, 3, 1, 1), new ReLU(), new MaxPool2d(2)), x, "few channels");
    }

    @Test
    void aNaNInTheInputReachesThePoolingAsInTheOps() {
        Nabla.manualSeed(2);
        Conv2d conv = new Conv2d(2, 4, 3, 1, 1);
        float[] v = Nabla.randn(2, 2, 24, 24).toFloatArray();
        v[100] = Float.NaN;
        assertSameAsChained(List.of(conv, new ReLU(), new MaxPool2d(2)), Nabla.tensor(v, 2, 2, 24, 24), "with a NaN");
    }

    @Test
    void groupsDilationOddSizesAndCeilModeMatch() {
        Nabla.manualSeed(3);
        Conv2d grouped = Conv2d.builder(4, 6, 3).dilation(2).groups(2).build();
        Tensor x = Nabla.randn(2, 4, 30, 31);                   // maps of 26 x 27: odd width
        assertSameAsChained(List.of(grouped, new ReLU(), new MaxPool2d(2)), x, "groups, dilation, odd width");
        assertSameAsChained(List.of(grouped, new MaxPool2d(2, 2, 0, 1, false, true)), x, "ceil mode, odd width");
        // Small maps: the convolution batches samples, and the two ops run one after the other.
        Conv2d small = new Conv2d(3, 5, 3, 1, 1);
        assertSameAsChained(List.of(small, new ReLU(), new MaxPool2d(2)), Nabla.randn(4, 3, 10, 10), "small maps");
    }

    @Test
    void theOutputsGradientFunctionIsThePoolings() {
        Nabla.manualSeed(4);
        Tensor x = Nabla.randn(2, 1, 28, 28).requiresGrad(true);
        Tensor y = new Sequential(new Conv2d(1, 2, 3, 1, 1), new MaxPool2d(2)).forward(x);
        assertEquals("MaxPool2DWithIndicesBackward0", y.gradFn().name());
        assertArrayEquals(new int[] {2, 2, 14, 14}, y.shape());
        Tensor z = new Sequential(new Conv2d(1, 2, 3, 1, 1), new ReLU(), new MaxPool2d(2)).forward(x);
        assertEquals("MaxPool2DWithIndicesBackward0", z.gradFn().name());
    }

    @Test
    void stridesSamePaddingGroupsOffsetsAndThreadsMatch() {
        Nabla.manualSeed(7);
        // A narrowed batch: the input starts inside its storage.
        Tensor batch = Nabla.randn(5, 1, 28, 28).narrow(0, 1, 3);
        assertSameAsChained(List.of(new Conv2d(1, 6, 3, 1, 1), new ReLU(), new MaxPool2d(2)), batch, "narrowed batch");
        // Enough work to split samples across threads, forward and in the weight gradient.
        assertSameAsChained(List.of(new Conv2d(1, 32, 3, 1, 1), new ReLU(), new MaxPool2d(2)), Nabla.randn(8, 1, 28, 28),
                "split across threads");
        // Grouped first layers, without bias and with the bias inside the weight gradient's GEMM.
        Tensor two = Nabla.randn(2, 2, 28, 28);
        assertSameAsChained(List.of(Conv2d.builder(2, 8, 3).padding(1).groups(2).bias(false).build(), new MaxPool2d(2)),
                two, "groups, no bias");
        assertSameAsChained(List.of(Conv2d.builder(2, 32, 3).padding(1).groups(2).build(), new ReLU(), new MaxPool2d(2)),
                two, "groups, bias in the GEMM");
        // padding="same" with an even kernel (asymmetric padding), and stride 2 on odd maps.
        assertSameAsChained(List.of(Conv2d.builder(1, 4, 4).padding("same").build(), new MaxPool2d(2)),
                Nabla.randn(2, 1, 30, 30), "same padding, even kernel");
        assertSameAsChained(List.of(Conv2d.builder(1, 4, 3).stride(2).build(), new ReLU(), new MaxPool2d(2)),
                Nabla.randn(2, 1, 61, 59), "stride 2, odd maps");
    }

    @Test
    void anInPlaceReluBetweenLeavesTheCallersInputAlone() {
        Nabla.manualSeed(6);
        Tensor x = Nabla.randn(2, 1, 28, 28);
        float[] before = x.toFloatArray();
        try (var noGrad = Nabla.noGrad()) {
            new Sequential(new Conv2d(1, 3, 3, 1, 1), new ReLU(true), new MaxPool2d(2)).forward(x);
        }
        assertArrayEquals(before, x.toFloatArray(), 0f);
    }
}
