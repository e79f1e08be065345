package dev.nabla.optim;

import java.math.BigDecimal;

/** Validation of optimizer options, with PyTorch's messages and its way of printing numbers. */
final class Options {
    private Options() {}

    /** A double as Python's {@code repr} prints it ({@code -1.0}, {@code 0.001}, {@code 1e-05}), so messages read as PyTorch's. */
    static String fmt(double v) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        double a = Math.abs(v);
        if (v == 0 || (a >= 1e-4 && a < 1e16)) {
            String plain = BigDecimal.valueOf(v).toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        // Python switches to exponent notation outside [1e-4, 1e16): mantissa without a trailing ".0", two-digit exponent.
        String s = Double.toString(v);
        int e = s.indexOf('E');
        String mantissa = s.substring(0, e);
        if (mantissa.endsWith(".0")) mantissa = mantissa.substring(0, mantissa.length() - 2);
        int exp = Integer.parseInt(s.substring(e + 1));
        return mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }

    static void nonNegative(String what, double v) {
        if (!(v >= 0)) throw new IllegalArgumentException("Invalid " + what + ": " + fmt(v));
    }

    /**
     * Checks that option {@code key} is {@code >= 0}, named as PyTorch's messages name it: {@code "learning rate"},
     * {@code "epsilon value"} for eps, {@code "<key> value"} for the others.
     */
    static void nonNegativeOption(String key, double v) {
        nonNegative(switch (key) {
            case "lr" -> "learning rate";
            case "eps" -> "epsilon value";
            default -> key + " value";
        }, v);
    }

    static void beta(int index, double v) {
        if (!(v >= 0 && v < 1)) throw new IllegalArgumentException("Invalid beta parameter at index " + index + ": " + fmt(v));
    }

    /** An option value as Python prints it: {@code True}, {@code 0.001}, {@code (0.9, 0.999)}. */
    static String pyRepr(Object v) {
        if (v instanceof Boolean b) return b ? "True" : "False";
        if (v instanceof Double d) return fmt(d);
        if (v instanceof java.util.List<?> list) {
            StringBuilder sb = new StringBuilder("(");
            for (int i = 0; i < list.size(); i++) sb.append(i > 0 ? ", " : "").append(pyRepr(list.get(i)));
            return sb.append(list.size() == 1 ? ",)" : ")").toString();
        }
        return String.valueOf(v);
    }
}
