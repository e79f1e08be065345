package dev.nabla.nn.conv;

import dev.nabla.Nabla;
import dev.nabla.Tensor;
import dev.nabla.autograd.GradCheck;
import dev.nabla.nn.functional.ConvFunctions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Finite-difference checks in float64 of every convolution, pooling and resampling derivative. */
class ConvGradCheckTest {

    @BeforeEach
    void seed() {
        Nabla.manualSeed(7);
    }

    private static Tensor leaf(int... shape) {
        return Nabla.randn(shape).toDouble().requiresGrad(true);
    }

    @Test
    void conv2dAllArguments() {
        assertTrue(GradCheck.check(in -> ConvFunctions.conv2d(in[0], in[1], in[2], new int[] {2, 1}, new int[] {1, 2},
                new int[] {1, 2}, 2), leaf(2, 4, 5, 6), leaf(4, 2, 2, 3), leaf(4)));
        assertTrue(GradCheck.check(in -> ConvFunctions.conv2d(in[0], in[1], null, new int[] {1, 1}, "same",
                new int[] {1, 1}, 1), leaf(1, 2, 4, 5), leaf(3, 2, 2, 3)));
        assertTrue(GradCheck.check(in -> ConvFunctions.conv2d(in[0], in[1], in[2], 1, 0), leaf(2, 3, 3, 3),
                leaf(2, 3, 1, 1), leaf(2)));
    }

    @Test
    void firstLayerWithMoreFiltersThanKernelEntries() {
        // 12 filters of 1x2x2: the weight gradient is computed transposed (see Convolution.weightGrad).
        assertTrue(GradCheck.check(in -> ConvFunctions.conv2d(in[0], in[1], in[2], 1, 1), leaf(2, 1, 4, 4),
                leaf(12, 1, 2, 2), leaf(12)));
    }

    @Test
    void depthwiseConv2d() {
        assertTrue(GradCheck.check(in -> ConvFunctions.conv2d(in[0], in[1], in[2], new int[] {1, 1}, new int[] {1, 1},
                new int[] {1, 1}, 3), leaf(1, 3, 4, 4), leaf(6, 1, 3, 3), leaf(6)));
    }

    @Test
    void conv1d() {
        assertTrue(GradCheck.check(in -> ConvFunctions.conv1d(in[0], in[1], in[2], 2, 1, 2, 1), leaf(2, 2, 7),
                leaf(3, 2, 3), leaf(3)));
    }

    @Test
    void convTranspose2d() {
        assertTrue(GradCheck.check(in -> ConvFunctions.convTranspose2d(in[0], in[1], in[2], new int[] {2, 2},
                new int[] {1, 0}, new int[] {1, 1}, 2, new int[] {1, 2}), leaf(1, 4, 3, 3), leaf(4, 1, 3, 2), leaf(2)));
    }

    @Test
    void pooling() {
        // Distinct values keep max pooling away from ties, where it is not differentiable.
        Tensor x = Nabla.randperm(2 * 2 * 5 * 6).toDouble().div(10).reshape(2, 2, 5, 6).requiresGrad(true);
        assertTrue(GradCheck.check(in -> ConvFunctions.maxPool2d(in[0], new int[] {3, 2}, new int[] {2, 1},
                new int[] {1, 1}, new int[] {1, 2}, true), x));
        assertTrue(GradCheck.check(in -> ConvFunctions.adaptiveMaxPool2d(in[0], 3, 4), x));
        assertTrue(GradCheck.check(in -> ConvFunctions.avgPool2d(in[0], new int[] {3, 3}, new int[] {2, 2},
                new int[] {1, 1}, true, false, 0), leaf(1, 2, 5, 6)));
        assertTrue(GradCheck.check(in -> ConvFunctions.adaptiveAvgPool2d(in[0], 4, 3), leaf(1, 2, 3, 5)));
    }

    @Test
    void interpolation() {
        assertTrue(GradCheck.check(in -> ConvFunctions.interpolate(in[0], null, new double[] {1.5}, "nearest", null),
                leaf(1, 2, 3, 4)));
        assertTrue(GradCheck.check(in -> ConvFunctions.interpolate(in[0], new int[] {5, 3}, null, "bilinear", true),
                leaf(1, 2, 3, 4)));
        assertTrue(GradCheck.check(in -> ConvFunctions.interpolate(in[0], null, new double[] {2}, "bilinear", false),
                leaf(1, 1, 3, 3)));
    }

    @Test
    void fusedBatchNormInTrainingAndEvaluation() {
        Tensor rm = Nabla.randn(3).toDouble(), rv = Nabla.rand(3).toDouble().add(0.5);
        for (boolean training : new boolean[] {true, false}) {
            assertTrue(GradCheck.check(in -> dev.nabla.nn.functional.F.batchNorm(in[0], null, null, in[1], in[2],
                    true, 0.1, 1e-5), leaf(3, 3, 2, 2), leaf(3), leaf(3)));
            assertTrue(GradCheck.check(in -> dev.nabla.nn.functional.F.batchNorm(in[0], rm.clone(), rv.clone(), in[1],
                    in[2], training, 0.1, 1e-5), leaf(2, 3, 4), leaf(3), leaf(3)), "training=" + training);
        }
    }

    @Test
    void doubleBackwardIsRefusedClearly() {
        Tensor x = leaf(1, 1, 4, 4), w = leaf(2, 1, 3, 3);
        Tensor y = ConvFunctions.conv2d(x, w).square().sum();
        UnsupportedOperationException e = org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class,
                () -> y.backward(Nabla.onesLike(y), false, true));
        org.junit.jupiter.api.Assertions.assertEquals("double backward (createGraph=true) through convolution is not supported",
                e.getMessage());
    }

    @Test
    void groupNormAndPadding() {
        assertTrue(GradCheck.check(in -> ConvFunctions.groupNorm(in[0], 2, in[1], in[2], 1e-5), leaf(2, 4, 3, 2),
                leaf(4), leaf(4)));
        for (String mode : new String[] {"constant", "reflect", "replicate", "circular"}) {
            assertTrue(GradCheck.check(in -> ConvFunctions.pad(in[0], new int[] {1, 2, 2, 1}, mode, 0.5),
                    leaf(1, 2, 3, 4)), mode);
        }
    }
}
