package dev.nabla.ops;

import dev.nabla.Nabla;
import dev.nabla.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** indexSelect's batch gather, which large inputs split over the threads: every row lands where it belongs. */
class IndexSelectGatherTest {

    @Test
    void largeGathersMatchARowByRowCopy() {
        Nabla.manualSeed(8);
        for (int[] s : new int[][] {{300, 200, 257}, {1000, 784, 64}, {50, 1, 40_000}}) {
            Tensor src = Nabla.randn(s[0], s[1]);
            long[] idx = new long[s[2]];
            for (int i = 0; i < idx.length; i++) idx[i] = (i * 7919L) % s[0] - (i % 5 == 0 ? s[0] : 0);
            Tensor out = src.indexSelect(0, Nabla.tensor(idx));
            float[] expected = new float[s[2] * s[1]];
            float[] all = src.toFloatArray();
            for (int r = 0; r < idx.length; r++) {
                int row = (int) (idx[r] < 0 ? idx[r] + s[0] : idx[r]);
                System.arraycopy(all, row * s[1], expected, r * s[1], s[1]);
            }
            assertArrayEquals(expected, out.toFloatArray());
        }
    }
}
