package dev.nabla.data;

import dev.nabla.Tensor;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The 8x8 handwritten digits embedded in the library (1,797 images, 10 classes, from the UCI "Optical
 * Recognition of Handwritten Digits" data, CC BY 4.0; see {@code dev/nabla/data/README.md} beside the file), so a
 * model can be trained on a machine with nothing downloaded.
 *
 * <pre>{@code
 * TensorDataset digits = Digits.load();     // x: [1797, 1, 8, 8] floats in [0, 1], y: [1797] int64 in 0..9
 * }</pre>
 */
public final class Digits {
    /** Number of classes (the digits 0 to 9). */
    public static final int CLASSES = 10;
    /** Number of images. */
    public static final int SIZE = 1797;
    /** Height and width of an image. */
    public static final int SIDE = 8;
    private static final String RESOURCE = "digits.csv.gz";

    private Digits() {}

    /** All 1,797 images as {@code [N, 1, 8, 8]} float32 (pixel counts 0..16 divided by 16) and int64 labels. */
    public static TensorDataset load() {
        try (InputStream raw = Digits.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) throw new IllegalStateException("the embedded dataset dev/nabla/data/" + RESOURCE + " is missing from the classpath");
            CsvReader.CsvData d = new CsvReader().header(CsvReader.Header.ABSENT).labelColumn(-1)
                    .read(new InputStreamReader(Gzip.maybeGunzip(raw), StandardCharsets.UTF_8), RESOURCE);
            Tensor x = d.features().div(16.0).reshape(d.rows(), 1, SIDE, SIDE);
            return new TensorDataset(x, d.labels());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedded " + RESOURCE, e);
        }
    }
}
