package dev.nabla.nn;

import dev.nabla.Nabla;
import dev.nabla.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * {@link Sequential} runs a ReLU in place on the new tensor of the built-in layer before it. Only the speed may
 * differ: outputs and gradients are those of the modules run one by one, and no tensor a caller can reach is
 * overwritten.
 */
class SequentialInPlaceReluTest {

    private static float[] values(Tensor t) {
        return t.toFloatArray();
    }

    private static Sequential model() {
        Nabla.manualSeed(2);
        return new Sequential(new Conv2d(2, 4, 3, 1, 1), new ReLU(), new MaxPool2d(2), new ReLU(),
                new Conv2d(4, 4, 3, 1, 1), new BatchNorm2d(4), new ReLU(),
                new Flatten(), new Linear(4 * 3 * 3, 5), new ReLU(), new Linear(5, 3));
    }

    /** The same modules one by one, outside Sequential: every ReLU allocates its result. */
    private static Tensor chain(Sequential model, Tensor x) {
        Tensor h = x;
        for (Module m : model) h = m.forward(h);
        return h;
    }

    @Test
    void outputsMatchTheModulesRunOneByOne() {
        Sequential model = model();
        model.eval();
        Tensor x = Nabla.randn(3, 2, 6, 6);
        float[] input = values(x);
        float[] reference = values(chain(model, x));
        float[] withGrad = values(model.forward(x));
        float[] without;
        try (var noGrad = Nabla.noGrad()) {
            without = values(model.forward(x));
        }
        assertArrayEquals(reference, withGrad, 0f);
        assertArrayEquals(reference, without, 0f);
        assertArrayEquals(input, values(x), 0f, "the caller's input is never overwritten");
    }

    @Test
    void trainingGradientsMatchTheModulesRunOneByOne() {
        Sequential model = model();
        model.train();
        Tensor x = Nabla.randn(3, 2, 6, 6).requiresGrad(true);
        Tensor w = Nabla.randn(3, 3);
        chain(model, x).mul(w).sum().backward();
        java.util.List<float[]> reference = new java.util.ArrayList<>();
        for (Tensor p : model.parameters()) reference.add(values(p.grad()));
        float[] inputGrad = values(x.grad());
        model.zeroGrad(true);
        x.setGrad(null);
        Tensor y = model.forward(x);
        y.mul(w).sum().backward();
        int i = 0;
        for (Tensor p : model.parameters()) assertArrayEquals(reference.get(i++), values(p.grad()), 1e-5f);
        assertArrayEquals(inputGrad, values(x.grad()), 1e-5f);
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

    @Test
    void reluInPlaceOnANonLeafRecordsItsBackwardAndTheVersionCheckGuardsSavedInputs() {
        Tensor x = Nabla.tensor(new float[] {-1, 2, -3, 4}, 4).requiresGrad(true);
        Tensor h = x.mul(2);
        float[] storage = h.storage().floats();
        Tensor r = h.relu_();
        assertSame(h, r);
        assertSame(storage, r.storage().floats());
        assertEquals("ReluBackward0", r.gradFn().name());
        r.mul(Nabla.tensor(new float[] {1, 2, 3, 4}, 4)).sum().backward();
        assertArrayEquals(new float[] {0, 4, 0, 8}, values(x.grad()));

        // exp saves its output; overwriting it in place must make backward refuse, not compute garbage.
        Tensor z = Nabla.tensor(new float[] {-1, 2}, 2).requiresGrad(true);
        Tensor e = z.exp();
        e.relu_();
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> e.sum().backward());
    }

    @Test
    void batchNormWithoutGradOverwritesOnlyTheLayersNewOutput() {
        // Training mode under no-grad: batch statistics, running statistics updated, result written in place.
        Sequential a = model(), b = model();
        a.train();
        b.train();
        Tensor x = Nabla.randn(3, 2, 6, 6);
        float[] viaSequential, oneByOne;
        try (var noGrad = Nabla.noGrad()) {
            viaSequential = values(a.forward(x));
            oneByOne = values(chain(b, x));
        }
        assertArrayEquals(oneByOne, viaSequential, 0f);
        BatchNorm2d bnA = (BatchNorm2d) a.get(5), bnB = (BatchNorm2d) b.get(5);
        assertArrayEquals(values(bnB.runningMean()), values(bnA.runningMean()), 0f);
        assertArrayEquals(values(bnB.runningVar()), values(bnA.runningVar()), 0f);

        // Batch norm first in the chain, or after a layer that may return its input, leaves that input alone.
        Tensor y = Nabla.randn(4, 3);
        float[] before = values(y);
        try (var noGrad = Nabla.noGrad()) {
            new Sequential(new BatchNorm1d(3)).forward(y);
            new Sequential(new Dropout(0.5), new BatchNorm1d(3)).eval().forward(y);
        }
        assertArrayEquals(before, values(y), 0f);
    }
}
