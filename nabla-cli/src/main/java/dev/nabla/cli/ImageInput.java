package dev.nabla.cli;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns an image file (PNG, JPEG, GIF, BMP: whatever ImageIO reads) into the model's input: grayscale, resized to
 * the model's height and width by averaging each target pixel's area, values in [0, 1] with ink bright, as in the
 * training sets (a picture with a light background, like a digit drawn on paper, is inverted).
 */
final class ImageInput {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private ImageInput() {}

    static boolean isImage(Path file) {
        String n = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".gif") || n.endsWith(".bmp");
    }

    /** The pixels of {@code file} as {@code height * width} floats, row-major. */
    static float[] read(Path file, int height, int width) {
        if (!Files.isRegularFile(file)) throw new UserError("input not found: " + file);
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new UserError("cannot read image " + file + ": " + e.getMessage(), e);
        }
        if (img == null) throw new UserError("cannot read image " + file + ": not a PNG, JPEG, GIF or BMP file");
        int w = img.getWidth(), h = img.getHeight();
        double[] gray = new double[w * h];
        double mean = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = img.getRGB(x, y);
                double a = ((argb >>> 24) & 0xff) / 255.0;
                double lum = (0.299 * ((argb >> 16) & 0xff) + 0.587 * ((argb >> 8) & 0xff) + 0.114 * (argb & 0xff)) / 255.0;
                // Transparent pixels count as white paper.
                gray[y * w + x] = a * lum + (1 - a);
                mean += gray[y * w + x];
            }
        }
        mean /= gray.length;
        boolean invert = mean > 0.5;
        float[] out = new float[height * width];
        for (int ty = 0; ty < height; ty++) {
            for (int tx = 0; tx < width; tx++) {
                // The source rectangle this target pixel covers; at least one source pixel when enlarging.
                int x0 = (int) Math.floor((double) tx * w / width), x1 = Math.max(x0 + 1, (int) Math.ceil((double) (tx + 1) * w / width));
                int y0 = (int) Math.floor((double) ty * h / height), y1 = Math.max(y0 + 1, (int) Math.ceil((double) (ty + 1) * h / height));
                double sum = 0;
                int count = 0;
                for (int y = y0; y < Math.min(y1, h); y++) {
                    for (int x = x0; x < Math.min(x1, w); x++) {
                        sum += gray[y * w + x];
                        count++;
                    }
                }
                double v = sum / count;
                out[ty * width + tx] = (float) (invert ? 1 - v : v);
            }
        }
        return out;
    }
}
