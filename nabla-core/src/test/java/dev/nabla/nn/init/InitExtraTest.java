package dev.nabla.nn.init;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nabla.DType;
import dev.nabla.Nabla;
import dev.nabla.Tensor;
import dev.nabla.testing.Golden;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code Init.truncNormal_} and {@code Init.orthogonal_}: their maths against PyTorch 1.13
 * (tools/golden/nn_extra_golden.py: erfinv values, the truncated normal's moments, QR factors of given matrices),
 * and the properties of what they fill (bounds, moments, orthogonality), since Nabla's random stream is its own.
 */
class InitExtraTest {
    private static final JsonNode DOC = Golden.load("nn/extra.json");

    @Test
    void erfinvMatchesPyTorch() {
        JsonNode c = DOC.get("trunc_normal").get("erfinv");
        double[] y = Golden.tensor(c.get("y")).toDoubleArray(), x = Golden.tensor(c.get("x")).toDoubleArray();
        for (int i = 0; i < y.length; i++) {
            // Near ±1 erfinv is steep: erf's last-bit rounding there moves x by ~1e-10.
            double tol = Math.abs(y[i]) > 0.9999 ? 1e-9 : 1e-13;
            assertEquals(x[i], SpecialMath.erfinv(y[i]), tol * Math.max(1, Math.abs(x[i])), "erfinv(" + y[i] + ")");
            assertEquals(y[i], SpecialMath.erf(x[i]), 1e-15, "erf(" + x[i] + ")");
        }
        assertEquals(Double.POSITIVE_INFINITY, SpecialMath.erfinv(1));
        assertEquals(Double.NEGATIVE_INFINITY, SpecialMath.erfinv(-1));
        assertTrue(Double.isNaN(SpecialMath.erfinv(1.5)));
    }

    @Test
    void truncNormalStaysInBoundsWithTheTruncatedMoments() {
        for (JsonNode c : DOC.get("trunc_normal").get("moments")) {
            double mean = c.get("mean").asDouble(), std = c.get("std").asDouble();
            double a = c.get("a").asDouble(), b = c.get("b").asDouble();
            Nabla.manualSeed(3);
            Tensor t = Nabla.zeros(400, 500).requiresGrad(true);
            assertSame(t, Init.truncNormal_(t, mean, std, a, b));
            assertTrue(t.isLeaf() && t.gradFn() == null, "filled under no-grad");
            Tensor d = t.toDouble();
            String what = "N(" + mean + ", " + std + ") on [" + a + ", " + b + "]";
            assertTrue(d.min().item() >= a && d.max().item() <= b, what + " bounds");
            assertEquals(c.get("expected_mean").asDouble(), d.mean().item(), 0.01 * std, what + " mean");
            assertEquals(c.get("expected_var").asDouble(), d.var().item(), 0.02 * std * std, what + " variance");
        }
        Nabla.manualSeed(4);
        Tensor t = Init.truncNormal_(Nabla.zeros(1000).to(DType.FLOAT64));
        assertTrue(t.min().item() >= -2 && t.max().item() <= 2, "defaults truncate to [-2, 2]");
    }

    @Test
    void orthonormalFactorMatchesPyTorchsQr() {
        for (JsonNode c : DOC.get("orthogonal")) {
            Tensor normal = Golden.tensor(c.get("normal"));
            int rows = normal.size(0), cols = normal.size(1);
            Tensor q = Nabla.tensor(Orthonormal.of(normal.toDoubleArray(), rows, cols), rows, cols);
            Golden.assertClose(Golden.tensor(c.get("q")), q, 1e-10, 1e-12, "Q of a " + rows + "x" + cols + " matrix");
        }
    }

    @Test
    void orthogonalFillsOrthonormalRowsOrColumnsTimesTheGain() {
        Nabla.manualSeed(7);
        for (int[] shape : new int[][] {{6, 4}, {4, 6}, {5, 5}, {3, 2, 2}}) {
            Tensor t = Nabla.zeros(shape).requiresGrad(true);
            double gain = 2.5;
            assertSame(t, Init.orthogonal_(t, gain));
            assertTrue(t.isLeaf() && t.gradFn() == null, "filled under no-grad");
            Tensor m = t.detach().toDouble().reshape(shape[0], -1);
            // The smaller side is orthonormal: M^T M = gain^2 I for tall M, M M^T for wide.
            Tensor gram = m.size(0) >= m.size(1) ? m.t().matmul(m) : m.matmul(m.t());
            Tensor expected = Nabla.eye(gram.size(0)).toDouble().mul(gain * gain);
            Golden.assertClose(expected, gram, 0, 1e-5, "Gram matrix of shape " + java.util.Arrays.toString(shape));
        }
        assertEquals("Only tensors with 2 or more dimensions are supported",
                assertThrows(IllegalArgumentException.class, () -> Init.orthogonal_(Nabla.zeros(3))).getMessage());
        Tensor empty = Nabla.zeros(0, 3);
        assertSame(empty, Init.orthogonal_(empty));
    }
}
