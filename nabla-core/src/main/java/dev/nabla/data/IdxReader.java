package dev.nabla.data;

import dev.nabla.Storage;
import dev.nabla.Tensor;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.StringJoiner;

/**
 * Reads IDX files of unsigned bytes, the format of MNIST, Fashion-MNIST and KMNIST: a big-endian magic number
 * {@code 0x000008NN} (NN = number of dimensions: 0x03 for images, 0x01 for labels), NN big-endian sizes, then the
 * bytes row-major. Gzipped files are recognised by their first two bytes, not their name. The magic number, the
 * sizes and the length of the data are all checked, and an error names the file.
 *
 * <pre>{@code
 * Tensor images = IdxReader.read(dir.resolve("train-images-idx3-ubyte.gz")).toFloatTensor(255);  // [60000, 28, 28]
 * }</pre>
 */
public final class IdxReader {
    /** Magic number of an image file (unsigned bytes, 3 dimensions). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of a label file (unsigned bytes, 1 dimension). */
    public static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() {}

    /** The sizes and the raw unsigned bytes of an IDX file. */
    public record IdxData(int[] shape, byte[] data) {
        /** The bytes as float32 divided by {@code scale} (255 maps pixels into [0, 1]). */
        public Tensor toFloatTensor(double scale) {
            float[] v = new float[data.length];
            float inv = (float) (1.0 / scale);
            for (int i = 0; i < v.length; i++) v[i] = (data[i] & 0xff) * inv;
            return Tensor.of(Storage.of(v), shape);
        }

        /** The bytes as int64 (labels). */
        public Tensor toLongTensor() {
            long[] v = new long[data.length];
            for (int i = 0; i < v.length; i++) v[i] = data[i] & 0xff;
            return Tensor.of(Storage.of(v), shape);
        }
    }

    /** Reads any unsigned-byte IDX file (1 to 4 dimensions). */
    public static IdxData read(Path file) {
        return read(file, -1);
    }

    /** Reads an IDX file that must have the given magic number ({@link #IMAGES_MAGIC} or {@link #LABELS_MAGIC}). */
    public static IdxData read(Path file, int expectedMagic) {
        try (InputStream in = Gzip.maybeGunzip(Files.newInputStream(file))) {
            return read(in, file.toString(), expectedMagic);
        } catch (NoSuchFileException e) {
            throw new DataFormatException("IDX file not found: " + file, e);
        } catch (IOException e) {
            throw new DataFormatException("cannot read IDX file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads an IDX stream (already gunzipped); {@code name} is used in error messages. */
    public static IdxData read(InputStream in, String name, int expectedMagic) throws IOException {
        byte[] head = in.readNBytes(4);
        if (head.length < 4) {
            throw new DataFormatException(name + " is not an IDX file: it has only " + head.length + " bytes, less than the 4-byte magic number");
        }
        int magic = bigEndian(head, 0);
        int ndim = magic & 0xff;
        if ((magic >>> 8) != 0x08 || ndim < 1 || ndim > 4) {
            throw new DataFormatException(String.format("%s is not an unsigned-byte IDX file: magic number 0x%08X, expected %s",
                    name, magic, expectedMagic >= 0 ? String.format("0x%08X", expectedMagic) : "0x00000801 .. 0x00000804"));
        }
        if (expectedMagic >= 0 && magic != expectedMagic) {
            throw new DataFormatException(String.format("%s has magic number 0x%08X (%d dimensions), expected 0x%08X (%s)",
                    name, magic, ndim, expectedMagic, expectedMagic == IMAGES_MAGIC ? "images" : expectedMagic == LABELS_MAGIC ? "labels" : "IDX"));
        }
        byte[] dims = in.readNBytes(4 * ndim);
        if (dims.length < 4 * ndim) {
            throw new DataFormatException(name + " is truncated: its header needs " + (4 + 4 * ndim) + " bytes, the file has " + (4 + dims.length));
        }
        int[] shape = new int[ndim];
        long expected = 1;
        for (int i = 0; i < ndim; i++) {
            shape[i] = bigEndian(dims, 4 * i);
            if (shape[i] < 0) throw new DataFormatException(name + " has a negative size in its header: " + Integer.toUnsignedString(shape[i]));
            expected *= shape[i];
            if (expected > Integer.MAX_VALUE - 8) {
                throw new DataFormatException(name + " declares sizes " + describe(shape, i + 1) + ", too many bytes for one array");
            }
        }
        // readNBytes grows its buffer as bytes arrive, so a lying header cannot make us allocate gigabytes up front.
        byte[] data;
        try {
            data = in.readNBytes((int) expected);
        } catch (EOFException e) {
            throw new DataFormatException(name + " is truncated (the compressed stream ends early): expected "
                    + expected + " data bytes for sizes " + describe(shape, ndim), e);
        }
        if (data.length < expected) {
            throw new DataFormatException(name + " is truncated: sizes " + describe(shape, ndim) + " need " + expected
                    + " data bytes, the file has " + data.length);
        }
        if (in.read() != -1) {
            throw new DataFormatException(name + " has more data than its sizes " + describe(shape, ndim) + " (" + expected + " bytes) declare");
        }
        return new IdxData(shape, data);
    }

    private static String describe(int[] shape, int n) {
        StringJoiner j = new StringJoiner(" x ");
        for (int i = 0; i < n; i++) j.add(Integer.toString(shape[i]));
        return j.toString();
    }

    private static int bigEndian(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }

    /** The IDX bytes of {@code shape} and {@code data}, uncompressed (for tests and tools that write datasets). */
    public static byte[] encode(int magic, int[] shape, byte[] data) {
        if (Arrays.stream(shape).asLongStream().reduce(1, (a, b) -> a * b) != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " does not hold " + data.length + " bytes");
        }
        byte[] out = new byte[4 + 4 * shape.length + data.length];
        putBigEndian(out, 0, magic);
        for (int i = 0; i < shape.length; i++) putBigEndian(out, 4 + 4 * i, shape[i]);
        System.arraycopy(data, 0, out, 4 + 4 * shape.length, data.length);
        return out;
    }

    private static void putBigEndian(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
