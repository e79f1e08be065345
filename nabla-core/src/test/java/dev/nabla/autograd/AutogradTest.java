package dev.nabla.autograd;

import dev.nabla.Nabla;
import dev.nabla.Tensor;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static dev.nabla.Nabla.tensor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine's contract with its users, as PyTorch defines it. */
class AutogradTest {

    private static Tensor leaf(float... v) {
        return tensor(v).requiresGrad(true);
    }

    private static void assertValues(float[] expected, Tensor t) {
        assertArrayEquals(expected, t.toFloatArray(), 1e-6f, t.toString());
    }

    @Test
    void gradientsAccumulateIntoLeavesAcrossBackwardCalls() {
        Tensor x = leaf(1, 2);
        x.mul(3).sum().backward();
        assertValues(new float[] {3, 3}, x.grad());
        x.mul(x).sum().backward();
        assertValues(new float[] {5, 7}, x.grad());
    }

    @Test
    void backwardWithAGradientOnANonScalar() {
        Tensor x = leaf(1, 2, 3);
        Tensor y = x.mul(x);
        y.backward(tensor(new float[] {1, 0.5f, -1}));
        assertValues(new float[] {2, 2, -6}, x.grad());
    }

    @Test
    void backwardWithoutGradientNeedsAScalar() {
        Tensor y = leaf(1, 2).mul(2);
        var e = assertThrows(IllegalStateException.class, y::backward);
        assertEquals("grad can be implicitly created only for scalar outputs", e.getMessage());
    }

    @Test
    void backwardOnATensorThatDoesNotRequireGrad() {
        Tensor y = tensor(new float[] {1}).mul(2);
        var e = assertThrows(IllegalStateException.class, y::backward);
        assertEquals("element 0 of tensors does not require grad and does not have a grad_fn", e.getMessage());
    }

    @Test
    void gradientShapeMustMatch() {
        Tensor y = leaf(1, 2).mul(2);
        var e = assertThrows(IllegalArgumentException.class, () -> y.backward(tensor(new float[] {1, 2, 3})));
        assertTrue(e.getMessage().startsWith("Mismatch in shape: grad_output[0] has a shape of [3] and output[0] has a shape of [2]"),
                e.getMessage());
    }

    @Test
    void secondBackwardThroughTheGraphFails() {
        Tensor x = leaf(1, 2);
        Tensor loss = x.mul(x).sum();
        loss.backward();
        var e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().startsWith("Trying to backward through the graph a second time"), e.getMessage());
        assertTrue(e.getMessage().contains("retainGraph=true"), e.getMessage());
    }

    @Test
    void retainGraphAllowsASecondBackward() {
        Tensor x = leaf(1, 2);
        Tensor loss = x.mul(x).sum();
        loss.backward(Nabla.onesLike(loss), true, false);
        loss.backward();
        assertValues(new float[] {4, 8}, x.grad());
        assertThrows(IllegalStateException.class, loss::backward);
    }

    @Test
    void inPlaceModificationOfASavedTensorIsDetected() {
        Tensor x = leaf(1, 2);
        Tensor a = x.mul(1);
        Tensor b = a.mul(x); // saves a and x
        a.add_(1);
        var e = assertThrows(IllegalStateException.class, () -> b.sum().backward());
        assertTrue(e.getMessage().startsWith("one of the variables needed for gradient computation has been modified by an "
                + "inplace operation: [torch.float32 [2]], which is saved by MulBackward0, is at version"), e.getMessage());
    }

    @Test
    void updatingAParameterBeforeBackwardIsDetected() {
        Tensor w = leaf(1, 2);
        Tensor loss = w.mul(w).sum();
        try (var g = Nabla.noGrad()) {
            w.sub_(w.grad() == null ? Nabla.onesLike(w) : w.grad());
        }
        var e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().contains("modified by an inplace operation"), e.getMessage());
    }

    @Test
    void outputOfAnInPlaceOpNotSavedByBackwardIsFine() {
        Tensor x = leaf(1, 2);
        Tensor y = x.add(1); // AddBackward saves nothing
        y.mul_(3);
        y.sum().backward();
        assertValues(new float[] {3, 3}, x.grad());
    }

    @Test
    void inPlaceOpsOnNonLeavesAreDifferentiated() {
        Tensor x = leaf(0.5f, 2);
        Tensor y = x.mul(1);
        y.pow_(3);
        y.mul_(2);
        y.add_(x);
        y.sum().backward();
        assertValues(new float[] {6 * 0.25f + 1, 6 * 4 + 1}, x.grad());

        Tensor z = leaf(-1, 0.5f, 3);
        Tensor h = z.mul(1);
        h.clamp_(0, 1);
        h.exp_();
        h.sum().backward();
        assertValues(new float[] {0, (float) Math.exp(0.5), 0}, z.grad());

        Tensor a = leaf(2, 3), b = leaf(4, 5);
        Tensor c = a.mul(1);
        c.mul_(b);
        c.div_(b.add(1));
        c.sum().backward();
        assertArrayEquals(new float[] {4 / 5f, 5 / 6f}, a.grad().toFloatArray(), 1e-6f);
        // d/db [a*b/(b+1)] = a/(b+1)^2
        assertArrayEquals(new float[] {2 / 25f, 3 / 36f}, b.grad().toFloatArray(), 1e-6f);
    }

    @Test
    void inPlaceOnALeafThatRequiresGradIsRefused() {
        Tensor x = leaf(1, 2);
        var e = assertThrows(IllegalStateException.class, () -> x.add_(1));
        assertEquals("a leaf Variable that requires grad is being used in an in-place operation.", e.getMessage());
        try (var g = Nabla.noGrad()) {
            x.add_(1);
        }
        assertValues(new float[] {2, 3}, x);
    }

    @Test
    void gradientsOnlyForInputsThatNeedThem() {
        Tensor a = leaf(1, 2);
        Tensor b = tensor(new float[] {3, 4});
        Tensor c = a.mul(b);
        assertNotNull(c.gradFn().nextFunctions().get(0));
        assertNull(c.gradFn().nextFunctions().get(1), "no edge to an input that needs no gradient");
        c.sum().backward();
        assertValues(new float[] {3, 4}, a.grad());
        assertNull(b.grad());
    }

    @Test
    void backwardFormulasAreNotRunForBranchesWithoutGrad() {
        Tensor a = leaf(1, 2);
        Tensor b = tensor(new float[] {3, 4});
        // The matmul's second operand needs no gradient: its node must not ask for one.
        Tensor c = a.reshape(1, 2).matmul(b.reshape(2, 1).exp());
        Node mm = c.gradFn();
        assertFalse(mm.needsGrad(1));
        assertTrue(mm.needsGrad(0));
    }

    @Test
    void gradOfATensorUsedTwice() {
        Tensor x = leaf(1, 2, 3);
        x.mul(x).add(x).sum().backward();
        assertValues(new float[] {3, 5, 7}, x.grad());
    }

    @Test
    void diamondGraphsSumBothPaths() {
        Tensor x = leaf(0.5f);
        Tensor h = x.exp();
        Tensor y = h.sin().add(h.cos()).sum();
        y.backward();
        double e = Math.exp(0.5);
        assertEquals((Math.cos(e) - Math.sin(e)) * e, x.grad().item(), 1e-6);
    }

    @Test
    void broadcastGradientsAreReducedToTheInputShape() {
        Tensor b = leaf(1, 2, 3);
        Tensor x = Nabla.ones(4, 3);
        x.add(b).sum().backward();
        assertArrayEquals(new int[] {3}, b.grad().shape());
        assertValues(new float[] {4, 4, 4}, b.grad());
    }

    @Test
    void noGradRecordsNothingAndNests() {
        Tensor x = leaf(1, 2);
        assertTrue(Nabla.isGradEnabled());
        try (var outer = Nabla.noGrad()) {
            assertFalse(Nabla.isGradEnabled());
            Tensor y = x.mul(2);
            assertFalse(y.requiresGrad());
            assertNull(y.gradFn());
            assertTrue(y.isLeaf());
            try (var inner = Nabla.enableGrad()) {
                assertTrue(Nabla.isGradEnabled());
                assertTrue(x.mul(2).requiresGrad());
                try (var innermost = Nabla.noGrad()) {
                    assertFalse(Nabla.isGradEnabled());
                }
                assertTrue(Nabla.isGradEnabled());
            }
            assertFalse(Nabla.isGradEnabled());
        }
        assertTrue(Nabla.isGradEnabled());
        assertTrue(x.mul(2).requiresGrad());
    }

    @Test
    void gradModeIsRestoredOnExceptions() {
        assertThrows(IllegalStateException.class, () -> {
            try (var g = Nabla.noGrad()) {
                try (var e = Nabla.enableGrad()) {
                    throw new IllegalStateException("boom");
                }
            }
        });
        assertTrue(Nabla.isGradEnabled());
        try (var g = Nabla.noGrad()) {
            assertThrows(ArithmeticException.class, () -> {
                try (var e = Nabla.enableGrad()) {
                    throw new ArithmeticException();
                }
            });
            assertFalse(Nabla.isGradEnabled());
        }
        assertTrue(Nabla.isGradEnabled());
    }

    @Test
    void closingAScopeTwiceChangesNothing() {
        var outer = Nabla.noGrad();
        var inner = Nabla.enableGrad();
        inner.close();
        assertFalse(Nabla.isGradEnabled());
        inner.close();
        assertFalse(Nabla.isGradEnabled());
        outer.close();
        assertTrue(Nabla.isGradEnabled());
    }

    @Test
    void gradModeIsPerThread() throws Exception {
        AtomicReference<Boolean> seen = new AtomicReference<>();
        AtomicReference<Boolean> recorded = new AtomicReference<>();
        try (var g = Nabla.noGrad()) {
            Thread t = new Thread(() -> {
                seen.set(Nabla.isGradEnabled());
                recorded.set(leaf(1).mul(2).requiresGrad());
            });
            t.start();
            t.join();
            assertFalse(Nabla.isGradEnabled());
        }
        assertTrue(seen.get(), "another thread's no-grad scope must not leak into this one");
        assertTrue(recorded.get());
    }

    @Test
    void detachSharesStorageAndLeavesTheGraph() {
        Tensor x = leaf(1, 2);
        Tensor y = x.mul(2);
        Tensor d = y.detach();
        assertFalse(d.requiresGrad());
        assertNull(d.gradFn());
        assertTrue(d.isLeaf());
        assertSame(y.storage(), d.storage());
        try (var g = Nabla.noGrad()) {
            d.add_(1);
        }
        assertValues(new float[] {3, 5}, y);
    }

    @Test
    void requiresGradOnlyForFloatingPoint() {
        var e = assertThrows(IllegalArgumentException.class, () -> Nabla.arange(3).requiresGrad(true));
        assertTrue(e.getMessage().startsWith("only Tensors of floating point dtype can require gradients"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> tensor(new boolean[] {true}).requiresGrad(true));
        assertFalse(Nabla.arange(3).requiresGrad(false).requiresGrad());
        assertTrue(Nabla.zeros(2).toDouble().requiresGrad(true).requiresGrad());
    }

    @Test
    void requiresGradCannotBeTurnedOffOnANonLeaf() {
        Tensor y = leaf(1).mul(2);
        var e = assertThrows(IllegalStateException.class, () -> y.requiresGrad(false));
        assertTrue(e.getMessage().startsWith("you can only change requires_grad flags of leaf variables."), e.getMessage());
    }

    @Test
    void isLeaf() {
        Tensor x = leaf(1, 2);
        assertTrue(x.isLeaf());
        assertTrue(tensor(new float[] {1}).isLeaf());
        Tensor y = x.mul(2);
        assertFalse(y.isLeaf());
        assertTrue(y.detach().isLeaf());
        assertFalse(x.t().isLeaf(), "a view of a leaf that requires grad is recorded");
        assertTrue(tensor(new float[] {1, 2}).t().isLeaf());
    }

    @Test
    void nonLeafGradIsKeptOnlyWhenRetained() {
        Tensor x = leaf(1, 2);
        Tensor h = x.mul(3);
        Tensor kept = x.mul(2).retainGrad();
        assertTrue(kept.retainsGrad());
        h.mul(kept).sum().backward();
        assertNull(h.grad());
        assertValues(new float[] {3, 6}, kept.grad());
        assertValues(new float[] {12, 24}, x.grad());
    }

    @Test
    void retainGradOnATensorThatDoesNotRequireGrad() {
        var e = assertThrows(IllegalStateException.class, () -> tensor(new float[] {1}).retainGrad());
        assertEquals("can't retain_grad on Tensor that has requires_grad=False", e.getMessage());
    }

    @Test
    void deepChainsDoNotOverflowTheStack() throws Exception {
        // A small thread stack makes a recursive engine fail: backward must be iterative.
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<Double> grad = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                Tensor x = leaf(1);
                Tensor y = x;
                for (int i = 0; i < 20_000; i++) y = i % 2 == 0 ? y.add(1) : y.mul(1);
                y.sum().backward();
                grad.set(x.grad().item());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "deep-chain", 256 * 1024);
        t.start();
        t.join();
        if (failure.get() != null) throw new AssertionError(failure.get());
        assertEquals(1.0, grad.get());
    }

    @Test
    void wideFanOutAccumulates() {
        Tensor x = leaf(2);
        Tensor sum = Nabla.zeros(1);
        for (int i = 0; i < 1000; i++) sum = sum.add(x.mul(i));
        sum.sum().backward();
        assertEquals(999 * 1000 / 2.0, x.grad().item());
    }

    @Test
    void gradNodesAreNamedLikePyTorch() {
        Tensor x = leaf(1, 2);
        assertEquals("MulBackward0", x.mul(2).gradFn().name());
        assertEquals("AddBackward0", x.add(x).gradFn().name());
        assertEquals("SumBackward0", x.sum().gradFn().name());
        assertEquals("MeanBackward0", x.mean().gradFn().name());
        assertEquals("ExpBackward0", x.exp().gradFn().name());
        assertEquals("TBackward0", x.reshape(1, 2).t().gradFn().name());
        assertEquals("MmBackward0", x.reshape(1, 2).mm(x.reshape(2, 1)).gradFn().name());
        assertEquals("LogSoftmaxBackward0", x.logSoftmax(0).gradFn().name());
    }

    @Test
    void gradientDtypeFollowsTheLeaf() {
        Tensor a = tensor(new float[] {1, 2}).requiresGrad(true);
        Tensor b = tensor(new double[] {3, 4}).requiresGrad(true);
        a.mul(b).sum().backward();
        assertEquals(dev.nabla.DType.FLOAT32, a.grad().dtype());
        assertEquals(dev.nabla.DType.FLOAT64, b.grad().dtype());
        assertValues(new float[] {3, 4}, a.grad());
    }

    @Test
    void createGraphGivesSecondDerivatives() {
        Tensor x = tensor(new double[] {2}).requiresGrad(true);
        Tensor y = x.pow(3).sum();
        y.backward(Nabla.onesLike(y), true, true);
        Tensor dx = x.grad();
        assertEquals(12.0, dx.item(), 1e-12);
        assertTrue(dx.requiresGrad(), "with create-graph the gradient is itself differentiable");
        x.setGrad(null);
        dx.sum().backward();
        assertEquals(12.0, x.grad().item(), 1e-12); // d(3x^2)/dx = 6x
    }
}
