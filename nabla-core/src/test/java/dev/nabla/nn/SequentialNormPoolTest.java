package dev.nabla.nn;

import dev.nabla.DType;
import dev.nabla.Nabla;
import dev.nabla.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link Sequential} runs a BatchNorm2d followed by a 2x2 MaxPool2d (directly or with a ReLU between) as one op
 * that never keeps the normalised tensor (ops.NormPool). Outputs, the gradients of input, weight and bias, and the
 * running statistics must be exactly those of the modules run one by one, in training and in evaluation, with and
 * without the affine parameters or running statistics, and where it leaves the work to the two ops (ceil mode on
 * odd sizes).
 */
class SequentialNormPoolTest {

    private static void assertSameBits(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]),
                    what + " differs at " + i + ": " + expected[i] + " against " + actual[i]);
        }
    }

    /** Everything a user can observe after one forward and backward: output, gradients, running statistics. */
    private static List<double[]> observe(Supplier<List<Module>> build, Tensor x, boolean sequential, boolean train,
                                          boolean grad) {
        Nabla.manualSeed(9);
        List<Module> modules = build.get();
        // One batch of training first, so that evaluation uses running statistics that are not 0 and 1.
        for (Module m : modules) m.train();
        try (var noGrad = Nabla.noGrad()) {
            for (Module m : modules) if (m instanceof BatchNorm2d bn) bn.forward(x.mul(2).add(1));
        }
        for (Module m : modules) {
            if (train) m.train();
            else m.eval();
        }
        Tensor in = x.detach().requiresGrad(grad);
        Tensor y;
        if (sequential) {
            y = new Sequential(modules.toArray(new Module[0])).forward(in);
        } else {
            y = in;
            for (Module m : modules) y = m.forward(y);
        }
        // An in-place op on the output: pooling, PyTorch's last op here, saves nothing it could invalidate.
        y.mul_(2);
        List<double[]> out = new ArrayList<>();
        out.add(y.to(DType.FLOAT64).toDoubleArray());
        if (grad) {
            Nabla.manualSeed(5);
            y.mul(Nabla.randn(y.shape()).to(y.dtype())).sum().backward();
            out.add(in.grad().to(DType.FLOAT64).toDoubleArray());
            for (Module m : modules) for (Tensor p : m.parameters()) out.add(p.grad().to(DType.FLOAT64).toDoubleArray());
        }
        for (Module m : modules) {
            if (m instanceof BatchNorm2d bn && bn.runningMean() != null) {
                out.add(bn.runningMean().to(DType.FLOAT64).toDoubleArray());
                out.add(bn.runningVar().to(DType.FLOAT64).toDoubleArray());
                out.add(bn.numBatchesTracked().to(DType.FLOAT64).toDoubleArray());
            }
        }
        return out;
    }

    private static void assertSameAsChained(Supplier<List<Module>> build, Tensor x, String what) {
        for (boolean train : List.of(true, false)) {
            for (boolean grad : List.of(true, false)) {
                List<double[]> expected = observe(build, x, false, train, grad);
                List<double[]> actual = observe(build, x, true, train, grad);
                assertEquals(expected.size(), actual.size(), what);
                String mode = (train ? " (train" : " (eval") + (grad ? ", grad)" : ", no grad)");
                for (int i = 0; i < expected.size(); i++) {
                    assertSameBits(expected.get(i), actual.get(i), what + mode + ", item " + i);
                }
            }
        }
    }

    @Test
    void aNormalisedBlockMatchesTheModulesOneByOne() {
        Nabla.manualSeed(1);
        Tensor x = Nabla.randn(3, 4, 8, 10);
        assertSameAsChained(() -> List.of(new BatchNorm2d(4), new ReLU(), new MaxPool2d(2)), x, "bn, relu, pool");
        assertSameAsChained(() -> List.of(new BatchNorm2d(4), new MaxPool2d(2)), x, "bn, pool");
        assertSameAsChained(() -> List.of(new BatchNorm2d(4, 1e-3, null, false, true), new ReLU(true), new MaxPool2d(2)),
                x, "no affine, cumulative momentum, relu in place");
        assertSameAsChained(() -> List.of(new BatchNorm2d(4, 1e-5, 0.1, true, false), new MaxPool2d(2)), x,
                "no running statistics");
    }

    @Test
    void underNoGradAndOnANarrowedBatchTheBlockMatches() {
        Nabla.manualSeed(4);
        // A narrowed batch: the input starts inside its storage.
        Tensor x = Nabla.randn(5, 4, 8, 8).narrow(0, 1, 3);
        assertSameAsChained(() -> List.of(new BatchNorm2d(4), new ReLU(), new MaxPool2d(2)), x, "narrowed batch");
        // Under noGrad, batch norm after the fused block may overwrite the block's (new) output: the results match.
        Supplier<List<Module>> build = () -> List.of(new BatchNorm2d(4), new MaxPool2d(2), new BatchNorm2d(4), new ReLU());
        for (boolean train : List.of(true, false)) {
            Nabla.manualSeed(9);
            List<Module> a = build.get(), b = build.get();
            for (Module m : a) if (train) m.train(); else m.eval();
            for (Module m : b) if (train) m.train(); else m.eval();
            double[] expected, actual;
            float[] before = x.toFloatArray();
            try (var noGrad = Nabla.noGrad()) {
                Tensor y = x;
                for (Module m : a) y = m.forward(y);
                expected = y.to(DType.FLOAT64).toDoubleArray();
                actual = new Sequential(b.toArray(new Module[0])).forward(x).to(DType.FLOAT64).toDoubleArray();
            }
            assertSameBits(expected, actual, "bn, pool, bn under noGrad" + (train ? " (train)" : " (eval)"));
            assertSameBits(toDoubles(before), toDoubles(x.toFloatArray()), "the caller's input is left alone");
        }
    }

    private static double[] toDoubles(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) d[i] = v[i];
        return d;
    }

    @Test
    void tiesNaNOddSizesAndCeilModeMatch() {
        Nabla.manualSeed(2);
        float[] v = Nabla.randn(2, 3, 7, 9).toFloatArray();
        for (int i = 0; i < v.length; i += 5) v[i] = Math.round(v[i]);   // repeated values: ties inside windows
        Tensor x = Nabla.tensor(v, 2, 3, 7, 9);
        assertSameAsChained(() -> List.of(new BatchNorm2d(3), new ReLU(), new MaxPool2d(2)), x, "odd sizes");
        assertSameAsChained(() -> List.of(new BatchNorm2d(3), new MaxPool2d(2, 2, 0, 1, false, true)), x, "ceil mode");
        v[40] = Float.NaN;
        assertSameAsChained(() -> List.of(new BatchNorm2d(3), new ReLU(), new MaxPool2d(2)), Nabla.tensor(v, 2, 3, 7, 9),
                "a NaN");
    }
}
