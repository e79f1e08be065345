package dev.nabla.kernels;

/** The elementwise binary operations a kernel provides for float32. */
public enum BinaryOp {
    ADD, SUB, MUL, DIV, POW, MAXIMUM, MINIMUM,
    /** {@code b <= 0 ? 0 : a}: ReLU's backward, with b the forward output (a NaN passes the gradient, as in PyTorch). */
    RELU_BACKWARD,
    /** {@code a * b * (1 - b)}: sigmoid's backward, with b the forward output. */
    SIGMOID_BACKWARD,
    /** {@code a * (1 - b*b)}: tanh's backward, with b the forward output. */
    TANH_BACKWARD;

    /** The scalar definition every kernel must agree with. */
    public float apply(float a, float b) {
        return switch (this) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case POW -> (float) Math.pow(a, b);
            case MAXIMUM -> (a != a || b != b) ? Float.NaN : Math.max(a, b);
            case MINIMUM -> (a != a || b != b) ? Float.NaN : Math.min(a, b);
            case RELU_BACKWARD -> b <= 0 ? 0f : a;
            case SIGMOID_BACKWARD -> a * b * (1f - b);
            case TANH_BACKWARD -> a * (1f - b * b);
        };
    }
}
