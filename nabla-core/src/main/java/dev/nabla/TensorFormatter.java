package dev.nabla;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * PyTorch's tensor printing (torch/_tensor_str.py): one width for all elements, 4 decimals, integral floats as
 * {@code 1.}, scientific notation for wide ranges, elision past 1000 elements, rows wrapped at 80 characters and
 * suffixes ({@code dtype=}, {@code grad_fn=}) moved to a new line when they would pass it.
 */
final class TensorFormatter {
    private static final int THRESHOLD = 1000, EDGE_ITEMS = 3, LINE_WIDTH = 80, PRECISION = 4;
    private static final String PREFIX = "tensor(";

    private TensorFormatter() {}

    static String format(Tensor t) {
        int[] shape = t.shape();
        List<String> suffixes = new ArrayList<>();
        String body;
        if (t.numel() == 0) {
            body = "[]";
            if (shape.length != 1) {
                StringBuilder size = new StringBuilder("size=(");
                for (int i = 0; i < shape.length; i++) size.append(i > 0 ? ", " : "").append(shape[i]);
                suffixes.add(size.append(')').toString());
            }
            // No element shows whether an empty tensor is integral, so every non-default dtype is named.
            if (t.dtype() != DType.FLOAT32) suffixes.add("dtype=" + t.dtype().torchName());
        } else {
            if (t.dtype() == DType.FLOAT64) suffixes.add("dtype=" + t.dtype().torchName());
            boolean summarize = t.numel() > THRESHOLD;
            // int64 is read as long: a double would round values beyond 2^53.
            long[] longs = t.dtype() == DType.INT64 ? t.toLongArray() : null;
            double[] values = longs == null ? t.toDoubleArray() : null;
            Style style = Style.of(t.dtype(), values, longs, summarize ? shown(shape) : null);
            StringBuilder sb = new StringBuilder();
            appendDim(sb, shape, 0, 0, style, PREFIX.length(), summarize);
            body = sb.toString();
        }
        if (t.gradFn() != null) suffixes.add("grad_fn=<" + t.gradFn().name() + ">");
        else if (t.requiresGrad()) suffixes.add("requires_grad=True");
        return addSuffixes(PREFIX + body, suffixes);
    }

    /** Appends ", suffix" on the last line, or on a new line indented under the first bracket when too long. */
    private static String addSuffixes(String text, List<String> suffixes) {
        StringBuilder sb = new StringBuilder(text);
        // PyTorch's arithmetic, kept as is (it counts two more than the last line's length).
        int lastLine = text.length() - text.lastIndexOf('\n') + 1;
        for (String suffix : suffixes) {
            if (lastLine + suffix.length() + 2 > LINE_WIDTH) {
                sb.append(",\n").append(" ".repeat(PREFIX.length())).append(suffix);
                lastLine = PREFIX.length() + suffix.length();
            } else {
                sb.append(", ").append(suffix);
                lastLine += suffix.length() + 2;
            }
        }
        return sb.append(')').toString();
    }

    /**
     * How every element of one tensor is written: the elements (as doubles, or as longs for int64) and the mode
     * and width that the shown elements decide ({@code shown} lists their flat indices, null for all).
     */
    private record Style(DType dtype, boolean intMode, boolean sci, int width, double[] values, long[] longs) {
        static Style of(DType dtype, double[] values, long[] longs, int[] shown) {
            int n = shown != null ? shown.length : longs != null ? longs.length : values.length;
            if (!dtype.isFloatingPoint()) {
                Style plain = new Style(dtype, true, false, 1, values, longs);
                int w = 1;
                for (int k = 0; k < n; k++) w = Math.max(w, plain.text(shown == null ? k : shown[k]).length());
                return new Style(dtype, true, false, w, values, longs);
            }
            // Only finite non-zero values decide the mode and the width; 0, nan and inf are padded to it.
            boolean intMode = true, any = false;
            double maxAbs = 0, minAbs = Double.MAX_VALUE;
            for (int k = 0; k < n; k++) {
                double v = values[shown == null ? k : shown[k]];
                if (!Double.isFinite(v) || v == 0) continue;
                any = true;
                if (v != Math.ceil(v)) intMode = false;
                maxAbs = Math.max(maxAbs, Math.abs(v));
                minAbs = Math.min(minAbs, Math.abs(v));
            }
            if (!any) return new Style(dtype, true, false, 1, values, longs);
            boolean sci = maxAbs / minAbs > 1000 || maxAbs > 1e8 || (!intMode && minAbs < 1e-4);
            Style style = new Style(dtype, intMode, sci, 1, values, longs);
            int w = 1;
            for (int k = 0; k < n; k++) {
                int i = shown == null ? k : shown[k];
                if (Double.isFinite(values[i]) && values[i] != 0) w = Math.max(w, style.text(i).length());
            }
            return new Style(dtype, intMode, sci, w, values, longs);
        }

        /** The text of element {@code i} (flat, row-major). */
        String text(int i) {
            if (dtype == DType.INT64) return Long.toString(longs[i]);
            double v = values[i];
            if (dtype == DType.BOOL) return v != 0 ? "True" : "False";
            if (Double.isNaN(v)) return "nan";
            if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
            if (sci) return scientific(v);
            if (intMode) return fixed(v, 0) + ".";
            return fixed(v, PRECISION);
        }

        String padded(int i) {
            String s = text(i);
            return " ".repeat(Math.max(0, width - s.length())) + s;
        }
    }

    /**
     * Python's {@code '{:.Nf}'}: the exact binary value rounded half-even. Java's own %f rounds the shortest
     * decimal string half-up, which differs on ties such as 0.125.
     */
    static String fixed(double v, int decimals) {
        String digits = new BigDecimal(Math.abs(v)).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        return (negative(v) ? "-" : "") + digits;
    }

    /** Python's {@code '{:.4e}'}: mantissa with 4 decimals, exponent signed with at least two digits. */
    static String scientific(double v) {
        String sign = negative(v) ? "-" : "";
        if (v == 0) return sign + "0." + "0".repeat(PRECISION) + "e+00";
        BigDecimal r = new BigDecimal(Math.abs(v)).round(new MathContext(PRECISION + 1, RoundingMode.HALF_EVEN));
        int exponent = r.precision() - r.scale() - 1;
        String mantissa = r.movePointLeft(exponent).setScale(PRECISION, RoundingMode.UNNECESSARY).toPlainString();
        String exp = Integer.toString(Math.abs(exponent));
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (exp.length() < 2 ? "0" : "") + exp;
    }

    private static boolean negative(double v) {
        return Double.doubleToRawLongBits(v) < 0;
    }

    /** The flat indices of the elements a summarized print shows: the first and last EDGE_ITEMS along every dim. */
    private static int[] shown(int[] shape) {
        List<Integer> out = new ArrayList<>();
        collect(shape, 0, 0, out);
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void collect(int[] shape, int dim, int base, List<Integer> out) {
        if (shape.length == 0) {
            out.add(0);
            return;
        }
        int n = shape[dim], block = 1;
        for (int i = dim + 1; i < shape.length; i++) block *= shape[i];
        for (int i = 0; i < n; i++) {
            if (n > 2 * EDGE_ITEMS && i == EDGE_ITEMS) i = n - EDGE_ITEMS;
            if (dim == shape.length - 1) out.add(base + i);
            else collect(shape, dim + 1, base + i * block, out);
        }
    }

    private static void appendDim(StringBuilder sb, int[] shape, int dim, int base, Style style, int indent,
                                  boolean summarize) {
        if (shape.length == 0) {
            sb.append(style.padded(0));
            return;
        }
        int n = shape[dim];
        int block = 1;
        for (int i = dim + 1; i < shape.length; i++) block *= shape[i];
        boolean elide = summarize && n > 2 * EDGE_ITEMS;
        sb.append('[');
        if (dim == shape.length - 1) {
            // Elements per line as PyTorch computes them; the elision mark " ..." counts as one element.
            int perLine = Math.max(1, (LINE_WIDTH - indent) / (style.width + 2));
            List<String> items = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (elide && i == EDGE_ITEMS) {
                    items.add(" ...");
                    i = n - EDGE_ITEMS - 1;
                    continue;
                }
                items.add(style.padded(base + i));
            }
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) sb.append(i % perLine == 0 ? ",\n" + " ".repeat(indent + 1) : ", ");
                sb.append(items.get(i));
            }
        } else {
            String sep = "," + "\n".repeat(shape.length - dim - 1) + " ".repeat(indent + 1);
            for (int i = 0; i < n; i++) {
                if (elide && i == EDGE_ITEMS) {
                    sb.append("...").append(sep);
                    i = n - EDGE_ITEMS - 1;
                    continue;
                }
                appendDim(sb, shape, dim + 1, base + i * block, style, indent + 1, summarize);
                if (i < n - 1) sb.append(sep);
            }
        }
        sb.append(']');
    }
}
