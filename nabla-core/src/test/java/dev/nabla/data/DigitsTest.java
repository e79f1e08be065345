package dev.nabla.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class DigitsTest {
    @Test
    void embeddedDigitsLoadWithTheirShapeRangeAndClasses() {
        TensorDataset d = Digits.load();
        assertArrayEquals(new int[] {1797, 1, 8, 8}, d.x().shape());
        assertArrayEquals(new int[] {1797}, d.y().shape());
        float[] x = d.x().toFloatArray();
        float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        for (float v : x) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(0f, min);
        assertEquals(1f, max);
        int[] counts = new int[10];
        for (long y : d.y().toLongArray()) counts[(int) y]++;
        for (int c : counts) assertTrue(c > 170 && c < 190, "each digit appears about 180 times");
        // The first image of the file is a zero whose first row is 0,0,5,13,9,1,0,0.
        assertEquals(0, d.y().toLongArray()[0]);
        assertEquals(13 / 16.0, d.x().get(0, 0, 0, 3), 1e-6);
    }
}
