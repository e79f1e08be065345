package dev.nabla.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One result as a line of JSON, spelled as Python's {@code json.dumps} spells it (", " and ": " separators, keys
 * in insertion order), so that both sides' lines read alike.
 */
final class JsonLine {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    JsonLine put(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    /** {@code value} rounded to {@code digits} decimals, as Python's round(). */
    static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            if (!first) sb.append(", ");
            first = false;
            sb.append('"').append(e.getKey()).append("\": ");
            Object v = e.getValue();
            if (v instanceof String s) sb.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            else if (v instanceof Double d && (d.isNaN() || d.isInfinite())) sb.append(d.isNaN() ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
            else sb.append(v);
        }
        return sb.append('}').toString();
    }

    /** Prints the line and flushes, so a pipe sees each result as it comes. */
    void print() {
        System.out.println(this);
        System.out.flush();
    }
}
