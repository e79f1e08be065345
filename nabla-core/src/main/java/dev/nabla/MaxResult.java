package dev.nabla;

/** The values and their positions along a dimension, from {@code max(dim)} / {@code min(dim)} (PyTorch's namedtuple). */
public record MaxResult(Tensor values, Tensor indices) {}
