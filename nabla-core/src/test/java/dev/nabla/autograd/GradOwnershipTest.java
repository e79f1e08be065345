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

    // ----- backward formulas that write into a gradient the engine handed over (Node.ownsGradOutput)

    @Test
    void reluBackwardOverwritesOnlyAGradientNothingElseHolds() {
        Tensor x = leaf(-1, 2, -3, 4);
        // mul's backward makes a fresh gradient for relu, which relu's backward may overwrite.
        x.mul(2).relu().mul(3).sum().backward();
        assertValues(new float[] {0, 6, 0, 6}, x.grad());

        // One gradient fanned out to relu and sigmoid by add's backward: neither may write into it.
        Tensor y = leaf(-1, 2, -3, 4);
        Tensor a = y.mul(1);
        a.relu().add(a.sigmoid()).mul(2).sum().backward();
        float[] expected = new float[4];
        float[] v = {-1, 2, -3, 4};
        for (int i = 0; i < 4; i++) {
            double s = 1 / (1 + Math.exp(-v[i]));
            expected[i] = (float) (2 * ((v[i] > 0 ? 1 : 0) + s * (1 - s)));
        }
        assertValues(expected, y.grad());
    }

    @Test
    void reluBackwardLeavesTheCallersGradientAndARetainedGradientAlone() {
        Tensor x = leaf(-1, 2, -3, 4);
        Tensor g = tensor(new float[] {5, 5, 5, 5});
        x.mul(1).relu().backward(g);
        assertValues(new float[] {5, 5, 5, 5}, g);
        assertValues(new float[] {0, 5, 0, 5}, x.grad());

        Tensor z = leaf(-1, 2, -3, 4);
        Tensor r = z.mul(1).relu();
        r.retainGrad();
        r.mul(2).sum().backward();
        assertValues(new float[] {2, 2, 2, 2}, r.grad());
        assertValues(new float[] {0, 2, 0, 2}, z.grad());
    }

    @Test
    void batchNormBackwardInPlaceMatchesTheCopyingPath() {
        Nabla.manualSeed(11);
        dev.nabla.nn.BatchNorm2d bn = new dev.nabla.nn.BatchNorm2d(3);
        Tensor x = Nabla.randn(4, 3, 5, 5).requiresGrad(true);
        Tensor w = Nabla.randn(4, 3, 5, 5);
        // The caller's gradient is never written: the copying path.
        bn.forward(x).backward(w);
        float[] reference = x.grad().toFloatArray();
        float[] weightGrad = bn.weight().grad().toFloatArray();
        x.setGrad(null);
        bn.zeroGrad(true);
        // mul's backward hands batch norm a fresh gradient, which it overwrites.
        bn.forward(x).mul(w).sum().backward();
        assertArrayEquals(reference, x.grad().toFloatArray(), 1e-5f);
        assertArrayEquals(weightGrad, bn.weight().grad().toFloatArray(), 1e-4f);
    }

    @Test
    void createGraphLeavesGetTheirOwnGradients() {
        Tensor a = leaf(1, 2, 3), b = leaf(4, 5, 6);
        a.add(b).mul(tensor(new float[] {2, 2, 2})).sum().backward(Nabla.scalarTensor(1f), false, true);
        assertNotSame(a.grad().storage(), b.grad().storage());
        a.grad().detach().mul_(0);
        assertValues(new float[] {2, 2, 2}, b.grad());

        Tensor x = leaf(1, 2);
        Tensor v = tensor(new float[] {3, 4});
        x.backward(v, false, true);
        x.grad().detach().mul_(0);
        assertValues(new float[] {3, 4}, v);
    }

    @Test
    void linearWithABroadcastBiasOrAWrongLengthBiasBehavesAsPyTorch() {
        Tensor x = Nabla.ones(4, 3), w = Nabla.ones(5, 3);
        Tensor y = dev.nabla.nn.functional.F.linear(x, w, tensor(new float[] {1}));
        assertArrayEquals(new int[] {4, 5}, y.shape());
        assertValues(new float[] {4, 4, 4, 4, 4}, y.narrow(0, 0, 1).reshape(5));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> dev.nabla.nn.functional.F.linear(x, w, Nabla.ones(7)));
    }
}
