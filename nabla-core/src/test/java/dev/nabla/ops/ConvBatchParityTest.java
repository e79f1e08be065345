package dev.nabla.ops;

import dev.nabla.DType;
import dev.nabla.Nabla;
import dev.nabla.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Convolution lowers several samples per GEMM (side by side in one column buffer); one sample at a time is the
 * reference. Each case runs the forward and all three gradients with batches of 1 (the reference), 2 and 3 (which
 * leave a partial last batch on odd batch sizes) and the automatic choice, and compares them, at awkward sizes:
 * odd maps, stride, dilation, asymmetric padding, groups, 1x1 kernels, 1-D and transposed, float32 and float64.
 */
class ConvBatchParityTest {

    @BeforeEach
    void seed() {
        Nabla.manualSeed(11);
    }

    @AfterEach
    void automatic() {
        Convolution.batchOverride = 0;
    }

    /** One op run: the output and the gradients of input, weight and bias (null when there is no bias). */
    private record Run(double[] y, double[] gx, double[] gw, double[] gb) {}

    private interface Op {
        Tensor apply(Tensor x, Tensor w, Tensor b);
    }

    private static Run run(Op op, Tensor x0, Tensor w0, Tensor b0, Tensor gy, int batch) {
        Convolution.batchOverride = batch;
        Tensor x = x0.detach().requiresGrad(true), w = w0.detach().requiresGrad(true);
        Tensor b = b0 == null ? null : b0.detach().requiresGrad(true);
        Tensor y = op.apply(x, w, b);
        y.backward(gy);
        return new Run(y.toDoubleArray(), x.grad().toDoubleArray(), w.grad().toDoubleArray(),
                b == null ? null : b.grad().toDoubleArray());
    }

    private static void check(Op op, int[] xs, int[] ws, int bias, int[] ys, DType dt) {
        Tensor x = Nabla.randn(xs), w = Nabla.randn(ws), b = bias > 0 ? Nabla.randn(bias) : null;
        Tensor gy = Nabla.randn(ys);
        if (dt == DType.FLOAT64) {
            x = x.toDouble();
            w = w.toDouble();
            b = b == null ? null : b.toDouble();
            gy = gy.toDouble();
        }
        double tol = dt == DType.FLOAT64 ? 1e-12 : 1e-5;
        Run ref = run(op, x, w, b, gy, 1);
        assertEquals(ys.length, op.apply(x, w, b).dim());
        for (int batch : new int[] {2, 3, 0}) {
            Run got = run(op, x, w, b, gy, batch);
            near(ref.y, got.y, tol, "output, batch " + batch);
            near(ref.gx, got.gx, tol, "input gradient, batch " + batch);
            near(ref.gw, got.gw, tol, "weight gradient, batch " + batch);
            if (ref.gb != null) near(ref.gb, got.gb, tol, "bias gradient, batch " + batch);
        }
    }

    /** Equal up to rounding relative to the array's largest magnitude (sums run in another order). */
    private static void near(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what);
        double scale = 1;
        for (double v : expected) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < expected.length; i++) {
            assertTrue(Math.abs(expected[i] - actual[i]) <= tol * scale,
                    what + " at " + i + ": " + expected[i] + " vs " + actual[i]);
        }
    }

    private static Op conv2d(int[] stride, int[] padBefore, int[] padAfter, int[] dilation, int groups) {
        return (x, w, b) -> Convolution.convolution(x, w, b, stride, padBefore, padAfter, dilation, groups);
    }

    @Test
    void conv2dSameAndFirstLayerShapes() {
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            // The cnn's two layers at a small odd batch: 3x3 "same", 1 -> 8 and 4 -> 6 channels.
            check(conv2d(new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, 1),
                    new int[] {5, 1, 9, 9}, new int[] {8, 1, 3, 3}, 8, new int[] {5, 8, 9, 9}, dt);
            check(conv2d(new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, 1),
                    new int[] {7, 4, 7, 5}, new int[] {6, 4, 3, 3}, 6, new int[] {7, 6, 7, 5}, dt);
        }
    }

    @Test
    void conv2dStrideDilationAsymmetricPaddingGroups() {
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            // Output 4x4: (9 + 1 + 2 - 2*(3-1) - 1) / 2 + 1 = 4 rows, (8 + 2 + 0 - 1*(2-1) - 1) / 2 + 1 = 5 cols.
            check(conv2d(new int[] {2, 2}, new int[] {1, 2}, new int[] {2, 0}, new int[] {2, 1}, 2),
                    new int[] {5, 4, 9, 8}, new int[] {6, 2, 3, 2}, 6, new int[] {5, 6, 4, 5}, dt);
            // 1x1 kernel, no bias, groups 3.
            check(conv2d(new int[] {1, 1}, new int[] {0, 0}, new int[] {0, 0}, new int[] {1, 1}, 3),
                    new int[] {4, 3, 5, 3}, new int[] {6, 1, 1, 1}, 0, new int[] {4, 6, 5, 3}, dt);
        }
    }

    @Test
    void conv1dAndLargeMap() {
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            check((x, w, b) -> Convolution.convolution(x, w, b, new int[] {2}, new int[] {1}, new int[] {1},
                    new int[] {1}, 1), new int[] {5, 2, 11}, new int[] {3, 2, 3}, 3, new int[] {5, 3, 6}, dt);
        }
        // A map of 24x24 = 576 positions: one sample at a time unless forced.
        check(conv2d(new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, 1),
                new int[] {3, 2, 24, 24}, new int[] {4, 2, 3, 3}, 4, new int[] {3, 4, 24, 24}, DType.FLOAT32);
    }

    @Test
    void convTranspose2d() {
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            // (4 - 1)*2 - 2*1 + 1*(3 - 1) + 1 + 1 = 8 rows; (5 - 1)*1 - 0 + 2*(2 - 1) + 0 + 1 = 7 cols.
            check((x, w, b) -> Convolution.convTranspose(x, w, b, new int[] {2, 1}, new int[] {1, 0},
                    new int[] {1, 0}, new int[] {1, 2}, 2), new int[] {5, 4, 4, 5}, new int[] {4, 3, 3, 2}, 6,
                    new int[] {5, 6, 8, 7}, dt);
        }
    }
}
