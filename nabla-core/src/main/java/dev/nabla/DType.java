package dev.nabla;

/** The element types of a tensor, with PyTorch's names and promotion order. */
public enum DType {
    BOOL("torch.bool", 1),
    INT64("torch.int64", 8),
    FLOAT32("torch.float32", 4),
    FLOAT64("torch.float64", 8);

    private final String torchName;
    private final int itemSize;

    DType(String torchName, int itemSize) {
        this.torchName = torchName;
        this.itemSize = itemSize;
    }

    /** PyTorch's spelling, e.g. {@code torch.float32}. */
    public String torchName() {
        return torchName;
    }

    /** Bytes per element in PyTorch's and safetensors' layout. */
    public int itemSize() {
        return itemSize;
    }

    public boolean isFloatingPoint() {
        return this == FLOAT32 || this == FLOAT64;
    }

    /** 0 for bool, 1 for integers, 2 for floating point: PyTorch promotes across categories first. */
    int category() {
        return switch (this) {
            case BOOL -> 0;
            case INT64 -> 1;
            case FLOAT32, FLOAT64 -> 2;
        };
    }

    /** The larger of two dtypes in PyTorch's promotion lattice for these four types. */
    public static DType promote(DType a, DType b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    /**
     * PyTorch's result type for a binary op: zero-dimensional tensors do not widen the result within a category
     * ({@code float32 tensor + float64 0-dim tensor -> float32}); one of a higher category decides the result
     * ({@code int64 tensor + float64 0-dim tensor -> float64}). Java scalars reach here as 0-dim tensors made by
     * {@link Nabla#scalarLike}, which already picks PyTorch's type for a Python number.
     */
    public static DType resultType(Tensor a, Tensor b) {
        boolean aScalar = a.dim() == 0, bScalar = b.dim() == 0;
        if (aScalar == bScalar) return promote(a.dtype(), b.dtype());
        Tensor dimmed = aScalar ? b : a, scalar = aScalar ? a : b;
        return scalar.dtype().category() > dimmed.dtype().category() ? scalar.dtype() : dimmed.dtype();
    }
}
