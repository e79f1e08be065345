package dev.nabla.nn;

import java.util.Arrays;

/**
 * A per-dimension layer argument (kernel size, stride, padding...) remembered the way the user gave it, an int or
 * a tuple, because PyTorch prints a layer's arguments as given: {@code MaxPool2d(kernel_size=2, ...)} but
 * {@code MaxPool2d(kernel_size=(2, 3), ...)}.
 */
record SpatialArg(int[] values, boolean tuple) {
    static SpatialArg of(int v, int dims) {
        int[] values = new int[dims];
        Arrays.fill(values, v);
        return new SpatialArg(values, false);
    }

    /** A tuple argument; a one-element array counts as a single int, repeated across the dimensions. */
    static SpatialArg of(int[] v, int dims, String name) {
        if (v.length == 1) return of(v[0], dims);
        if (v.length != dims) {
            throw new IllegalArgumentException(name + " must be an int or a tuple of " + dims + " ints, got "
                    + Arrays.toString(v));
        }
        return new SpatialArg(v.clone(), true);
    }

    int[] get() {
        return values.clone();
    }

    /** Python's repr: {@code 2} or {@code (2, 3)} ({@code (3,)} for one element). */
    @Override
    public String toString() {
        return tuple ? tupleRepr(values) : Integer.toString(values[0]);
    }

    static String tupleRepr(int[] values) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < values.length; i++) sb.append(i > 0 ? ", " : "").append(values[i]);
        if (values.length == 1) sb.append(',');
        return sb.append(')').toString();
    }

    /** Python's {@code repr(float)}: {@code 2.0}, {@code 0.3}, {@code 1e-05}. */
    static String pyFloat(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return Double.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
        if (v == 0) return 1 / v < 0 ? "-0.0" : "0.0";
        // Java's shortest round-trip digits are Python's; only the layout differs (exponent below 1e-4, from 1e16).
        java.math.BigDecimal d = new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros();
        int exponent = d.precision() - d.scale() - 1;
        if (exponent < -4 || exponent >= 16) {
            String digits = d.unscaledValue().abs().toString();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return (v < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        }
        String plain = d.toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpatialArg a && a.tuple == tuple && Arrays.equals(a.values, values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values) * 31 + (tuple ? 1 : 0);
    }
}
