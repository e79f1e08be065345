package dev.nabla.autograd;

import dev.nabla.Nabla;
import dev.nabla.Tensor;
import dev.nabla.nn.Linear;
import org.junit.jupiter.api.Test;

import static dev.nabla.Nabla.tensor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

/**
 * The engine hands a leaf its first gradient without a copy when nothing else refers to that gradient's storage.
 * These tests pin down the cases where something else does: every {@code grad()} must stay the leaf's own, so
 * that an in-place change to one (an optimizer's, ClipGrad's, a second backward's accumulation) never shows up in
 * another gradient or in the caller's tensors.
 */
class GradOwnershipTest {

    private static Tensor leaf(float... v) {
        return tensor(v).requiresGrad(true);
    }

    private static void assertValues(float[] expected, Tensor t) {
        assertArrayEquals(expected, t.toFloatArray(), 1e-6f, t.toString());
    }

    @Test
    void aGradientPassedThroughToTwoLeavesIsNotShared() {
        Tensor a = leaf(1, 2), b = leaf(3, 4);
        a.add(b).backward(tensor(new float[] {5, 6}));
        assertNotSame(a.grad().storage(), b.grad().storage());
        a.grad().mul_(10);
        assertValues(new float[] {5, 6}, b.grad());
    }

    @Test
    void theCallersGradientIsNeverHandedToALeaf() {
        Tensor x = leaf(1, 2, 3, 4);
        Tensor g = tensor(new float[] {1, 1, 1, 1});
        x.backward(g);
        g.mul_(7);
        assertValues(new float[] {1, 1, 1, 1}, x.grad());

        // The same through views and a pass-through add, which return the caller's storage unchanged.
        Tensor y = leaf(1, 2, 3, 4);
        Tensor g2 = tensor(new float[] {2, 2, 2, 2}).reshape(2, 2);
        y.reshape(2, 2).add(0).backward(g2);
        g2.mul_(7);
        assertValues(new float[] {2, 2, 2, 2}, y.grad());
    }

    @Test
    void aRetainedGradientAndALeafGradientAreSeparate() {
        Tensor x = leaf(1, 2);
        Tensor y = x.mul(3);
        y.retainGrad();
        y.add(leaf(0, 0)).sum().backward();
        y.grad().mul_(5);
        assertValues(new float[] {3, 3}, x.grad());
        assertValues(new float[] {5, 5}, y.grad());
    }

    @Test
    void aHandedOverGradientAccumulatesOnTheNextBackward() {
        Nabla.manualSeed(3);
        Linear layer = new Linear(5, 4);
        Tensor x = Nabla.randn(3, 5);
        layer.forward(x).sum().backward();
        float[] once = layer.weight().grad().toFloatArray();
        layer.forward(x).sum().backward();
        float[] twice = layer.weight().grad().toFloatArray();
        for (int i = 0; i < once.length; i++) assertArrayEquals(new float[] {2 * once[i]}, new float[] {twice[i]}, 1e-5f);
        // Each parameter's gradient is its own: scaling one leaves the other untouched.
        float[] bias = layer.bias().grad().toFloatArray();
        layer.weight().grad().mul_(0);
        assertArrayEquals(bias, layer.bias().grad().toFloatArray());
    }

    @Test
    void aGradientUsedTwiceInsideTheGraphIsSummedNotAliased() {
        Tensor w = leaf(1, 2);
        Tensor h = w.mul(2);
        // h feeds two branches; w gets the sum, and h's pass-through gradient is not w's grad storage.
        h.add(h).sum().backward();
        assertValues(new float[] {4, 4}, w.grad());
        Tensor v = leaf(1, 2), u = leaf(5, 6);
        Tensor s = v.add(u);
        s.add(s).backward(tensor(new float[] {1, 1}));
        v.grad().mul_(3);
        assertValues(new float[] {2, 2}, u.grad());
        assertValues(new float[] {6, 6}, v.grad());
    }
}
