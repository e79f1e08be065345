package dev.nabla;

import dev.nabla.autograd.AccumulateGrad;
import dev.nabla.autograd.Engine;
import dev.nabla.autograd.GradMode;
import dev.nabla.autograd.Node;
import dev.nabla.ops.Elementwise;
import dev.nabla.ops.Index;
import dev.nabla.ops.Linalg;
import dev.nabla.ops.Reduce;
import dev.nabla.ops.Softmax;
import dev.nabla.ops.Strided;
import dev.nabla.ops.Views;
import dev.nabla.kernels.BinaryOp;
import dev.nabla.kernels.UnaryOp;

import java.util.List;

/**
 * An n-dimensional array with autograd, PyTorch's {@code torch.Tensor}. A tensor is a view of a {@link Storage}
 * through a shape, strides and an offset, so {@code t()}, {@code transpose}, {@code permute}, {@code expand},
 * {@code narrow} and {@code view} share memory with their source.
 *
 * <p>This class is a facade: the math of each op and its derivative live in {@code dev.nabla.ops}.
 *
 * <p>In-place variants carry PyTorch's trailing underscore ({@code add_}, {@code mul_}, {@code zero_}) and
 * return {@code this}; every other method returns a new tensor (possibly a view) and never modifies its inputs.
 */
public final class Tensor {
    private final Storage storage;
    private final int[] shape;
    private final int[] strides;
    private final int offset;
    /** The tensor this one is a view of (null when it owns its storage's layout). */
    private final Tensor base;

    private boolean requiresGrad;
    private Tensor grad;
    private Node gradFn;
    private AccumulateGrad accumulator;
    private boolean retainsGrad;
    private String name;

    private Tensor(Storage storage, int[] shape, int[] strides, int offset, Tensor base) {
        this.storage = storage;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
        this.base = base;
    }

    // ----------------------------------------------------------------------------------------------------------
    // Construction (low level; users call the factories in Nabla)

    /** A contiguous tensor over {@code storage} (which must hold exactly the shape's number of elements or more). */
    public static Tensor of(Storage storage, int... shape) {
        return new Tensor(storage, shape.clone(), Strided.contiguousStrides(shape), 0, null);
    }

    /** A view of {@code source}'s storage with the given layout; shares the version counter. */
    public static Tensor viewOf(Tensor source, int[] shape, int[] strides, int offset) {
        Tensor root = source.base != null ? source.base : source;
        return new Tensor(source.storage, shape, strides, offset, root);
    }

    /** A new, zero-filled, contiguous tensor. */
    public static Tensor empty(DType dtype, int... shape) {
        return of(Storage.allocate(dtype, Strided.checkedNumel(shape)), shape);
    }

    // ----------------------------------------------------------------------------------------------------------
    // Layout

    public int[] shape() { return shape.clone(); }

    /** Size of dimension {@code dim}; negative dims count from the end. */
    public int size(int dim) { return shape[Strided.wrapDim(dim, shape.length)]; }

    public int dim() { return shape.length; }

    public long numel() { return Strided.numel(shape); }

    public DType dtype() { return storage.dtype(); }

    public int[] stride() { return strides.clone(); }

    public int stride(int dim) { return strides[Strided.wrapDim(dim, shape.length)]; }

    public int storageOffset() { return offset; }

    public Storage storage() { return storage; }

    /** Whether elements are laid out row-major without gaps, starting at the offset. */
    public boolean isContiguous() { return Strided.isContiguous(shape, strides); }

    /** Whether this tensor is a view of another one (shares its storage and version counter). */
    public boolean isView() { return base != null; }

    /** The tensor this one is a view of, or null. */
    public Tensor base() { return base; }

    // ----------------------------------------------------------------------------------------------------------
    // Values

    /** The single value of a one-element tensor, as a double. */
    public double item() {
        if (numel() != 1) {
            throw new IllegalArgumentException("a Tensor with " + numel() + " elements cannot be converted to Scalar");
        }
        return storage.getDouble(offset);
    }

    /** The elements in row-major order, converted to float. */
    public float[] toFloatArray() { return Strided.toFloatArray(this); }

    public double[] toDoubleArray() { return Strided.toDoubleArray(this); }

    public long[] toLongArray() { return Strided.toLongArray(this); }

    public boolean[] toBooleanArray() { return Strided.toBooleanArray(this); }

    /** Element at the given indices, as a double. */
    public double get(int... index) { return storage.getDouble(Strided.offsetOf(this, index)); }

    // ----------------------------------------------------------------------------------------------------------
    // Arithmetic (broadcasting, PyTorch's type promotion)

    public Tensor add(Tensor other) { return Elementwise.binary(BinaryOp.ADD, this, other); }
    public Tensor add(double other) { return Elementwise.binary(BinaryOp.ADD, this, Nabla.scalarLike(other, this)); }
    /** {@code this + alpha * other}, as {@code torch.add(input, other, alpha=alpha)}. */
    public Tensor add(Tensor other, double alpha) { return add(other.mul(alpha)); }
    public Tensor sub(Tensor other) { return Elementwise.binary(BinaryOp.SUB, this, other); }
    public Tensor sub(double other) { return Elementwise.binary(BinaryOp.SUB, this, Nabla.scalarLike(other, this)); }
    public Tensor sub(Tensor other, double alpha) { return sub(other.mul(alpha)); }
    /** {@code other - this}, PyTorch's {@code rsub}. */
    public Tensor rsub(double other) { return Elementwise.binary(BinaryOp.SUB, Nabla.scalarLike(other, this), this); }
    public Tensor mul(Tensor other) { return Elementwise.binary(BinaryOp.MUL, this, other); }
    public Tensor mul(double other) { return Elementwise.binary(BinaryOp.MUL, this, Nabla.scalarLike(other, this)); }
    /** True division: integer inputs give a floating result, as in PyTorch. */
    public Tensor div(Tensor other) { return Elementwise.binary(BinaryOp.DIV, this, other); }
    public Tensor div(double other) { return Elementwise.binary(BinaryOp.DIV, this, Nabla.scalarLike(other, this)); }
    public Tensor pow(double exponent) { return Elementwise.pow(this, exponent); }
    public Tensor pow(Tensor exponent) { return Elementwise.binary(BinaryOp.POW, this, exponent); }
    public Tensor maximum(Tensor other) { return Elementwise.binary(BinaryOp.MAXIMUM, this, other); }
    public Tensor minimum(Tensor other) { return Elementwise.binary(BinaryOp.MINIMUM, this, other); }

    public Tensor neg() { return Elementwise.unary(UnaryOp.NEG, this); }
    public Tensor exp() { return Elementwise.unary(UnaryOp.EXP, this); }
    public Tensor log() { return Elementwise.unary(UnaryOp.LOG, this); }
    public Tensor sqrt() { return Elementwise.unary(UnaryOp.SQRT, this); }
    public Tensor rsqrt() { return sqrt().reciprocal(); }
    public Tensor abs() { return Elementwise.unary(UnaryOp.ABS, this); }
    public Tensor sigmoid() { return Elementwise.unary(UnaryOp.SIGMOID, this); }
    public Tensor tanh() { return Elementwise.unary(UnaryOp.TANH, this); }
    public Tensor relu() { return Elementwise.unary(UnaryOp.RELU, this); }
    public Tensor sin() { return Elementwise.unary(UnaryOp.SIN, this); }
    public Tensor cos() { return Elementwise.unary(UnaryOp.COS, this); }
    public Tensor reciprocal() { return Elementwise.unary(UnaryOp.RECIPROCAL, this); }
    public Tensor square() { return Elementwise.unary(UnaryOp.SQUARE, this); }
    /** -1, 0 or 1 by the sign of each element; not differentiable (zero gradient), as in PyTorch. */
    public Tensor sign() { return Elementwise.sign(this); }

    /** Clamps into [min, max]; pass NaN to leave a side open. */
    public Tensor clamp(double min, double max) { return Elementwise.clamp(this, min, max); }
    public Tensor clampMin(double min) { return clamp(min, Double.NaN); }
    public Tensor clampMax(double max) { return clamp(Double.NaN, max); }

    /** Where {@code mask} is true, {@code value}; elsewhere this tensor's element. */
    public Tensor maskedFill(Tensor mask, double value) { return Elementwise.maskedFill(this, mask, value); }

    // ----------------------------------------------------------------------------------------------------------
    // Comparison (BOOL results)

    public Tensor eq(Tensor other) { return Elementwise.compare(Elementwise.Compare.EQ, this, other); }
    public Tensor eq(double other) { return eq(Nabla.scalarLike(other, this)); }
    public Tensor ne(Tensor other) { return Elementwise.compare(Elementwise.Compare.NE, this, other); }
    public Tensor ne(double other) { return ne(Nabla.scalarLike(other, this)); }
    public Tensor gt(Tensor other) { return Elementwise.compare(Elementwise.Compare.GT, this, other); }
    public Tensor gt(double other) { return gt(Nabla.scalarLike(other, this)); }
    public Tensor lt(Tensor other) { return Elementwise.compare(Elementwise.Compare.LT, this, other); }
    public Tensor lt(double other) { return lt(Nabla.scalarLike(other, this)); }
    public Tensor ge(Tensor other) { return Elementwise.compare(Elementwise.Compare.GE, this, other); }
    public Tensor ge(double other) { return ge(Nabla.scalarLike(other, this)); }
    public Tensor le(Tensor other) { return Elementwise.compare(Elementwise.Compare.LE, this, other); }
    public Tensor le(double other) { return le(Nabla.scalarLike(other, this)); }
    public Tensor logicalNot() { return eq(0); }
    public Tensor logicalAnd(Tensor other) { return toBool().mul(other.toBool()).toBool(); }
    public Tensor logicalOr(Tensor other) { return toBool().add(other.toBool()).toBool(); }

    /** Whether every element is within {@code atol + rtol * |other|} of {@code other}'s (PyTorch's defaults). */
    public boolean allclose(Tensor other) { return allclose(other, 1e-5, 1e-8); }

    public boolean allclose(Tensor other, double rtol, double atol) { return Elementwise.allclose(this, other, rtol, atol); }

    /** Same shape and the same elements. */
    public boolean equal(Tensor other) { return Elementwise.equal(this, other); }

    // ----------------------------------------------------------------------------------------------------------
    // Activations along a dimension

    public Tensor softmax(int dim) { return Softmax.softmax(this, dim); }
    public Tensor logSoftmax(int dim) { return Softmax.logSoftmax(this, dim); }

    // ----------------------------------------------------------------------------------------------------------
    // Linear algebra

    /** {@code torch.matmul}: dot, matrix-vector, matrix-matrix and broadcast batched products. */
    public Tensor matmul(Tensor other) { return Linalg.matmul(this, other); }
    /** Matrix product of two 2-D tensors. */
    public Tensor mm(Tensor other) { return Linalg.mm(this, other); }
    /** Batched matrix product of two 3-D tensors. */
    public Tensor bmm(Tensor other) { return Linalg.bmm(this, other); }

    // ----------------------------------------------------------------------------------------------------------
    // Views and shape

    /** Transpose of a tensor of at most 2 dimensions. */
    public Tensor t() { return Views.t(this); }
    public Tensor transpose(int dim0, int dim1) { return Views.transpose(this, dim0, dim1); }
    public Tensor permute(int... dims) { return Views.permute(this, dims); }
    /** A view with a new shape (one size may be -1); fails when the strides make that impossible. */
    public Tensor view(int... shape) { return Views.view(this, shape); }
    /** Like {@link #view} when possible, otherwise a copy. */
    public Tensor reshape(int... shape) { return Views.reshape(this, shape); }
    public Tensor flatten() { return flatten(0, -1); }
    public Tensor flatten(int startDim) { return flatten(startDim, -1); }
    public Tensor flatten(int startDim, int endDim) { return Views.flatten(this, startDim, endDim); }
    public Tensor unflatten(int dim, int... sizes) { return Views.unflatten(this, dim, sizes); }
    public Tensor squeeze() { return Views.squeeze(this); }
    public Tensor squeeze(int dim) { return Views.squeeze(this, dim); }
    public Tensor unsqueeze(int dim) { return Views.unsqueeze(this, dim); }
    /** A view with size-1 dimensions repeated to {@code sizes} (-1 keeps a size); no memory is copied. */
    public Tensor expand(int... sizes) { return Views.expand(this, sizes); }
    public Tensor expandAs(Tensor other) { return expand(other.shape); }
    /** Elements {@code start .. start+length-1} along {@code dim}, as a view. */
    public Tensor narrow(int dim, int start, int length) { return Views.narrow(this, dim, start, length); }
    /** Python's {@code t[..., start:end:step, ...]} along {@code dim}, as a view. */
    public Tensor slice(int dim, int start, int end, int step) { return Views.slice(this, dim, start, end, step); }
    public Tensor slice(int dim, int start, int end) { return slice(dim, start, end, 1); }
    /** The slice at {@code index} along {@code dim}, with that dimension removed, as a view. */
    public Tensor select(int dim, int index) { return Views.select(this, dim, index); }
    public Tensor contiguous() { return isContiguous() ? this : Views.contiguous(this); }
    /** A copy with its own storage (contiguous), which stays in the graph. */
    public Tensor clone() { return Views.clone(this); }
    public Tensor repeat(int... repeats) { return Views.repeat(this, repeats); }
    public List<Tensor> split(int splitSize, int dim) { return Index.split(this, splitSize, dim); }
    public List<Tensor> chunk(int chunks, int dim) { return Index.chunk(this, chunks, dim); }
    public List<Tensor> unbind(int dim) { return Index.unbind(this, dim); }

    // ----------------------------------------------------------------------------------------------------------
    // Indexing

    public Tensor indexSelect(int dim, Tensor index) { return Index.indexSelect(this, dim, index); }
    public Tensor gather(int dim, Tensor index) { return Index.gather(this, dim, index); }
    /** Out of place {@code scatter_add}: a copy of this tensor with {@code src} added at {@code index} along dim. */
    public Tensor scatterAdd(int dim, Tensor index, Tensor src) { return Index.scatterAdd(this, dim, index, src); }
    /** Rows picked by a BOOL mask, flattened ({@code t[mask]}). */
    public Tensor maskedSelect(Tensor mask) { return Index.maskedSelect(this, mask); }

    // ----------------------------------------------------------------------------------------------------------
    // Reductions

    public Tensor sum() { return Reduce.sum(this, null, false); }
    public Tensor sum(int dim) { return sum(dim, false); }
    public Tensor sum(int dim, boolean keepdim) { return Reduce.sum(this, new int[] {dim}, keepdim); }
    public Tensor sum(int[] dims, boolean keepdim) { return Reduce.sum(this, dims, keepdim); }
    public Tensor mean() { return Reduce.mean(this, null, false); }
    public Tensor mean(int dim) { return mean(dim, false); }
    public Tensor mean(int dim, boolean keepdim) { return Reduce.mean(this, new int[] {dim}, keepdim); }
    public Tensor mean(int[] dims, boolean keepdim) { return Reduce.mean(this, dims, keepdim); }
    /** Product of all elements. */
    public Tensor prod() { return Reduce.prod(this); }
    public Tensor max() { return Reduce.maxAll(this, true); }
    public MaxResult max(int dim) { return max(dim, false); }
    public MaxResult max(int dim, boolean keepdim) { return Reduce.max(this, dim, keepdim, true); }
    public Tensor min() { return Reduce.maxAll(this, false); }
    public MaxResult min(int dim) { return min(dim, false); }
    public MaxResult min(int dim, boolean keepdim) { return Reduce.max(this, dim, keepdim, false); }
    public Tensor amax(int dim, boolean keepdim) { return max(dim, keepdim).values(); }
    public Tensor argmax() { return Reduce.argAll(this, true); }
    public Tensor argmax(int dim) { return argmax(dim, false); }
    public Tensor argmax(int dim, boolean keepdim) { return max(dim, keepdim).indices(); }
    public Tensor argmin() { return Reduce.argAll(this, false); }
    public Tensor argmin(int dim) { return min(dim, false).indices(); }
    /** Variance with Bessel's correction (unbiased), as {@code torch.var}. */
    public Tensor var() { return Reduce.var(this, null, 1, false); }
    public Tensor var(int dim) { return var(dim, true, false); }
    public Tensor var(int dim, boolean unbiased, boolean keepdim) { return Reduce.var(this, new int[] {dim}, unbiased ? 1 : 0, keepdim); }
    public Tensor var(int[] dims, int correction, boolean keepdim) { return Reduce.var(this, dims, correction, keepdim); }
    public Tensor std() { return var().sqrt(); }
    public Tensor std(int dim) { return var(dim).sqrt(); }
    public Tensor std(int dim, boolean unbiased, boolean keepdim) { return var(dim, unbiased, keepdim).sqrt(); }
    public Tensor logsumexp(int dim) { return logsumexp(dim, false); }
    public Tensor logsumexp(int dim, boolean keepdim) { return Reduce.logsumexp(this, dim, keepdim); }
    public Tensor norm() { return square().sum().sqrt(); }
    /** True if any element is non-zero. */
    public boolean any() { return Reduce.countNonZero(this) > 0; }
    /** True if every element is non-zero. */
    public boolean all() { return Reduce.countNonZero(this) == numel(); }

    // ----------------------------------------------------------------------------------------------------------
    // Conversions

    public Tensor to(DType dtype) { return dtype == dtype() ? this : Elementwise.cast(this, dtype); }
    public Tensor toFloat() { return to(DType.FLOAT32); }
    public Tensor toDouble() { return to(DType.FLOAT64); }
    public Tensor toLong() { return to(DType.INT64); }
    public Tensor toBool() { return to(DType.BOOL); }

    // ----------------------------------------------------------------------------------------------------------
    // In place (under no-grad, or on tensors that do not need grad; a leaf that requires grad is refused)

    public Tensor add_(Tensor other) { return Elementwise.inPlace(this, add(other)); }
    public Tensor add_(double other) { return Elementwise.inPlace(this, add(other)); }
    /** {@code this += alpha * other}. */
    public Tensor add_(Tensor other, double alpha) { return Elementwise.inPlace(this, add(other, alpha)); }
    public Tensor sub_(Tensor other) { return Elementwise.inPlace(this, sub(other)); }
    public Tensor sub_(double other) { return Elementwise.inPlace(this, sub(other)); }
    public Tensor mul_(Tensor other) { return Elementwise.inPlace(this, (other.requiresGrad() ? original() : this).mul(other)); }
    public Tensor mul_(double other) { return Elementwise.inPlace(this, mul(other)); }
    public Tensor div_(Tensor other) { return Elementwise.inPlace(this, (other.requiresGrad() ? original() : this).div(other)); }
    public Tensor div_(double other) { return Elementwise.inPlace(this, div(other)); }
    public Tensor clamp_(double min, double max) { return Elementwise.inPlace(this, original().clamp(min, max)); }
    public Tensor relu_() { return Elementwise.unaryInPlace(UnaryOp.RELU, this); }
    public Tensor sigmoid_() { return Elementwise.inPlace(this, sigmoid()); }
    public Tensor exp_() { return Elementwise.inPlace(this, exp()); }
    public Tensor neg_() { return Elementwise.inPlace(this, neg()); }
    public Tensor sqrt_() { return Elementwise.inPlace(this, sqrt()); }
    public Tensor pow_(double exponent) { return Elementwise.inPlace(this, original().pow(exponent)); }
    public Tensor maskedFill_(Tensor mask, double value) { return Elementwise.inPlace(this, maskedFill(mask, value)); }
    /** {@code this += value * t1 * t2}. */
    public Tensor addcmul_(Tensor t1, Tensor t2, double value) { return Elementwise.inPlace(this, add(t1.mul(t2).mul(value))); }
    /** {@code this += value * t1 / t2}. */
    public Tensor addcdiv_(Tensor t1, Tensor t2, double value) { return Elementwise.inPlace(this, add(t1.div(t2).mul(value))); }
    /**
     * This tensor's value before an in-place op, for the ops whose backward reads it (pow_, clamp_, mul_ and div_
     * by a tensor that needs grad): a copy when the op is recorded, as PyTorch saves the "original self", so the
     * write does not invalidate what backward needs.
     */
    private Tensor original() { return requiresGrad && GradMode.isEnabled() ? clone() : this; }

    /** Copies {@code src} (broadcast, converted to this dtype) into this tensor. */
    public Tensor copy_(Tensor src) { return Elementwise.inPlace(this, src.to(dtype())); }
    public Tensor fill_(double value) { return Elementwise.fill_(this, value); }
    public Tensor zero_() { return fill_(0); }
    /** Fills with samples from U(from, to) drawn from the default generator. */
    public Tensor uniform_(double from, double to) { return Elementwise.fillRandom_(this, Generator.getDefault(), false, from, to); }
    /** Fills with samples from N(mean, std^2) drawn from the default generator. */
    public Tensor normal_(double mean, double std) { return Elementwise.fillRandom_(this, Generator.getDefault(), true, mean, std); }

    // ----------------------------------------------------------------------------------------------------------
    // Autograd

    public boolean requiresGrad() { return requiresGrad; }

    /** Sets whether autograd records operations on this leaf; returns this. */
    public Tensor requiresGrad(boolean requiresGrad) {
        if (gradFn != null && !requiresGrad) {
            throw new IllegalStateException("you can only change requires_grad flags of leaf variables. If you want to "
                    + "use a computed variable in a subgraph that doesn't require differentiation use "
                    + "var_no_grad = var.detach().");
        }
        if (requiresGrad && !dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("only Tensors of floating point dtype can require gradients (got "
                    + dtype().torchName() + ")");
        }
        this.requiresGrad = requiresGrad;
        return this;
    }

    /** The accumulated gradient of a leaf (or of a tensor that called {@link #retainGrad()}), or null. */
    public Tensor grad() { return grad; }

    /** Replaces the gradient (null clears it); the shape must match. */
    public void setGrad(Tensor grad) {
        if (grad != null && !java.util.Arrays.equals(grad.shape, shape)) {
            throw new IllegalArgumentException("assigned grad has data of a different size: expected "
                    + java.util.Arrays.toString(shape) + ", got " + java.util.Arrays.toString(grad.shape));
        }
        this.grad = grad;
    }

    /** The node that created this tensor (PyTorch's {@code grad_fn}), null for leaves. */
    public Node gradFn() { return gradFn; }

    /** Internal: attaches the recording node to a freshly computed tensor. */
    public void setGradFn(Node node) {
        this.gradFn = node;
        this.requiresGrad = node != null;
    }

    /** Internal: the node that accumulates gradients into this leaf, created on first use. */
    public AccumulateGrad gradAccumulator() {
        if (accumulator == null) accumulator = new AccumulateGrad(this);
        return accumulator;
    }

    /** A tensor is a leaf when no recorded op created it (it may still require grad). */
    public boolean isLeaf() { return gradFn == null; }

    /** Asks backward to fill {@link #grad()} for this non-leaf tensor too. */
    public Tensor retainGrad() {
        if (!requiresGrad) {
            throw new IllegalStateException("can't retain_grad on Tensor that has requires_grad=False");
        }
        if (gradFn != null && !retainsGrad) gradFn.retain(this);
        retainsGrad = true;
        return this;
    }

    public boolean retainsGrad() { return retainsGrad; }

    /** Backpropagates from this one-element tensor (the loss). */
    public void backward() {
        if (numel() != 1) throw new IllegalStateException("grad can be implicitly created only for scalar outputs");
        backward(Nabla.onesLike(this), false, false);
    }

    /** Backpropagates {@code gradient} (same shape as this tensor). */
    public void backward(Tensor gradient) { backward(gradient, false, false); }

    /**
     * Backpropagates {@code gradient}; {@code retainGraph} keeps the saved tensors for another backward,
     * {@code createGraph} records the backward pass itself so that gradients can be differentiated again.
     */
    public void backward(Tensor gradient, boolean retainGraph, boolean createGraph) {
        if (!requiresGrad) {
            throw new IllegalStateException("element 0 of tensors does not require grad and does not have a grad_fn");
        }
        if (!java.util.Arrays.equals(gradient.shape, shape)) {
            throw new IllegalArgumentException("Mismatch in shape: grad_output[0] has a shape of "
                    + java.util.Arrays.toString(gradient.shape) + " and output[0] has a shape of "
                    + java.util.Arrays.toString(shape) + ".");
        }
        Engine.backward(List.of(this), List.of(gradient), retainGraph || createGraph, createGraph);
    }

    /** A tensor sharing this one's storage, cut from the graph (never requires grad). */
    public Tensor detach() {
        return new Tensor(storage, shape, strides, offset, base != null ? base : this);
    }

    /** An optional name shown by some tools (not part of the math). */
    public String name() { return name; }

    public Tensor name(String name) {
        this.name = name;
        return this;
    }

    // ----------------------------------------------------------------------------------------------------------

    /** PyTorch's printing: {@code tensor([[1., 2.]], requires_grad=True)}. */
    @Override
    public String toString() {
        return TensorFormatter.format(this);
    }
}
