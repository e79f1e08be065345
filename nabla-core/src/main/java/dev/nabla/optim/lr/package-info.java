/**
 * Learning-rate schedulers, PyTorch's {@code torch.optim.lr_scheduler}: epoch-driven ones on the base
 * {@link dev.nabla.optim.lr.LRScheduler} ({@code StepLR}, {@code MultiStepLR}, {@code ExponentialLR},
 * {@code CosineAnnealingLR}, {@code LinearLR}, {@code LambdaLR}, {@code OneCycleLR}, {@code SequentialLR}) and the
 * metric-driven {@link dev.nabla.optim.lr.ReduceLROnPlateau}. Each writes the rate into every parameter group's
 * {@code "lr"}, with PyTorch's formulas, so the sequences match PyTorch's.
 */
package dev.nabla.optim.lr;
