package dev.nabla.data;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class CsvReaderTest {
    private static CsvReader.CsvData read(CsvReader r, String text) throws IOException {
        return r.read(new StringReader(text), "data.csv");
    }

    @Test
    void detectsHeaderAndPicksLabelByName() throws IOException {
        var d = read(new CsvReader().labelColumn("label"), "a,label,b\n1,2,3\n4.5,0,-6\n\n");
        assertEquals(List.of("a", "b"), d.featureNames());
        assertEquals("label", d.labelName());
        assertArrayEquals(new int[] {2, 2}, d.features().shape());
        assertArrayEquals(new float[] {1, 3, 4.5f, -6}, d.features().toFloatArray());
        assertArrayEquals(new long[] {2, 0}, d.labels().toLongArray());
    }

    @Test
    void withoutHeaderTheLabelIsPickedByIndex() throws IOException {
        var d = read(new CsvReader().labelColumn(-1), "1,2,7\n3,4,9\n");
        assertTrue(d.featureNames().isEmpty());
        assertArrayEquals(new float[] {1, 2, 3, 4}, d.features().toFloatArray());
        assertArrayEquals(new long[] {7, 9}, d.labels().toLongArray());
        var all = read(new CsvReader(), "1,2\n3,4\n");
        assertNull(all.labels());
        assertArrayEquals(new int[] {2, 2}, all.features().shape());
    }

    @Test
    void automaticLabelPrefersANamedColumnElseTheLast() throws IOException {
        var named = read(new CsvReader().labelColumnAuto(), "Target,a\n1,0.5\n");
        assertEquals("Target", named.labelName());
        assertArrayEquals(new long[] {1}, named.labels().toLongArray());
        var last = read(new CsvReader().labelColumnAuto(), "0.5,0.25,3\n");
        assertArrayEquals(new long[] {3}, last.labels().toLongArray());
        assertArrayEquals(new float[] {0.5f, 0.25f}, last.features().toFloatArray());
    }

    @Test
    void badCellNamesLineAndColumn() {
        var e = assertThrows(DataFormatException.class, () -> read(new CsvReader().labelColumn(0), "y,x1,x2\n1,2,3\n0,oops,3\n"));
        assertEquals("data.csv:3: column 2 ('x1'): cannot read 'oops' as a number", e.getMessage());
    }

    @Test
    void raggedRowNamesLineAndCounts() {
        var e = assertThrows(DataFormatException.class, () -> read(new CsvReader(), "1,2,3\n4,5\n"));
        assertEquals("data.csv:2: found 2 columns, expected 3 (as on line 1)", e.getMessage());
    }

    @Test
    void labelsMustBeWholeNumbersAndColumnsMustExist() {
        var e = assertThrows(DataFormatException.class, () -> read(new CsvReader().labelColumn(-1), "1,2.5\n"));
        assertTrue(e.getMessage().contains("not a whole number"), e.getMessage());
        e = assertThrows(DataFormatException.class, () -> read(new CsvReader().labelColumn("target"), "a,b\n1,2\n"));
        assertTrue(e.getMessage().contains("no column named 'target'") && e.getMessage().contains("[a, b]"), e.getMessage());
        e = assertThrows(DataFormatException.class, () -> read(new CsvReader().labelColumn(5), "1,2\n"));
        assertTrue(e.getMessage().contains("out of range"), e.getMessage());
        e = assertThrows(DataFormatException.class, () -> read(new CsvReader(), "a,b\n"));
        assertTrue(e.getMessage().contains("no data rows"), e.getMessage());
    }
}
