package dev.nabla;

/**
 * The flat memory behind one or more tensors (views share it): a {@code float[]}, {@code double[]},
 * {@code long[]} or {@code boolean[]}, and the version counter that in-place ops bump so that autograd can tell
 * when a saved tensor was modified.
 */
public final class Storage {
    private final DType dtype;
    private final Object data;
    private int version;

    Storage(DType dtype, Object data) {
        this.dtype = dtype;
        this.data = data;
    }

    public static Storage allocate(DType dtype, int size) {
        return new Storage(dtype, switch (dtype) {
            case FLOAT32 -> new float[size];
            case FLOAT64 -> new double[size];
            case INT64 -> new long[size];
            case BOOL -> new boolean[size];
        });
    }

    public static Storage of(float[] data) { return new Storage(DType.FLOAT32, data); }
    public static Storage of(double[] data) { return new Storage(DType.FLOAT64, data); }
    public static Storage of(long[] data) { return new Storage(DType.INT64, data); }
    public static Storage of(boolean[] data) { return new Storage(DType.BOOL, data); }

    public DType dtype() { return dtype; }

    public float[] floats() { return (float[]) data; }
    public double[] doubles() { return (double[]) data; }
    public long[] longs() { return (long[]) data; }
    public boolean[] bools() { return (boolean[]) data; }

    /** Number of elements this storage holds. */
    public int size() {
        return switch (dtype) {
            case FLOAT32 -> floats().length;
            case FLOAT64 -> doubles().length;
            case INT64 -> longs().length;
            case BOOL -> bools().length;
        };
    }

    /** Element {@code i} as a double, whatever the dtype (bool reads as 0 or 1). */
    public double getDouble(int i) {
        return switch (dtype) {
            case FLOAT32 -> floats()[i];
            case FLOAT64 -> doubles()[i];
            case INT64 -> longs()[i];
            case BOOL -> bools()[i] ? 1.0 : 0.0;
        };
    }

    /** Element {@code i} as a long (floating values are truncated toward zero, as a cast in PyTorch). */
    public long getLong(int i) {
        return switch (dtype) {
            case FLOAT32 -> (long) floats()[i];
            case FLOAT64 -> (long) doubles()[i];
            case INT64 -> longs()[i];
            case BOOL -> bools()[i] ? 1L : 0L;
        };
    }

    /** Stores {@code v} at {@code i}, converted to this storage's dtype. */
    public void setDouble(int i, double v) {
        switch (dtype) {
            case FLOAT32 -> floats()[i] = (float) v;
            case FLOAT64 -> doubles()[i] = v;
            case INT64 -> longs()[i] = (long) v;
            case BOOL -> bools()[i] = v != 0.0;
        }
    }

    public void setLong(int i, long v) {
        switch (dtype) {
            case FLOAT32 -> floats()[i] = v;
            case FLOAT64 -> doubles()[i] = v;
            case INT64 -> longs()[i] = v;
            case BOOL -> bools()[i] = v != 0;
        }
    }

    /** The version counter: bumped by every in-place write through any view of this storage. */
    public int version() { return version; }

    public void bumpVersion() { version++; }
}
