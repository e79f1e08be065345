package dev.nabla.nn.functional;

import dev.nabla.DType;

/** PyTorch's spelling of shapes, types and numbers in error messages, so that ours read as PyTorch's. */
final class Messages {
    private Messages() {}

    /** {@code torch.Size([3, 1])}. */
    static String torchSize(int[] shape) {
        return "torch.Size([" + joinInts(shape) + "])";
    }

    static String joinInts(int[] values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) sb.append(i > 0 ? ", " : "").append(values[i]);
        return sb.toString();
    }

    static String tensorTypeName(DType dt) {
        return switch (dt) {
            case FLOAT32 -> "torch.FloatTensor";
            case FLOAT64 -> "torch.DoubleTensor";
            case INT64 -> "torch.LongTensor";
            case BOOL -> "torch.BoolTensor";
        };
    }

    static String scalarTypeName(DType dt) {
        return switch (dt) {
            case FLOAT32 -> "Float";
            case FLOAT64 -> "Double";
            case INT64 -> "Long";
            case BOOL -> "Bool";
        };
    }

    /** A double as C++'s stream prints it (what ATen's messages show): 1.5, 2, 0.1. */
    static String cDouble(double v) {
        return v == Math.rint(v) && !Double.isInfinite(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
