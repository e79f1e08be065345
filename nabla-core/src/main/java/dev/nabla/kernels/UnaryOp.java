package dev.nabla.kernels;

/** The elementwise unary operations a kernel provides for float32. */
public enum UnaryOp {
    NEG, EXP, LOG, SQRT, ABS, SIGMOID, TANH, RELU, SIN, COS, RECIPROCAL, SQUARE;

    /** The scalar definition every kernel must agree with. */
    public float apply(float x) {
        return switch (this) {
            case NEG -> -x;
            case EXP -> (float) Math.exp(x);
            case LOG -> (float) Math.log(x);
            case SQRT -> (float) Math.sqrt(x);
            case ABS -> Math.abs(x);
            case SIGMOID -> (float) (1.0 / (1.0 + Math.exp(-x)));
            case TANH -> (float) Math.tanh(x);
            case RELU -> x > 0 ? x : (x != x ? x : 0f);
            case SIN -> (float) Math.sin(x);
            case COS -> (float) Math.cos(x);
            case RECIPROCAL -> 1f / x;
            case SQUARE -> x * x;
        };
    }
}
