package dev.nabla.ops;

import dev.nabla.DType;
import dev.nabla.Storage;
import dev.nabla.Tensor;
import dev.nabla.kernels.BinaryOp;
import dev.nabla.kernels.KernelProvider;

import java.util.Arrays;

/**
 * The array loops of convolution and pooling for one element type: im2col (the windows of an image unrolled into
 * the columns of a matrix, so that a convolution becomes one GEMM), its adjoint col2im, and the GEMM itself.
 * Convolution's driver is written once against this class; {@link #F32} works on {@code float[]}, {@link #F64}
 * on {@code double[]} (gradient checks and float64 models).
 */
abstract class ConvArith {

    /**
     * One grouped convolution seen from its image side: {@code c} channels of {@code h x w}, a {@code kh x kw}
     * kernel with stride, dilation and top/left padding, producing {@code oh x ow} positions. The column matrix
     * has {@code c*kh*kw} rows and {@code oh*ow} columns.
     */
    record Geom(int c, int h, int w, int kh, int kw, int sh, int sw, int pt, int pl, int dh, int dw, int oh, int ow) {
        int rows() { return c * kh * kw; }
        int cols() { return oh * ow; }
        int plane() { return h * w; }
    }

    /** A tensor's elements as one contiguous run of a primitive array. */
    record Data(Object array, int off) {}

    static final ConvArith F32 = new F32();
    static final ConvArith F64 = new F64();

    static ConvArith of(DType dt) {
        return dt == DType.FLOAT64 ? F64 : F32;
    }

    /** The elements of {@code t} (converted to {@code dt} when needed), in place when already contiguous. */
    static Data data(Tensor t, DType dt) {
        if (t.dtype() == dt && t.isContiguous()) return new Data(Strided.array(t.storage()), t.storageOffset());
        return new Data(Strided.array(Strided.copyToContiguous(t, dt)), 0);
    }

    /**
     * These ops' backward passes compute on arrays, not through recorded tensor ops, so their gradients cannot be
     * differentiated again: refuse clearly when backward runs with createGraph (grad mode on) instead of
     * returning gradients that silently lack a graph.
     */
    static void refuseDoubleBackward(String op) {
        if (dev.nabla.autograd.GradMode.isEnabled()) {
            throw new UnsupportedOperationException("double backward (createGraph=true) through " + op
                    + " is not supported");
        }
    }

    abstract DType dtype();

    abstract Object alloc(int n);

    abstract Storage wrap(Object array);

    /**
     * Writes the column matrix of the image at {@code src[off..]} into {@code col}: row {@code r} at
     * {@code col[colOff + r*ld ..]}, {@code g.cols()} entries long. Entries that fall in the padding are not
     * written: {@code col} must hold zeros there, which a buffer allocated for this geometry and only ever filled
     * by this method, with the same {@code colOff} and {@code ld}, does.
     */
    abstract void im2col(Object src, int off, Geom g, Object col, int colOff, int ld);

    /**
     * Adds each column entry (laid out as {@link #im2col} writes them) back to the image pixel it was read from:
     * the adjoint of {@link #im2col}. Entries that fall in the padding are dropped (and may be overwritten with
     * zeros: {@code col} is scratch).
     */
    abstract void col2im(Object col, int colOff, int ld, Geom g, Object dst, int off);

    /** Copies {@code rows} contiguous rows of {@code len} at {@code src[off..]} to rows {@code ld} apart at {@code dst[dstOff..]}. */
    final void gatherRows(Object src, int off, int rows, int len, Object dst, int dstOff, int ld) {
        for (int r = 0; r < rows; r++) System.arraycopy(src, off + r * len, dst, dstOff + r * ld, len);
    }

    /** {@link #gatherRows}'s inverse: rows of {@code len} that are {@code ld} apart at {@code src[off..]} become contiguous at {@code dst[dstOff..]}. */
    final void scatterRows(Object src, int off, int ld, int rows, int len, Object dst, int dstOff) {
        for (int r = 0; r < rows; r++) System.arraycopy(src, off + r * ld, dst, dstOff + r * len, len);
    }

    /** A {@code rows x (cols+1)} copy of the {@code rows x cols} matrix at {@code a[off..]}, {@code extra[extraOff + r]} ending row {@code r}. */
    final Object appendColumn(Object a, int off, int rows, int cols, Object extra, int extraOff) {
        Object out = alloc(rows * (cols + 1));
        for (int r = 0; r < rows; r++) {
            System.arraycopy(a, off + r * cols, out, r * (cols + 1), cols);
            System.arraycopy(extra, extraOff + r, out, r * (cols + 1) + cols, 1);
        }
        return out;
    }

    /** Sets {@code n} entries from {@code a[off]} to one. */
    final void fillOnes(Object a, int off, int n) {
        if (a instanceof float[] f) Arrays.fill(f, off, off + n, 1f);
        else Arrays.fill((double[]) a, off, off + n, 1.0);
    }

    /** BLAS's gemm on this element type (see {@link dev.nabla.kernels.Kernels#sgemm}). */
    abstract void gemm(boolean ta, boolean tb, int m, int n, int k, Object a, int aOff, int lda, Object b, int bOff,
                       int ldb, Object c, int cOff, int ldc, boolean accumulate);

    /** Sets each of {@code rows} rows of length {@code len} at {@code dst[off..]} to its bias value. */
    abstract void fillRows(Object dst, int off, int rows, int len, Object bias, int biasOff);

    /** Adds each of {@code rows} rows of length {@code len} at {@code src[off..]} into {@code sums[r]}. */
    abstract void sumRows(Object src, int off, int rows, int len, double[] sums);

    /** {@code dst[i] += src[i]}. */
    abstract void addInto(Object dst, Object src, int n);

    abstract Object fromDoubles(double[] values);

    /** {@code blocks} row-major {@code rows x cols} matrices, each transposed into a {@code cols x rows} one. */
    Object transposeBlocks(Object src, int blocks, int rows, int cols) {
        Object dst = alloc(blocks * rows * cols);
        for (int b = 0, base = 0; b < blocks; b++, base += rows * cols) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    if (src instanceof float[] f) ((float[]) dst)[base + c * rows + r] = f[base + r * cols + c];
                    else ((double[]) dst)[base + c * rows + r] = ((double[]) src)[base + r * cols + c];
                }
            }
        }
        return dst;
    }

    // ----------------------------------------------------------------------------------------------------------

    /** First output column whose input column {@code o*stride + shift} is inside [0, size). */
    static int firstValid(int shift, int stride) {
        return shift >= 0 ? 0 : (-shift + stride - 1) / stride;
    }

    /** One past the last output column whose input column {@code o*stride + shift} is inside [0, size). */
    static int endValid(int shift, int stride, int size, int outSize) {
        int last = size - 1 - shift;
        return last < 0 ? 0 : Math.min(outSize, last / stride + 1);
    }

    private static final class F32 extends ConvArith {
        @Override DType dtype() { return DType.FLOAT32; }
        @Override Object alloc(int n) { return new float[n]; }
        @Override Storage wrap(Object array) { return Storage.of((float[]) array); }

        @Override
        void im2col(Object srcArr, int off, Geom g, Object colArr, int colOff, int ld) {
            float[] src = (float[]) srcArr, col = (float[]) colArr;
            int ow = g.ow, row = 0;
            // Unit strides with an output as wide as the input ("same" padding): consecutive output rows read
            // consecutive input rows, so a kernel offset's whole block of rows is one contiguous copy.
            boolean rowsAlign = g.sw == 1 && g.sh == 1 && ow == g.w;
            for (int c = 0; c < g.c; c++) {
                int plane = off + c * g.plane();
                for (int ki = 0; ki < g.kh; ki++) {
                    int hShift = ki * g.dh - g.pt;
                    for (int kj = 0; kj < g.kw; kj++, row++) {
                        int wShift = kj * g.dw - g.pl;
                        int lo = Math.min(firstValid(wShift, g.sw), ow);
                        int hi = Math.max(endValid(wShift, g.sw, g.w, ow), lo);
                        int base = colOff + row * ld;
                        if (rowsAlign) {
                            copyRowBlock(src, plane, col, base, g, hShift, wShift, lo, hi);
                            continue;
                        }
                        // Only the positions inside the image are written: the padding entries are the same for
                        // every sample and stay zero from the buffer's allocation (see the contract above).
                        for (int oh = 0; oh < g.oh; oh++) {
                            int ih = oh * g.sh + hShift;
                            if (ih < 0 || ih >= g.h) continue;
                            int d = base + oh * ow + lo;
                            int s = plane + ih * g.w + lo * g.sw + wShift;
                            int n = hi - lo;
                            if (g.sw == 1) {
                                // Rows of a small feature map are short: a plain loop beats arraycopy's call.
                                for (int j = 0; j < n; j++) col[d + j] = src[s + j];
                            } else {
                                for (int j = 0; j < n; j++, s += g.sw) col[d + j] = src[s];
                            }
                        }
                    }
                }
            }
        }

        /**
         * One kernel offset's column row when input and output rows align: a single copy over all output rows whose
         * input row is inside the image, then the entries that copy carried across row ends (which belong to the
         * padding) are zeroed again.
         */
        private static void copyRowBlock(float[] src, int plane, float[] col, int base, Geom g, int hShift, int wShift,
                                         int lo, int hi) {
            int w = g.w;
            int first = Math.max(0, -hShift), end = Math.min(g.oh, g.h - hShift);
            if (first >= end || lo >= hi) return;
            int d = base + first * w + lo, s = plane + (first + hShift) * w + lo + wShift;
            int n = (end - first) * w - lo - (w - hi);
            System.arraycopy(src, s, col, d, n);
            for (int oh = first; oh < end; oh++) {
                int rowStart = base + oh * w;
                if (oh > first) for (int j = 0; j < lo; j++) col[rowStart + j] = 0f;
                if (oh < end - 1) for (int j = hi; j < w; j++) col[rowStart + j] = 0f;
            }
        }

        /**
         * {@link #copyRowBlock}'s adjoint: one contiguous add over all output rows whose input row is inside the
         * image. The column entries that the span carries across row ends belong to the padding; they are zeroed
         * first (the column buffer is scratch) so that they add nothing.
         */
        private static void addRowBlock(float[] col, int base, float[] dst, int plane, Geom g, int hShift, int wShift,
                                        int lo, int hi) {
            int w = g.w;
            int first = Math.max(0, -hShift), end = Math.min(g.oh, g.h - hShift);
            if (first >= end || lo >= hi) return;
            for (int oh = first; oh < end; oh++) {
                int rowStart = base + oh * w;
                if (oh > first) for (int j = 0; j < lo; j++) col[rowStart + j] = 0f;
                if (oh < end - 1) for (int j = hi; j < w; j++) col[rowStart + j] = 0f;
            }
            int d = base + first * w + lo, s = plane + (first + hShift) * w + lo + wShift;
            int n = (end - first) * w - lo - (w - hi);
            addSpan(col, d, dst, s, n);
        }

        /**
         * {@code dst[s + j] += col[d + j]} for j in [0, n), by the vector kernels: C2 does not vectorise this loop
         * itself (the two float[] may be the same array), and col2im is most of its time (3x faster measured).
         */
        private static void addSpan(float[] col, int d, float[] dst, int s, int n) {
            KernelProvider.get().binary(BinaryOp.ADD, dst, s, col, d, dst, s, n);
        }

        @Override
        void col2im(Object colArr, int colOff, int ld, Geom g, Object dstArr, int off) {
            float[] col = (float[]) colArr, dst = (float[]) dstArr;
            int ow = g.ow, row = 0;
            boolean rowsAlign = g.sw == 1 && g.sh == 1 && ow == g.w;
            for (int c = 0; c < g.c; c++) {
                int plane = off + c * g.plane();
                for (int ki = 0; ki < g.kh; ki++) {
                    int hShift = ki * g.dh - g.pt;
                    for (int kj = 0; kj < g.kw; kj++, row++) {
                        int wShift = kj * g.dw - g.pl;
                        int lo = Math.min(firstValid(wShift, g.sw), ow);
                        int hi = Math.max(endValid(wShift, g.sw, g.w, ow), lo);
                        int base = colOff + row * ld;
                        if (rowsAlign) {
                            addRowBlock(col, base, dst, plane, g, hShift, wShift, lo, hi);
                            continue;
                        }
                        for (int oh = 0; oh < g.oh; oh++) {
                            int ih = oh * g.sh + hShift;
                            if (ih < 0 || ih >= g.h) continue;
                            int d = base + oh * ow;
                            int s = plane + ih * g.w + lo * g.sw + wShift;
                            if (g.sw == 1) {
                                addSpan(col, d + lo, dst, s, hi - lo);
                            } else {
                                for (int j = lo; j < hi; j++, s += g.sw) dst[s] += col[d + j];
                            }
                        }
                    }
                }
            }
        }

        @Override
        void gemm(boolean ta, boolean tb, int m, int n, int k, Object a, int aOff, int lda, Object b, int bOff, int ldb,
                  Object c, int cOff, int ldc, boolean accumulate) {
            if (m == 0 || n == 0) return;
            KernelProvider.get().sgemm(ta, tb, m, n, k, (float[]) a, aOff, lda, (float[]) b, bOff, ldb,
                    (float[]) c, cOff, ldc, accumulate);
        }

        @Override
        void fillRows(Object dstArr, int off, int rows, int len, Object biasArr, int biasOff) {
            float[] dst = (float[]) dstArr, bias = (float[]) biasArr;
            for (int r = 0; r < rows; r++) Arrays.fill(dst, off + r * len, off + (r + 1) * len, bias[biasOff + r]);
        }

        @Override
        void sumRows(Object srcArr, int off, int rows, int len, double[] sums) {
            float[] src = (float[]) srcArr;
            for (int r = 0; r < rows; r++) sums[r] += KernelProvider.get().sum(src, off + r * len, len);
        }

        @Override
        void addInto(Object dstArr, Object srcArr, int n) {
            KernelProvider.get().binary(BinaryOp.ADD, (float[]) dstArr, 0, (float[]) srcArr, 0, (float[]) dstArr, 0, n);
        }

        @Override
        Object fromDoubles(double[] values) {
            float[] out = new float[values.length];
            for (int i = 0; i < out.length; i++) out[i] = (float) values[i];
            return out;
        }
    }

    private static final class F64 extends ConvArith {
        @Override DType dtype() { return DType.FLOAT64; }
        @Override Object alloc(int n) { return new double[n]; }
        @Override Storage wrap(Object array) { return Storage.of((double[]) array); }

        @Override
        void im2col(Object srcArr, int off, Geom g, Object colArr, int colOff, int ld) {
            double[] src = (double[]) srcArr, col = (double[]) colArr;
            int ow = g.ow, row = 0;
            for (int c = 0; c < g.c; c++) {
                int plane = off + c * g.plane();
                for (int ki = 0; ki < g.kh; ki++) {
                    int hShift = ki * g.dh - g.pt;
                    for (int kj = 0; kj < g.kw; kj++, row++) {
                        int wShift = kj * g.dw - g.pl;
                        int lo = Math.min(firstValid(wShift, g.sw), ow);
                        int hi = Math.max(endValid(wShift, g.sw, g.w, ow), lo);
                        int base = colOff + row * ld;
                        for (int oh = 0; oh < g.oh; oh++) {
                            int ih = oh * g.sh + hShift;
                            if (ih < 0 || ih >= g.h) continue;
                            int s = plane + ih * g.w + lo * g.sw + wShift;
                            for (int j = base + oh * ow + lo, e = base + oh * ow + hi; j < e; j++, s += g.sw) col[j] = src[s];
                        }
                    }
                }
            }
        }

        @Override
        void col2im(Object colArr, int colOff, int ld, Geom g, Object dstArr, int off) {
            double[] col = (double[]) colArr, dst = (double[]) dstArr;
            int ow = g.ow, row = 0;
            for (int c = 0; c < g.c; c++) {
                int plane = off + c * g.plane();
                for (int ki = 0; ki < g.kh; ki++) {
                    int hShift = ki * g.dh - g.pt;
                    for (int kj = 0; kj < g.kw; kj++, row++) {
                        int wShift = kj * g.dw - g.pl;
                        int lo = Math.min(firstValid(wShift, g.sw), ow);
                        int hi = Math.max(endValid(wShift, g.sw, g.w, ow), lo);
                        int base = colOff + row * ld;
                        for (int oh = 0; oh < g.oh; oh++) {
                            int ih = oh * g.sh + hShift;
                            if (ih < 0 || ih >= g.h) continue;
                            int d = base + oh * ow;
                            int s = plane + ih * g.w + lo * g.sw + wShift;
                            for (int j = lo; j < hi; j++, s += g.sw) dst[s] += col[d + j];
                        }
                    }
                }
            }
        }

        @Override
        void gemm(boolean ta, boolean tb, int m, int n, int k, Object a, int aOff, int lda, Object b, int bOff, int ldb,
                  Object c, int cOff, int ldc, boolean accumulate) {
            if (m == 0 || n == 0) return;
            KernelProvider.get().dgemm(ta, tb, m, n, k, (double[]) a, aOff, lda, (double[]) b, bOff, ldb,
                    (double[]) c, cOff, ldc, accumulate);
        }

        @Override
        void fillRows(Object dstArr, int off, int rows, int len, Object biasArr, int biasOff) {
            double[] dst = (double[]) dstArr, bias = (double[]) biasArr;
            for (int r = 0; r < rows; r++) Arrays.fill(dst, off + r * len, off + (r + 1) * len, bias[biasOff + r]);
        }

        @Override
        void sumRows(Object srcArr, int off, int rows, int len, double[] sums) {
            double[] src = (double[]) srcArr;
            for (int r = 0; r < rows; r++) {
                double s = 0;
                for (int i = off + r * len, e = i + len; i < e; i++) s += src[i];
                sums[r] += s;
            }
        }

        @Override
        void addInto(Object dstArr, Object srcArr, int n) {
            double[] dst = (double[]) dstArr, src = (double[]) srcArr;
            for (int i = 0; i < n; i++) dst[i] += src[i];
        }

        @Override
        Object fromDoubles(double[] values) {
            return values.clone();
        }
    }
}
