package dev.nabla.kernels.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Max pooling over 2x2 windows with stride 2 (a convolutional network's pooling), with the Vector API.
 *
 * <p>The windows start at every other column, which lanes cannot load directly. Instead every position {@code t}
 * of a plane is treated as the top-left corner of a window: four shifted contiguous loads ({@code t}, {@code t+1},
 * {@code t+w}, {@code t+w+1}) give each lane its window's maximum and the flat index of that maximum, and the
 * windows actually wanted (even rows, even columns) are picked out afterwards. Three quarters of the lanes are
 * wasted, and it is still about three times faster than the scalar loop (which measured ~18 cycles per window on
 * Math.max and the index selection).
 *
 * <p>Ties and NaNs follow the scalar code in dev.nabla.ops.Pooling: the first maximum in PyTorch's scan order
 * (top-left, top-right, bottom-left, bottom-right) wins a tie; a NaN makes the value NaN.
 */
public final class VectorPool {
    private VectorPool() {}

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());
    private static final int L = F.length();

    /**
     * Planes {@code [from, to)} of {@code h x w} floats, plane {@code from} starting at {@code src[off]}: the maxima
     * into {@code dst} (plane {@code p} at {@code p * oh * ow}) and their
     * flat in-plane indices into {@code at} (both {@code oh x ow} per plane, with {@code 2*oh <= h} and
     * {@code 2*ow <= w}). With {@code at} null the indices are computed all the same and dropped: one code path
     * for training and inference, since a branch never taken in training would deoptimise the compiled loop at
     * the first evaluation and run it interpreted (the Vector API there costs ~100x, measured +0.25 s on the
     * first evaluation batch).
     */
    public static void maxPairs(float[] src, int off, int h, int w, int oh, int ow, float[] dst, int[] at, int from,
                                int to) {
        maxPairs(src, off, h, w, oh, ow, dst, at, from, to, false);
    }

    /**
     * {@link #maxPairs}, with {@code relu} the ReLU of each maximum as well: one that is not positive becomes +0
     * and its index {@code i} becomes {@code ~i} (dev.nabla.ops.Pooling's convention for a window whose gradient
     * the ReLU stops); a NaN stays, with its index.
     */
    public static void maxPairs(float[] src, int off, int h, int w, int oh, int ow, float[] dst, int[] at, int from,
                                int to, boolean relu) {
        int plane = h * w, outPlane = oh * ow;
        // Corners t in [0, end) cover every wanted window; their reads stay inside the plane.
        int end = (2 * oh - 2) * w + 2 * ow - 1;
        float[] v = new float[end];
        int[] idx = new int[end], scratch = at == null ? new int[outPlane] : null;
        for (int p = from; p < to; p++) {
            plane(src, off + (p - from) * plane, w, oh, ow, end, v, idx, relu);
            int o = p * outPlane;
            int[] ia = at == null ? scratch : at;
            int io = at == null ? 0 : o;
            for (int i = 0; i < oh; i++) {
                for (int j = 0, r = 2 * i * w; j < ow; j++, o++, io++, r += 2) {
                    dst[o] = v[r];
                    ia[io] = idx[r];
                }
            }
        }
    }

    /** Lanes where {@code later} replaces {@code current} in PyTorch's scan: greater, or NaN. */
    private static VectorMask<Float> wins(FloatVector later, FloatVector current) {
        return later.compare(VectorOperators.GT, current).or(later.test(VectorOperators.IS_NAN));
    }

    /** Each corner t in [0, end) of the plane at {@code src[base..]}: its window's maximum and that maximum's index. */
    private static void plane(float[] src, int base, int w, int oh, int ow, int end, float[] v, int[] idx,
                              boolean relu) {
        IntVector iota = IntVector.zero(I).addIndex(1);
        IntVector zero = IntVector.zero(I), one = IntVector.broadcast(I, 1);
        IntVector wide = IntVector.broadcast(I, w), wide1 = IntVector.broadcast(I, w + 1);
        int t = 0;
        for (; t <= end - L; t += L) {
            FloatVector a = FloatVector.fromArray(F, src, base + t), b = FloatVector.fromArray(F, src, base + t + 1);
            FloatVector c = FloatVector.fromArray(F, src, base + t + w);
            FloatVector d = FloatVector.fromArray(F, src, base + t + w + 1);
            // PyTorch's scan: a later element wins when strictly greater or NaN. The value is the winning element
            // itself (not max(), which would turn a winning -0.0 into +0.0).
            VectorMask<Float> right = wins(b, a), rightB = wins(d, c);
            FloatVector top = a.blend(b, right), bottom = c.blend(d, rightB);
            VectorMask<Float> down = wins(bottom, top);
            FloatVector best = top.blend(bottom, down);
            IntVector topAt = zero.blend(one, right.cast(I)), bottomAt = wide.blend(wide1, rightB.cast(I));
            IntVector bestAt = iota.add(t).add(topAt.blend(bottomAt, down.cast(I)));
            if (relu) {
                // Not positive (NaN compares false): +0, and the index complemented.
                VectorMask<Float> stop = best.compare(VectorOperators.LE, 0f);
                best = best.blend(0f, stop);
                bestAt = bestAt.blend(bestAt.not(), stop.cast(I));
            }
            best.intoArray(v, t);
            bestAt.intoArray(idx, t);
        }
        for (; t < end; t++) {
            int s = base + t;
            float a = src[s], b = src[s + 1], c = src[s + w], d = src[s + w + 1];
            boolean right = b > a || b != b, rightB = d > c || d != d;
            float top = right ? b : a, bottom = rightB ? d : c;
            boolean down = bottom > top || bottom != bottom;
            float best = down ? bottom : top;
            int bestAt = t + (down ? (rightB ? w + 1 : w) : (right ? 1 : 0));
            boolean stop = relu && best <= 0;
            v[t] = stop ? 0f : best;
            idx[t] = stop ? ~bestAt : bestAt;
        }
    }
}
