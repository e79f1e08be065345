package dev.nabla.ops;

import dev.nabla.kernels.vector.VectorPool;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Vector API 2x2 max pooling against PyTorch's scan (the first of the maxima in the order top-left, top-right,
 * bottom-left, bottom-right wins; a NaN always takes over, so the last NaN is reported), values (the winning
 * element itself) and indices, on maps whose widths leave vector tails and odd last rows/columns, with many ties
 * (small integers), infinities and NaNs; and with the ReLU of the maxima fused in.
 */
class VectorPoolParityTest {

    @Test
    void matchesPyTorchScan() {
        Random r = new Random(3);
        int[][] sizes = {{28, 28}, {14, 14}, {7, 9}, {2, 2}, {5, 33}, {40, 3}, {3, 64}};
        for (int[] hw : sizes) {
            int h = hw[0], w = hw[1], oh = h / 2, ow = w / 2, planes = 5, off = 3;
            float[] src = new float[off + planes * h * w];
            for (int i = 0; i < src.length; i++) {
                int k = r.nextInt(60);
                src[i] = k == 0 ? Float.NaN : k < 4 ? Float.POSITIVE_INFINITY : k < 7 ? Float.NEGATIVE_INFINITY
                        : r.nextInt(4) - 2;
            }
            float[] got = new float[planes * oh * ow], values = new float[got.length], relu = new float[got.length];
            int[] gotAt = new int[got.length], reluAt = new int[got.length];
            // Planes 1 .. planes-1: plane 1 starts at off + h*w.
            VectorPool.maxPairs(src, off + h * w, h, w, oh, ow, got, gotAt, 1, planes);
            VectorPool.maxPairs(src, off + h * w, h, w, oh, ow, values, null, 1, planes);
            VectorPool.maxPairs(src, off + h * w, h, w, oh, ow, relu, reluAt, 1, planes, true);
            for (int p = 1; p < planes; p++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        int o = (p * oh + i) * ow + j, base = off + p * h * w;
                        int best = 2 * i * w + 2 * j;
                        for (int e : new int[] {best, best + 1, best + w, best + w + 1}) {
                            if (src[base + e] > src[base + best] || Float.isNaN(src[base + e])) best = e;
                        }
                        String at = h + "x" + w + " plane " + p + " window " + i + "," + j;
                        int expected = Float.floatToIntBits(src[base + best]);
                        assertEquals(expected, Float.floatToIntBits(got[o]), at);
                        assertEquals(expected, Float.floatToIntBits(values[o]), at);
                        assertEquals(best, gotAt[o], at);
                        // With the ReLU: a maximum that is not positive becomes +0 and its index ~best; NaN stays.
                        boolean stop = src[base + best] <= 0;
                        assertEquals(stop ? 0 : expected, Float.floatToIntBits(relu[o]), at + " (relu)");
                        assertEquals(stop ? ~best : best, reluAt[o], at + " (relu)");
                    }
                }
            }
        }
    }
}
