package dev.nabla.ops;

import dev.nabla.Nabla;
import dev.nabla.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * 2x2, stride-2 max pooling picks PyTorch's index on ties that a comparison by subtraction gets wrong: two equal
 * infinities (their difference is NaN) and -0.0 against +0.0 (their difference is -0.0). PyTorch scans the window
 * top-left, top-right, bottom-left, bottom-right and moves only to a strictly greater value or a NaN, so the first
 * of equal maxima wins and the last NaN is reported; the value is the element at that index.
 * Runs through whichever kernels the suite uses (scalar loop or Vector API kernel).
 */
class MaxPoolTiesTest {

    @Test
    void firstOfEqualMaximaWinsWithInfinitiesAndSignedZeros() {
        float inf = Float.POSITIVE_INFINITY;
        float[][] windows = {
                {inf, inf, 1, 2}, {1, inf, inf, inf}, {-inf, -inf, -inf, -inf}, {-0f, 0f, 0f, -0f},
                {0f, -0f, -1, -0f}, {-1, -0f, 0f, 0f}, {2, 2, 2, 2}, {-inf, -inf, -5, -inf},
                {1, Float.NaN, Float.NaN, 0}, {Float.NaN, 1, 2, 3}, {0, 1, 2, Float.NaN},
        };
        int[] expected = {0, 1, 0, 0, 0, 1, 0, 2, 2, 0, 3};
        // Windows side by side in one 2 x 16 plane, several planes, plus random ties around them.
        Random r = new Random(7);
        int planes = 3, w = 2 * windows.length + 4;
        float[] data = new float[planes * 2 * w];
        for (int i = 0; i < data.length; i++) data[i] = r.nextInt(3) - 1;
        for (int p = 0; p < planes; p++) {
            for (int k = 0; k < windows.length; k++) {
                int tl = p * 2 * w + 2 * k;
                data[tl] = windows[k][0];
                data[tl + 1] = windows[k][1];
                data[tl + w] = windows[k][2];
                data[tl + w + 1] = windows[k][3];
            }
        }
        Tensor x = Nabla.tensor(data, 1, planes, 2, w);
        dev.nabla.MaxResult res = Pooling.maxPool2d(x, new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0},
                new int[] {1, 1}, false);
        long[] idx = res.indices().toLongArray();
        float[] values = res.values().toFloatArray();
        int ow = w / 2;
        for (int p = 0; p < planes; p++) {
            for (int k = 0; k < ow; k++) {
                int tl = 2 * k, o = p * ow + k;
                int best = tl;
                for (int e : new int[] {tl, tl + 1, tl + w, tl + w + 1}) {
                    float v = data[p * 2 * w + e];
                    if (v > data[p * 2 * w + best] || Float.isNaN(v)) best = e;
                }
                if (k < windows.length) assertEquals(tl + (expected[k] >= 2 ? w + expected[k] - 2 : expected[k]), best);
                assertEquals(best, idx[o], "plane " + p + " window " + k);
                assertEquals(Float.floatToIntBits(data[p * 2 * w + best]), Float.floatToIntBits(values[o]),
                        "plane " + p + " window " + k + " value (sign of zero included)");
            }
        }
    }
}
