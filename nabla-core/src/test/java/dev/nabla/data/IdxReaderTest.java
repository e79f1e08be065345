package dev.nabla.data;

import dev.nabla.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.*;

class IdxReaderTest {
    @TempDir
    Path dir;

    static byte[] images(int n, int h, int w) {
        byte[] data = new byte[n * h * w];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 7);
        data[0] = (byte) 0xFF;   // read as 255, not -1: IDX bytes are unsigned
        return IdxReader.encode(IdxReader.IMAGES_MAGIC, new int[] {n, h, w}, data);
    }

    static byte[] labels(int n) {
        byte[] data = new byte[n];
        for (int i = 0; i < n; i++) data[i] = (byte) (i % 10);
        return IdxReader.encode(IdxReader.LABELS_MAGIC, new int[] {n}, data);
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    @Test
    void readsPlainAndGzippedFilesAlike() throws IOException {
        Path plain = Files.write(dir.resolve("images"), images(3, 4, 5));
        // The name says nothing about compression: the reader must look at the magic bytes 1f 8b.
        Path gz = Files.write(dir.resolve("images-no-gz-suffix"), gzip(images(3, 4, 5)));
        IdxReader.IdxData a = IdxReader.read(plain, IdxReader.IMAGES_MAGIC);
        IdxReader.IdxData b = IdxReader.read(gz, IdxReader.IMAGES_MAGIC);
        assertArrayEquals(new int[] {3, 4, 5}, a.shape());
        assertArrayEquals(a.data(), b.data());
        Tensor t = a.toFloatTensor(255);
        assertArrayEquals(new int[] {3, 4, 5}, t.shape());
        assertEquals((7 * 36 & 0xff) / 255.0, t.get(1, 3, 1), 1e-6);   // element 1*20 + 3*5 + 1 = 36 of the flat data
        assertEquals(1.0f, t.get(0, 0, 0), 1e-6);
        assertEquals(1.0f, maxOf(t.toFloatArray()), 1e-6);
    }

    private static float maxOf(float[] v) {
        float m = Float.NEGATIVE_INFINITY;
        for (float x : v) m = Math.max(m, x);
        return m;
    }

    @Test
    void labelsBecomeInt64() throws IOException {
        Path p = Files.write(dir.resolve("labels.gz"), gzip(labels(12)));
        Tensor y = IdxReader.read(p, IdxReader.LABELS_MAGIC).toLongTensor();
        assertArrayEquals(new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1}, y.toLongArray());
    }

    @Test
    void wrongMagicNamesTheFileAndBothNumbers() throws IOException {
        Path p = Files.write(dir.resolve("labels-as-images"), labels(4));
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.read(p, IdxReader.IMAGES_MAGIC));
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("0x00000801") && e.getMessage().contains("0x00000803"), e.getMessage());

        Path junk = Files.write(dir.resolve("junk"), "hello world, not idx".getBytes());
        e = assertThrows(DataFormatException.class, () -> IdxReader.read(junk));
        assertTrue(e.getMessage().contains("not an unsigned-byte IDX file"), e.getMessage());
    }

    @Test
    void truncatedDataIsReportedWithExpectedAndActualSizes() throws IOException {
        byte[] full = images(2, 3, 3);
        Path p = Files.write(dir.resolve("short"), Arrays.copyOf(full, full.length - 5));
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.read(p));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("18") && e.getMessage().contains("13"), e.getMessage());

        Path header = Files.write(dir.resolve("short-header"), Arrays.copyOf(full, 9));
        e = assertThrows(DataFormatException.class, () -> IdxReader.read(header));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("header"), e.getMessage());
    }

    @Test
    void truncatedGzipStreamIsReported() throws IOException {
        byte[] gz = gzip(images(20, 28, 28));
        Path p = Files.write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length / 2));
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.read(p));
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
    }

    @Test
    void trailingBytesAndMissingFilesAreErrors() throws IOException {
        byte[] full = images(1, 2, 2);
        byte[] longer = Arrays.copyOf(full, full.length + 3);
        Path p = Files.write(dir.resolve("long"), longer);
        assertTrue(assertThrows(DataFormatException.class, () -> IdxReader.read(p)).getMessage().contains("more data"));
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.read(dir.resolve("nope")));
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void hostileSizesAreRefusedWithoutAllocating() throws IOException {
        byte[] head = IdxReader.encode(IdxReader.IMAGES_MAGIC, new int[] {0, 0, 0}, new byte[0]);
        // 60000 x 60000 x 60000 bytes cannot exist; the reader must say so instead of trying.
        for (int i = 0; i < 3; i++) {
            head[4 + 4 * i] = 0;
            head[5 + 4 * i] = 0;
            head[6 + 4 * i] = (byte) 0xEA;
            head[7 + 4 * i] = 0x60;
        }
        Path p = Files.write(dir.resolve("huge"), head);
        assertTrue(assertThrows(DataFormatException.class, () -> IdxReader.read(p)).getMessage().contains("too many bytes"));
    }

    @Test
    void mnistFolderLoadsBothSplitsAndChecksCounts() throws IOException {
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(images(6, 28, 28)));
        Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), gzip(labels(6)));
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), images(2, 28, 28));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), labels(3));
        TensorDataset train = Mnist.load(dir, true);
        assertArrayEquals(new int[] {6, 1, 28, 28}, train.x().shape());
        assertArrayEquals(new int[] {6}, train.y().shape());
        DataFormatException e = assertThrows(DataFormatException.class, () -> FashionMnist.load(dir, false));
        assertTrue(e.getMessage().contains("2 images") && e.getMessage().contains("3 labels"), e.getMessage());
        e = assertThrows(DataFormatException.class, () -> Mnist.load(dir.resolve("missing"), true));
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }
}
