package dev.nabla.nn.init;

/**
 * The error function and its inverse in double precision, for {@link Init#truncNormal_} (Java's Math has
 * neither).
 */
final class SpecialMath {
    private SpecialMath() {}

    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

    /**
     * {@code erf(x)} from the series {@code 2/sqrt(pi) exp(-x^2) sum 2^n x^(2n+1) / (1*3*...*(2n+1))}: every term
     * is positive, so nothing cancels and the sum keeps full precision; beyond |x| = 6 erf is ±1 in double.
     */
    static double erf(double x) {
        if (Double.isNaN(x)) return Double.NaN;
        if (Math.abs(x) > 6) return Math.signum(x);
        double x2 = x * x, term = x, sum = x;
        for (int n = 1; Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
            term *= 2 * x2 / (2 * n + 1);
            sum += term;
        }
        return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
    }

    /**
     * The x with {@code erf(x) = y}: ±infinity at ±1 and NaN outside [-1, 1], as PyTorch's {@code erfinv}.
     * Winitzki's closed-form approximation (about 2e-3 relative error) is refined by Newton's method on
     * {@link #erf}.
     */
    static double erfinv(double y) {
        if (!(Math.abs(y) <= 1)) return Double.NaN;
        if (Math.abs(y) == 1) return y * Double.POSITIVE_INFINITY;
        if (y == 0) return y;
        double a = 0.147, ln = Math.log((1 - y) * (1 + y)), first = 2 / (Math.PI * a) + ln / 2;
        double x = Math.signum(y) * Math.sqrt(Math.sqrt(first * first - ln / a) - first);
        for (int i = 0; i < 8; i++) {
            double slope = TWO_OVER_SQRT_PI * Math.exp(-x * x);
            if (slope == 0) break;
            double step = (erf(x) - y) / slope;
            x -= step;
            if (Math.abs(step) <= 1e-15 * Math.abs(x)) break;
        }
        return x;
    }

    /** The standard normal distribution's CDF. */
    static double normalCdf(double z) {
        return (1 + erf(z / Math.sqrt(2))) / 2;
    }
}
