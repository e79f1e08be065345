/**
 * Optimizers, PyTorch's {@code torch.optim}: {@link dev.nabla.optim.SGD}, {@link dev.nabla.optim.Adam},
 * {@link dev.nabla.optim.AdamW}, {@link dev.nabla.optim.RMSprop}, {@link dev.nabla.optim.Adagrad} on the common
 * base {@link dev.nabla.optim.Optimizer} (parameter groups, per-parameter state, state dicts in PyTorch's structure),
 * and gradient clipping in {@link dev.nabla.optim.ClipGrad}. Learning-rate schedulers live in
 * {@code dev.nabla.optim.lr}.
 *
 * <pre>{@code
 * SGD optimizer = new SGD(model.parameters(), 0.05).momentum(0.9);
 * for (Batch b : loader) {
 *     optimizer.zeroGrad();
 *     criterion.forward(model.forward(b.x()), b.y()).backward();
 *     optimizer.step();
 * }
 * }</pre>
 */
package dev.nabla.optim;
