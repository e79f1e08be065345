package dev.nabla;

import java.util.Locale;

/** PyTorch's tensor printing (torch/_tensor_str.py): one width for all elements, 4 decimals, elision past 1000. */
final class TensorFormatter {
    private static final int THRESHOLD = 1000, EDGE_ITEMS = 3, LINE_WIDTH = 80;

    private TensorFormatter() {}

    static String format(Tensor t) {
        StringBuilder sb = new StringBuilder("tensor(");
        boolean summarize = t.numel() > THRESHOLD;
        int[] shape = t.shape();
        if (t.numel() == 0) {
            sb.append("[]");
        } else {
            double[] values = t.toDoubleArray();
            Style style = Style.of(t.dtype(), summarize ? shown(values, shape) : values, null);
            appendDim(sb, values, shape, 0, 0, style, "tensor(".length(), summarize);
        }
        if (t.numel() == 0 && shape.length != 1) {
            sb.append(", size=(");
            for (int i = 0; i < shape.length; i++) sb.append(i > 0 ? ", " : "").append(shape[i]);
            sb.append(shape.length == 1 ? ",)" : ")");
        }
        if (t.dtype() == DType.FLOAT64) sb.append(", dtype=torch.float64");
        if (t.gradFn() != null) sb.append(", grad_fn=<").append(t.gradFn().name()).append('>');
        else if (t.requiresGrad()) sb.append(", requires_grad=True");
        return sb.append(')').toString();
    }

    /** How every element of one tensor is written. */
    private record Style(DType dtype, boolean intMode, boolean sci, int width) {
        static Style of(DType dtype, double[] values, int[] summarizedShape) {
            if (dtype == DType.BOOL) return new Style(dtype, false, false, 5);
            if (dtype == DType.INT64) {
                int w = 1;
                for (double v : values) w = Math.max(w, Long.toString((long) v).length());
                return new Style(dtype, true, false, w);
            }
            boolean allInt = true;
            double maxAbs = 0, minAbs = Double.MAX_VALUE;
            boolean anyFinite = false;
            for (double v : values) {
                if (!Double.isFinite(v)) continue;
                if (v != Math.rint(v)) allInt = false;
                if (v != 0) {
                    anyFinite = true;
                    maxAbs = Math.max(maxAbs, Math.abs(v));
                    minAbs = Math.min(minAbs, Math.abs(v));
                }
            }
            boolean sci = anyFinite && (maxAbs / minAbs > 1000 || maxAbs > 1e8 || (!allInt && minAbs < 1e-4));
            if (allInt && anyFinite && maxAbs > 1e8) sci = true;
            Style probe = new Style(dtype, allInt && !sci, sci, 0);
            int w = 1;
            for (double v : values) w = Math.max(w, probe.text(v).length());
            return new Style(dtype, allInt && !sci, sci, w);
        }

        String text(double v) {
            if (dtype == DType.BOOL) return v != 0 ? "True" : "False";
            if (dtype == DType.INT64) return Long.toString((long) v);
            if (Double.isNaN(v)) return "nan";
            if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
            if (intMode) return String.format(Locale.ROOT, "%.0f.", v);
            if (sci) return String.format(Locale.ROOT, "%.4e", v);
            return String.format(Locale.ROOT, "%.4f", v);
        }

        String padded(double v) {
            String s = text(v);
            return " ".repeat(Math.max(0, width - s.length())) + s;
        }
    }

    /** The values a summarized print shows: the first and last EDGE_ITEMS along every dim. */
    private static double[] shown(double[] values, int[] shape) {
        java.util.List<Double> out = new java.util.ArrayList<>();
        collect(values, shape, 0, 0, out);
        double[] r = new double[out.size()];
        for (int i = 0; i < r.length; i++) r[i] = out.get(i);
        return r;
    }

    private static void collect(double[] values, int[] shape, int dim, int base, java.util.List<Double> out) {
        if (shape.length == 0) {
            out.add(values[0]);
            return;
        }
        int n = shape[dim], block = 1;
        for (int i = dim + 1; i < shape.length; i++) block *= shape[i];
        for (int i = 0; i < n; i++) {
            if (n > 2 * EDGE_ITEMS && i == EDGE_ITEMS) i = n - EDGE_ITEMS;
            if (dim == shape.length - 1) out.add(values[base + i]);
            else collect(values, shape, dim + 1, base + i * block, out);
        }
    }

    private static void appendDim(StringBuilder sb, double[] values, int[] shape, int dim, int base, Style style,
                                  int indent, boolean summarize) {
        if (shape.length == 0) {
            sb.append(style.text(values[0]));
            return;
        }
        int n = shape[dim];
        int block = 1;
        for (int i = dim + 1; i < shape.length; i++) block *= shape[i];
        boolean elide = summarize && n > 2 * EDGE_ITEMS;
        sb.append('[');
        if (dim == shape.length - 1) {
            // Elements per line as PyTorch computes them; "..." counts as one element.
            int perLine = Math.max(1, (LINE_WIDTH - indent) / (style.width + 2));
            java.util.List<String> items = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (elide && i == EDGE_ITEMS) {
                    items.add("...");
                    i = n - EDGE_ITEMS - 1;
                    continue;
                }
                items.add(style.padded(values[base + i]));
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
                appendDim(sb, values, shape, dim + 1, base + i * block, style, indent + 1, summarize);
                if (i < n - 1) sb.append(sep);
            }
        }
        sb.append(']');
    }
}
