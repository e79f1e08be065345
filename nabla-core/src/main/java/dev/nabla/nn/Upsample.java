package dev.nabla.nn;

import dev.nabla.Tensor;
import dev.nabla.nn.functional.ConvFunctions;

import java.util.Arrays;

/**
 * Resizes images by a scale factor or to a fixed size, PyTorch's {@code nn.Upsample}, with {@code "nearest"}
 * (PyTorch's legacy nearest: source index {@code floor(dst * in/out)}) or {@code "bilinear"} interpolation
 * ({@code alignCorners} maps the corner pixels onto each other).
 *
 * <p>Shape: input {@code [N, C, H, W]}, output {@code [N, C, floor(H*scale), floor(W*scale)]} or
 * {@code [N, C, size...]}.
 *
 * <pre>{@code
 * Upsample up = Upsample.scaleFactor(2, "bilinear");
 * Tensor y = up.forward(Nabla.randn(1, 3, 8, 8));   // [1, 3, 16, 16]
 * }</pre>
 */
public class Upsample extends Module {
    private final int[] size;
    private final boolean sizeIsTuple;
    private final double[] scaleFactor;
    private final String mode;
    private final Boolean alignCorners;

    /**
     * Every argument: exactly one of {@code size} (one value or (h, w)) and {@code scaleFactor} (one or two) is
     * non-null; {@code alignCorners} is null for the default, and only allowed with "bilinear".
     */
    public Upsample(int[] size, double[] scaleFactor, String mode, Boolean alignCorners) {
        if (!mode.equals("nearest") && !mode.equals("bilinear")) {
            throw new IllegalArgumentException("Upsample supports the modes nearest | bilinear, got " + mode);
        }
        if (size == null && scaleFactor == null) throw new IllegalArgumentException("either size or scale_factor should be defined");
        if (size != null && scaleFactor != null) throw new IllegalArgumentException("only one of size or scale_factor should be defined");
        this.size = size == null ? null : size.clone();
        this.sizeIsTuple = size != null && size.length > 1;
        this.scaleFactor = scaleFactor == null ? null : scaleFactor.clone();
        this.mode = mode;
        this.alignCorners = alignCorners;
    }

    /** Scales both dimensions by {@code scaleFactor} with {@code mode} "nearest" or "bilinear". */
    public Upsample(double scaleFactor, String mode) {
        this(null, new double[] {scaleFactor}, mode, null);
    }

    /** Resizes to {@code size} (one value for a square output, or (h, w)). */
    public Upsample(int[] size, String mode) {
        this(size, null, mode, null);
    }

    /** Scales both dimensions by {@code factor}. */
    public static Upsample scaleFactor(double factor, String mode) {
        return new Upsample(null, new double[] {factor}, mode, null);
    }

    /** Nearest-neighbour scaling of both dimensions by {@code factor}. */
    public static Upsample scaleFactor(double factor) {
        return scaleFactor(factor, "nearest");
    }

    /** Resizes to {@code h x w}. */
    public static Upsample size(int h, int w, String mode) {
        return new Upsample(new int[] {h, w}, null, mode, null);
    }

    @Override
    public Tensor forward(Tensor input) {
        return ConvFunctions.interpolate(input, size, scaleFactor, mode, alignCorners);
    }

    @Override
    public String extraRepr() {
        String info;
        if (scaleFactor != null) {
            info = "scale_factor=" + (scaleFactor.length == 1 ? PyRepr.pyFloat(scaleFactor[0])
                    : "(" + String.join(", ", Arrays.stream(scaleFactor).mapToObj(PyRepr::pyFloat).toList()) + ")");
        } else {
            info = "size=" + (sizeIsTuple ? SpatialArg.tupleRepr(size) : Integer.toString(size[0]));
        }
        return info + ", mode=" + mode;
    }
}
