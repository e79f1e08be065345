package dev.nabla.nn.conv;

import dev.nabla.Nabla;
import dev.nabla.Tensor;
import dev.nabla.nn.functional.ConvFunctions;
import dev.nabla.nn.functional.F;
import dev.nabla.testing.Golden;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/**
 * Shapes large enough for the ops to split work across threads (by sample, channel or plane), checked against
 * independent computations: one sample at a time (never split), or the formula composed from tensor ops.
 */
class LargeBatchConsistencyTest {

    @BeforeEach
    void seed() {
        Nabla.manualSeed(11);
    }

    @Test
    void convolutionMatchesOneSampleAtATime() {
        Tensor x = Nabla.randn(8, 16, 12, 12).requiresGrad(true);
        Tensor w = Nabla.randn(32, 16, 3, 3).mul(0.1).requiresGrad(true);
        Tensor b = Nabla.randn(32).requiresGrad(true);
        Tensor g = Nabla.randn(8, 32, 12, 12);
        Tensor y = ConvFunctions.conv2d(x, w, b, 1, 1);
        y.backward(g);
        List<Tensor> outs = new ArrayList<>(), inGrads = new ArrayList<>();
        Tensor wSum = Nabla.zeros(32, 16, 3, 3), bSum = Nabla.zeros(32);
        for (int s = 0; s < 8; s++) {
            Tensor xs = x.detach().narrow(0, s, 1).clone().requiresGrad(true);
            Tensor ws = w.detach().clone().requiresGrad(true), bs = b.detach().clone().requiresGrad(true);
            Tensor ys = ConvFunctions.conv2d(xs, ws, bs, 1, 1);
            ys.backward(g.narrow(0, s, 1).contiguous());
            outs.add(ys.detach());
            inGrads.add(xs.grad());
            wSum = wSum.add(ws.grad());
            bSum = bSum.add(bs.grad());
        }
        Golden.assertClose(Nabla.cat(outs, 0), y.detach(), 1e-5, 1e-5, "output");
        Golden.assertClose(Nabla.cat(inGrads, 0), x.grad(), 1e-5, 1e-5, "input gradient");
        Golden.assertClose(wSum, w.grad(), 1e-4, 1e-4, "weight gradient (partial sums of the threads)");
        Golden.assertClose(bSum, b.grad(), 1e-4, 1e-4, "bias gradient");
        Golden.assertClose(g.sum(new int[] {0, 2, 3}, false), b.grad(), 1e-4, 1e-4, "bias gradient as a plain sum");
    }

    @Test
    void maxPoolMatchesOneSampleAtATime() {
        Tensor x = Nabla.randn(16, 32, 28, 28).requiresGrad(true);
        Tensor g = Nabla.randn(16, 32, 14, 14);
        Tensor y = ConvFunctions.maxPool2d(x, 2);
        y.backward(g);
        for (int s = 0; s < 16; s += 5) {
            Tensor xs = x.detach().narrow(0, s, 1).clone().requiresGrad(true);
            Tensor ys = ConvFunctions.maxPool2d(xs, new int[] {2, 2}, null, new int[] {0, 0}, new int[] {1, 1}, false);
            ys.backward(g.narrow(0, s, 1).contiguous());
            Golden.assertClose(ys.detach(), y.detach().narrow(0, s, 1), 0, 0, "values of sample " + s);
            Golden.assertClose(xs.grad(), x.grad().narrow(0, s, 1), 0, 0, "input gradient of sample " + s);
        }
    }

    @Test
    void fusedBatchNormMatchesTheComposedFormula() {
        Tensor x = Nabla.randn(16, 64, 14, 14).mul(2).add(0.5).requiresGrad(true);
        Tensor w = Nabla.randn(64).requiresGrad(true), b = Nabla.randn(64).requiresGrad(true);
        Tensor g = Nabla.randn(16, 64, 14, 14);
        Tensor rm = Nabla.zeros(64), rv = Nabla.ones(64);
        Tensor y = F.batchNorm(x, rm, rv, w, b, true, 0.1, 1e-5);
        y.backward(g);

        Tensor x2 = x.detach().clone().requiresGrad(true);
        Tensor w2 = w.detach().clone().requiresGrad(true), b2 = b.detach().clone().requiresGrad(true);
        int[] dims = {0, 2, 3};
        Tensor mean = x2.mean(dims, true);
        Tensor var = x2.sub(mean).square().mean(dims, true);
        Tensor y2 = x2.sub(mean).div(var.add(1e-5).sqrt()).mul(w2.reshape(1, 64, 1, 1)).add(b2.reshape(1, 64, 1, 1));
        y2.backward(g);
        Golden.assertClose(y2.detach(), y.detach(), 1e-4, 1e-4, "output");
        Golden.assertClose(x2.grad(), x.grad(), 1e-3, 1e-4, "input gradient");
        Golden.assertClose(w2.grad(), w.grad(), 1e-3, 1e-3, "weight gradient");
        Golden.assertClose(b2.grad(), b.grad(), 1e-3, 1e-3, "bias gradient");
        long n = 16 * 14 * 14;
        Golden.assertClose(mean.detach().reshape(64).mul(0.1), rm, 1e-5, 1e-5, "running mean");
        Golden.assertClose(var.detach().reshape(64).mul((double) n / (n - 1)).mul(0.1).add(0.9), rv, 1e-4, 1e-5,
                "running variance (unbiased)");
    }
}
