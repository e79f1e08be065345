package dev.nabla.ops;

import dev.nabla.Nabla;
import dev.nabla.Tensor;
import dev.nabla.autograd.GradCheck;
import dev.nabla.nn.functional.F;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code F.linear} on 2-D input is one op whose weight gradient is added straight into an existing gradient. Its
 * values must be those of the composed {@code x.matmul(w.t()).add(b)}, whatever state the gradients are in.
 */
class AddmmTest {

    private static Tensor composed(Tensor x, Tensor w, Tensor b) {
        Tensor y = x.matmul(w.t());
        return b == null ? y : y.add(b);
    }

    private static void assertClose(Tensor expected, Tensor actual, double tol) {
        assertArrayEquals(expected.toDoubleArray(), actual.toDoubleArray(), tol, actual.toString());
    }

    @Test
    void forwardAndGradientsMatchTheComposedOps() {
        Nabla.manualSeed(1);
        for (int[] s : new int[][] {{1, 7, 5}, {13, 33, 17}, {64, 784, 256}}) {
            for (boolean withBias : new boolean[] {true, false}) {
                Tensor x = Nabla.randn(s[0], s[1]).requiresGrad(true), w = Nabla.randn(s[2], s[1]).requiresGrad(true);
                Tensor b = withBias ? Nabla.randn(s[2]).requiresGrad(true) : null;
                Tensor y = F.linear(x, w, b);
                assertEquals(withBias ? "AddmmBackward0" : "MmBackward0", y.gradFn().name());
                Tensor g = Nabla.randn(s[0], s[2]);
                y.backward(g);
                Tensor gx = x.grad(), gw = w.grad(), gb = withBias ? b.grad() : null;
                x.setGrad(null);
                w.setGrad(null);
                if (withBias) b.setGrad(null);
                Tensor expected = composed(x, w, b);
                expected.backward(g);
                double tol = 1e-4 * Math.sqrt(s[1]);
                assertClose(expected, y, tol);
                assertClose(x.grad(), gx, tol);
                assertClose(w.grad(), gw, 1e-4 * Math.sqrt(s[0]));
                if (withBias) assertClose(b.grad(), gb, 1e-4 * Math.sqrt(s[0]));
            }
        }
    }

    @Test
    void gradientsAccumulateIntoAZeroedOrAnExistingGradient() {
        Nabla.manualSeed(2);
        Tensor x = Nabla.randn(9, 6), w = Nabla.randn(4, 6).requiresGrad(true), b = Nabla.randn(4).requiresGrad(true);
        F.linear(x, w, b).sum().backward();
        Tensor once = w.grad().clone();
        Tensor storage = w.grad();
        F.linear(x, w, b).sum().backward();
        assertSame(storage, w.grad(), "the second backward adds in place");
        assertClose(once.mul(2), w.grad(), 1e-5);
        // zeroGrad() zeroes in place; the next backward gives one backward's gradient in the same tensor.
        w.grad().zero_();
        F.linear(x, w, b).sum().backward();
        assertSame(storage, w.grad());
        assertClose(once, w.grad(), 1e-5);
    }

    @Test
    void aWeightUsedTwiceGetsBothContributions() {
        Nabla.manualSeed(3);
        Tensor x = Nabla.randn(5, 4).requiresGrad(true), w = Nabla.randn(4, 4).requiresGrad(true);
        w.setGrad(Nabla.zeros(4, 4));
        F.linear(F.linear(x, w, null).tanh(), w, null).sum().backward();
        Tensor fused = w.grad().clone();
        w.setGrad(null);
        composed(composed(x, w, null).tanh(), w, null).sum().backward();
        assertClose(w.grad(), fused, 1e-5);
    }

    @Test
    void anUnusualExistingGradientTakesTheEnginesPath() {
        Nabla.manualSeed(4);
        Tensor x = Nabla.randn(3, 5), w = Nabla.randn(2, 5).requiresGrad(true);
        // A transposed view as the gradient: not written by the GEMM, but accumulated by the engine as usual.
        w.setGrad(Nabla.ones(5, 2).t());
        F.linear(x, w, null).sum().backward();
        assertClose(Nabla.ones(2, 5).add(Nabla.ones(3, 2).t().mm(x)), w.grad(), 1e-5);
    }

    @Test
    void gradCheckInFloat64WithAndWithoutBias() {
        Nabla.manualSeed(5);
        Tensor x = Nabla.randn(4, 3).toDouble().requiresGrad(true);
        Tensor w = Nabla.randn(2, 3).toDouble().requiresGrad(true);
        Tensor b = Nabla.randn(2).toDouble().requiresGrad(true);
        assertTrue(GradCheck.check(in -> F.linear(in[0], in[1], in[2]), x, w, b));
        assertTrue(GradCheck.check(in -> F.linear(in[0], in[1], null), x, w));
    }

    @Test
    void secondDerivativesThroughCreateGraphDoNotUseTheInPlacePath() {
        // d/dw of sum((dL/dx)^2) where L = sum(linear(x, w)^2): needs the backward recorded as a graph.
        Nabla.manualSeed(6);
        Tensor x0 = Nabla.randn(3, 4).toDouble();
        Tensor w0 = Nabla.randn(2, 4).toDouble();
        assertTrue(GradCheck.check(in -> {
            Tensor x = x0.clone().requiresGrad(true);
            Tensor w = in[0];
            Tensor before = w.grad();
            w.setGrad(Nabla.zerosLike(w)); // an existing gradient: the in-place path must still stay off
            Tensor gx;
            try (var g = Nabla.enableGrad()) {
                Tensor loss = F.linear(x, w, null).pow(2).sum();
                loss.backward(Nabla.onesLike(loss), true, true);
                gx = x.grad();
            }
            w.setGrad(before);
            return gx.pow(2).sum();
        }, w0.clone().requiresGrad(true)));
    }
}
