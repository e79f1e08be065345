package dev.nabla.nn;

import dev.nabla.Nabla;
import dev.nabla.Tensor;
import dev.nabla.nn.init.Init;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** nn.init: PyTorch's gains, fans and distributions (bounds, moments), under no-grad, from the default generator. */
class InitTest {
    private static double maxAbs(Tensor t) {
        return t.abs().max().item();
    }

    private static double std(Tensor t) {
        return t.toDouble().std().item();
    }

    @Test
    void gainsAsPyTorch() {
        assertEquals(1, Init.calculateGain("linear"));
        assertEquals(1, Init.calculateGain("conv2d"));
        assertEquals(1, Init.calculateGain("sigmoid"));
        assertEquals(5.0 / 3, Init.calculateGain("tanh"));
        assertEquals(Math.sqrt(2), Init.calculateGain("relu"));
        assertEquals(Math.sqrt(2 / (1 + 0.01 * 0.01)), Init.calculateGain("leaky_relu"), 1e-15);
        assertEquals(Math.sqrt(2 / (1 + 5.0)), Init.calculateGain("leaky_relu", Math.sqrt(5)), 1e-15);
        assertEquals(0.75, Init.calculateGain("selu"));
        assertEquals("Unsupported nonlinearity swish",
                assertThrows(IllegalArgumentException.class, () -> Init.calculateGain("swish")).getMessage());
    }

    @Test
    void fansOfLinearAndConvolutionWeights() {
        assertEquals(new Init.Fans(784, 256), Init.computeFans(Nabla.zeros(256, 784)));
        assertEquals(new Init.Fans(3 * 5 * 5, 16 * 5 * 5), Init.computeFans(Nabla.zeros(16, 3, 5, 5)));
        assertEquals("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions",
                assertThrows(IllegalArgumentException.class, () -> Init.computeFans(Nabla.zeros(5))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Init.kaimingUniform_(Nabla.zeros(3, 3), 0, "fan_avg", "relu")).getMessage()
                .startsWith("Mode fan_avg not supported"));
    }

    @Test
    void uniformAndNormalFillInPlaceUnderNoGrad() {
        Nabla.manualSeed(0);
        Tensor w = Nabla.zeros(300, 200).requiresGrad(true);
        assertTrue(Init.uniform_(w, -0.5, 0.5) == w);
        assertTrue(maxAbs(w) <= 0.5 && maxAbs(w) > 0.49);
        assertEquals(1 / Math.sqrt(12), std(w), 0.005);
        assertTrue(w.isLeaf() && w.requiresGrad() && w.gradFn() == null);
        Init.normal_(w, 2, 0.5);
        assertEquals(2, w.mean().item(), 0.01);
        assertEquals(0.5, std(w), 0.01);
        Init.zeros_(w);
        assertEquals(0, maxAbs(w));
        Init.ones_(w);
        assertEquals(60000, w.sum().item());
        Init.constant_(w, 0.25);
        assertEquals(0.25, w.mean().item(), 1e-7);
    }

    @Test
    void kaimingAndXavierDrawFromPyTorchsDistributions() {
        Nabla.manualSeed(1);
        Tensor w = Nabla.zeros(400, 100);
        Init.kaimingUniform_(w, 0, "fan_in", "relu");
        double bound = Math.sqrt(2) * Math.sqrt(3.0 / 100);
        assertTrue(maxAbs(w) <= bound && maxAbs(w) > 0.99 * bound);
        Init.kaimingUniform_(w, 0, "fan_out", "relu");
        assertTrue(maxAbs(w) <= Math.sqrt(2) * Math.sqrt(3.0 / 400));
        Init.kaimingNormal_(w, 0, "fan_in", "relu");
        assertEquals(Math.sqrt(2.0 / 100), std(w), 0.003);
        Init.xavierUniform_(w, 1.0);
        double a = Math.sqrt(6.0 / 500);
        assertTrue(maxAbs(w) <= a && maxAbs(w) > 0.99 * a);
        Init.xavierNormal_(w, 2.0);
        assertEquals(2 * Math.sqrt(2.0 / 500), std(w), 0.003);
    }

    @Test
    void sameSeedSameInitialisation() {
        Nabla.manualSeed(42);
        Linear a = new Linear(10, 5);
        Nabla.manualSeed(42);
        Linear b = new Linear(10, 5);
        assertTrue(a.weight().equal(b.weight()) && a.bias().equal(b.bias()));
        Linear c = new Linear(10, 5);
        assertFalse(a.weight().equal(c.weight()));
    }

    @Test
    void linearDefaultsAsPyTorch() {
        Nabla.manualSeed(3);
        Linear fc = new Linear(784, 256);
        assertEquals("Linear(in_features=784, out_features=256, bias=True)", fc.toString());
        assertEquals(java.util.List.of(256, 784), java.util.List.of(fc.weight().size(0), fc.weight().size(1)));
        // kaiming_uniform with a = sqrt(5) is U(-1/sqrt(in), 1/sqrt(in)); the bias is drawn from the same range.
        double bound = 1 / Math.sqrt(784);
        assertTrue(maxAbs(fc.weight()) <= bound && maxAbs(fc.weight()) > 0.99 * bound);
        assertTrue(maxAbs(fc.bias()) <= bound);
        assertEquals(bound / Math.sqrt(3), std(fc.weight()), 0.0005);
        assertTrue(fc.weight().requiresGrad() && fc.bias().requiresGrad());
        Linear nb = new Linear(4, 2, false);
        assertNull(nb.bias());
        assertEquals("Linear(in_features=4, out_features=2, bias=False)", nb.toString());
        assertEquals(1, nb.parameters().size());
    }
}
