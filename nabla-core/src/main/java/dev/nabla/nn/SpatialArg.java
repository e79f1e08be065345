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

    @Override
    public boolean equals(Object o) {
        return o instanceof SpatialArg a && a.tuple == tuple && Arrays.equals(a.values, values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values) * 31 + (tuple ? 1 : 0);
    }
}
