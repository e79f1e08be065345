package dev.nabla.nn;

import dev.nabla.DType;
import dev.nabla.Nabla;
import dev.nabla.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link Sequential} runs a ReLU followed by a MaxPool2d as the pooling first and the ReLU on the pooled tensor.
 * The values and the input gradient must be exactly those of the modules run one by one, also where windows tie,
 * hold only negatives or zeros (of either sign), overlap, or hold a NaN.
 */
class SequentialPoolReluTest {

    /** Pooling configurations: plain 2x2, overlapping with padding, ceil mode on odd sizes, dilation with stride. */
    private static final List<MaxPool2d> POOLS = List.of(
            new MaxPool2d(2),
            new MaxPool2d(3, 1, 1, 1, false, false),
            new MaxPool2d(2, 2, 0, 1, false, true),
            new MaxPool2d(3, 2, 1, 2, false, true),
            // Padding 1 and dilation 8 on a 1x2 window: the first column's windows have no element (-inf).
            new MaxPool2d(new int[] {1, 2}, new int[] {1, 1}, new int[] {0, 1}, new int[] {1, 8}, false, false));

    /** A 2x2x7x7 input full of the awkward cases: repeated values, both zeros, negative-only regions, a NaN. */
    private static Tensor awkwardInput(DType dtype, boolean withNaN) {
        Nabla.manualSeed(11);
        float[] v = Nabla.randn(2, 2, 7, 7).toFloatArray();
        for (int i = 0; i < v.length; i++) {
            switch (i % 7) {
                case 0 -> v[i] = 0f;
                case 3 -> v[i] = -0f;
                case 5 -> v[i] = Math.round(v[i]);          // ties between integers, -1 and +1 among them
                default -> { }
            }
        }
        // A region of the first plane holds only negatives, so whole windows are negative.
        for (int r = 0; r < 4; r++) for (int c = 0; c < 4; c++) v[r * 7 + c] = -1f - Math.abs(v[r * 7 + c]);
        if (withNaN) v[2 * 49 + 24] = Float.NaN;
        Tensor t = Nabla.tensor(v, 2, 2, 7, 7);
        return dtype == DType.FLOAT64 ? t.to(DType.FLOAT64) : t;
    }

    /** Output and input gradient of {@code [ReLU, pool]} run as modules one by one, or through Sequential. */
    private static Tensor[] run(MaxPool2d pool, Tensor input, boolean sequential, Tensor upstream) {
        Tensor x = input.detach().requiresGrad(true);
        ReLU relu = new ReLU();
        Tensor y = sequential ? new Sequential(relu, pool).forward(x) : pool.forward(relu.forward(x));
        // An in-place op on the output: pooling, PyTorch's last op here, saves nothing it could invalidate.
        y.mul_(1);
        y.mul(upstream).sum().backward();
        return new Tensor[] {y.detach(), x.grad()};
    }

    private static void assertSameBits(Tensor expected, Tensor actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what);
        double[] e = expected.to(DType.FLOAT64).toDoubleArray(), a = actual.to(DType.FLOAT64).toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            assertEquals(Double.doubleToLongBits(e[i]), Double.doubleToLongBits(a[i]),
                    what + " differs at " + i + ": " + e[i] + " against " + a[i]);
        }
    }

    @Test
    void valuesAndInputGradientsAreThoseOfTheModulesInOrder() {
        for (DType dtype : List.of(DType.FLOAT32, DType.FLOAT64)) {
            for (boolean withNaN : List.of(false, true)) {
                for (MaxPool2d pool : POOLS) {
                    Tensor x = awkwardInput(dtype, withNaN);
                    Tensor shape = pool.forward(x.detach());
                    Nabla.manualSeed(3);
                    Tensor upstream = Nabla.randn(shape.shape()).to(dtype);
                    Tensor[] expected = run(pool, x, false, upstream), actual = run(pool, x, true, upstream);
                    String what = pool + " " + dtype + (withNaN ? " with a NaN" : "");
                    assertSameBits(expected[0], actual[0], what + ": output");
                    assertSameBits(expected[1], actual[1], what + ": input gradient");
                }
            }
        }
    }

    @Test
    void withoutGradTheOutputIsTheSameAndTheInputIsLeftAlone() {
        Tensor x = awkwardInput(DType.FLOAT32, true);
        float[] before = x.toFloatArray();
        for (MaxPool2d pool : POOLS) {
            Tensor expected = pool.forward(new ReLU().forward(x));
            Tensor actual;
            try (var noGrad = Nabla.noGrad()) {
                actual = new Sequential(new ReLU(), pool).forward(x);
            }
            assertSameBits(expected, actual, pool + ": output");
        }
        assertArrayEquals(before, x.toFloatArray(), 0f, "a ReLU that is not in place never writes its input");
    }

    @Test
    void theOutputsGradientFunctionIsThePoolings() {
        Tensor x = Nabla.randn(1, 2, 4, 4).requiresGrad(true);
        assertEquals("MaxPool2DWithIndicesBackward0",
                new Sequential(new ReLU(), new MaxPool2d(2)).forward(x).gradFn().name());
    }

    @Test
    void anInPlaceReluOnTheCallersTensorStillOverwritesIt() {
        // PyTorch's ReLU(inplace=True) writes over its input; pooling first would leave the caller's tensor as it was.
        Tensor x = Nabla.tensor(new float[] {-1, 2, -3, 4}, 1, 1, 2, 2);
        Tensor y;
        try (var noGrad = Nabla.noGrad()) {
            y = new Sequential(new ReLU(true), new MaxPool2d(2)).forward(x);
        }
        assertArrayEquals(new float[] {0, 2, 0, 4}, x.toFloatArray(), 0f);
        assertArrayEquals(new float[] {4}, y.toFloatArray(), 0f);
    }
}
