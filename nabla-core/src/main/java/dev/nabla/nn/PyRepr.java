package dev.nabla.nn;

/** Internal: Python's spelling of values in module printing and error messages, so that they read as PyTorch's. */
public final class PyRepr {
    private PyRepr() {}

    /** Python's {@code repr(float)}: shortest round-trip digits, {@code 1e-05}, {@code 0.1}, {@code 1.0}. */
    public static String pyFloat(double v) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == 0) return (1 / v < 0) ? "-0.0" : "0.0";
        // Java's Double.toString gives the shortest digits that round-trip (JDK 19+), as Python's repr does;
        // only the layout differs: Python switches to exponent form below 1e-4 and from 1e16 on.
        java.math.BigDecimal d = new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros();
        int exponent = d.precision() - d.scale() - 1;
        if (exponent < -4 || exponent >= 16) {
            String digits = d.unscaledValue().abs().toString();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String exp = String.format("%s%02d", exponent < 0 ? "-" : "+", Math.abs(exponent));
            return (v < 0 ? "-" : "") + mantissa + "e" + exp;
        }
        String plain = d.toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }

    /** Python's {@code bool}. */
    public static String pyBool(boolean b) {
        return b ? "True" : "False";
    }

    /** A Python tuple of ints: {@code (10,)}, {@code (2, 5)}. */
    public static String pyTuple(int[] values) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < values.length; i++) sb.append(i > 0 ? ", " : "").append(values[i]);
        if (values.length == 1) sb.append(',');
        return sb.append(')').toString();
    }
}
