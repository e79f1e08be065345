package dev.nabla.nn;

import dev.nabla.Nabla;
import dev.nabla.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * Under no-grad, {@link Sequential} runs a ReLU in place on the new tensor of the built-in layer before it. Only
 * the speed may differ: outputs are those of the plain chain, and no tensor a caller can reach is overwritten.
 */
class SequentialInPlaceReluTest {

    private static float[] values(Tensor t) {
        return t.toFloatArray();
    }

    @Test
    void outputsMatchTheChainRunWithGrad() {
        Nabla.manualSeed(2);
        Sequential model = new Sequential(new Conv2d(2, 4, 3, 1, 1), new ReLU(), new MaxPool2d(2), new ReLU(),
                new Flatten(), new Linear(4 * 3 * 3, 5), new ReLU(), new BatchNorm1d(5), new ReLU());
        model.eval();
        Tensor x = Nabla.randn(3, 2, 6, 6);
        float[] input = values(x);
        float[] withGrad = values(model.forward(x));
        float[] without;
        try (var noGrad = Nabla.noGrad()) {
            without = values(model.forward(x));
        }
        assertArrayEquals(withGrad, without, 0f);
        assertArrayEquals(input, values(x), 0f, "the caller's input is never overwritten");
    }

    @Test
    void aReluFirstOrAfterAViewOrAnotherModuleLeavesItsInputAlone() {
        Tensor x = Nabla.tensor(new float[] {-1, 2, -3, 4}, 2, 2);
        try (var noGrad = Nabla.noGrad()) {
            new Sequential(new ReLU()).forward(x);
            new Sequential(new Flatten(), new ReLU()).forward(x);
            new Sequential(new Identity(), new ReLU()).forward(x);
        }
        assertArrayEquals(new float[] {-1, 2, -3, 4}, values(x));
    }

    /** A user's layer that keeps its output: a subclass is not trusted to return a tensor nobody else holds. */
    static final class KeepingLinear extends Linear {
        Tensor last;

        KeepingLinear(int in, int out) {
            super(in, out);
        }

        @Override
        public Tensor forward(Tensor input) {
            last = super.forward(input);
            return last;
        }
    }

    @Test
    void aSubclassedLayersOutputIsNotOverwritten() {
        Nabla.manualSeed(4);
        KeepingLinear layer = new KeepingLinear(3, 6);
        Tensor x = Nabla.randn(4, 3);
        Tensor y;
        try (var noGrad = Nabla.noGrad()) {
            y = new Sequential(layer, new ReLU()).forward(x);
        }
        float[] kept = values(layer.last), relu = values(y);
        boolean negative = false;
        for (int i = 0; i < kept.length; i++) {
            assertEquals(Math.max(kept[i], 0f), relu[i], 0f);
            negative |= kept[i] < 0;
        }
        assertEquals(true, negative, "the test needs a negative pre-activation");
    }

    @Test
    void reluInPlaceWithoutAGraphWritesTheTensorItself() {
        Tensor t = Nabla.tensor(new float[] {-1, 2, -3, 4, -5}, 5);
        int version = t.storage().version();
        float[] before = t.storage().floats();
        assertSame(t, t.relu_());
        assertSame(before, t.storage().floats());
        assertArrayEquals(new float[] {0, 2, 0, 4, 0}, values(t));
        assertEquals(version + 1, t.storage().version());
        // A strided view takes the general path and still writes through to its base.
        Tensor base = Nabla.tensor(new float[] {-1, 2, -3, 4}, 2, 2);
        base.t().relu_();
        assertArrayEquals(new float[] {0, 2, 0, 4}, values(base));
    }
}
