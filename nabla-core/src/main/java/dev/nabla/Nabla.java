package dev.nabla;

import dev.nabla.autograd.GradMode;
import dev.nabla.kernels.KernelProvider;
import dev.nabla.kernels.WarmUpStop;
import dev.nabla.ops.Elementwise;
import dev.nabla.ops.Index;
import dev.nabla.ops.Strided;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * PyTorch's {@code torch} namespace: factories, random numbers, grad mode and functions on tensors.
 * Use it with {@code import static dev.nabla.Nabla.*;}.
 */
public final class Nabla {
    private Nabla() {}

    // ----------------------------------------------------------------------------------------------------------
    // Factories

    /** A float32 tensor of {@code shape} over a copy of {@code data} (shape omitted: 1-D). */
    public static Tensor tensor(float[] data, int... shape) {
        return Tensor.of(Storage.of(data.clone()), checkShape(data.length, shape));
    }

    public static Tensor tensor(double[] data, int... shape) {
        return Tensor.of(Storage.of(data.clone()), checkShape(data.length, shape));
    }

    public static Tensor tensor(long[] data, int... shape) {
        return Tensor.of(Storage.of(data.clone()), checkShape(data.length, shape));
    }

    public static Tensor tensor(boolean[] data, int... shape) {
        return Tensor.of(Storage.of(data.clone()), checkShape(data.length, shape));
    }

    /** A float32 tensor from nested rows, e.g. {@code tensor(new float[][] {{1, 2}, {3, 4}})}. */
    public static Tensor tensor(float[][] rows) {
        int r = rows.length, c = r == 0 ? 0 : rows[0].length;
        float[] data = new float[r * c];
        for (int i = 0; i < r; i++) {
            if (rows[i].length != c) {
                throw new IllegalArgumentException("expected sequence of length " + c + " at dim 1 (got " + rows[i].length + ")");
            }
            System.arraycopy(rows[i], 0, data, i * c, c);
        }
        return Tensor.of(Storage.of(data), r, c);
    }

    /** A 0-dim float32 tensor holding {@code value}. */
    public static Tensor scalarTensor(double value) {
        return full(value, new int[0]);
    }

    private static int[] checkShape(int length, int[] shape) {
        if (shape.length == 0) return new int[] {length};
        if (Strided.checkedNumel(shape) != length) {
            throw new IllegalArgumentException("shape '" + java.util.Arrays.toString(shape) + "' is invalid for input of size " + length);
        }
        return shape;
    }

    public static Tensor zeros(int... shape) {
        return Tensor.empty(DType.FLOAT32, shape);
    }

    public static Tensor zeros(DType dtype, int... shape) {
        return Tensor.empty(dtype, shape);
    }

    public static Tensor ones(int... shape) {
        return full(1.0, shape);
    }

    public static Tensor ones(DType dtype, int... shape) {
        return full(1.0, dtype, shape);
    }

    public static Tensor full(double value, int... shape) {
        return full(value, DType.FLOAT32, shape);
    }

    public static Tensor full(double value, DType dtype, int... shape) {
        Tensor t = Tensor.empty(dtype, shape);
        if (value != 0) {
            try (var g = GradMode.set(false)) {
                t.fill_(value);
            }
        }
        return t;
    }

    public static Tensor zerosLike(Tensor t) {
        return zeros(t.dtype(), t.shape());
    }

    public static Tensor onesLike(Tensor t) {
        return ones(t.dtype(), t.shape());
    }

    public static Tensor fullLike(Tensor t, double value) {
        return full(value, t.dtype(), t.shape());
    }

    public static Tensor randLike(Tensor t) {
        return rand(t.shape()).to(t.dtype());
    }

    public static Tensor randnLike(Tensor t) {
        return randn(t.shape()).to(t.dtype());
    }

    /** {@code 0, 1, ..., end-1} as int64, like {@code torch.arange(end)}. */
    public static Tensor arange(int end) {
        return arange(0, end);
    }

    /** {@code start, ..., end-1} as int64. */
    public static Tensor arange(int start, int end) {
        int n = Math.max(0, end - start);
        long[] v = new long[n];
        for (int i = 0; i < n; i++) v[i] = start + i;
        return Tensor.of(Storage.of(v), n);
    }

    /**
     * {@code start, start+step, ...} before {@code end}, as int64: integer arguments give an integer tensor, as
     * {@code torch.arange(0, 10, 3)} does (Java picks this overload for int literals, the double one otherwise).
     */
    public static Tensor arange(long start, long end, long step) {
        if (step == 0) throw new IllegalArgumentException("step must be nonzero");
        if (Long.signum(end - start) * Long.signum(step) < 0) {
            throw new IllegalArgumentException("upper bound and larger bound inconsistent with step sign");
        }
        long n = Math.max(0, (end - start + step - Long.signum(step)) / step);
        if (n > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("arange of " + n + " elements is too large");
        long[] v = new long[(int) n];
        for (int i = 0; i < n; i++) v[i] = start + i * step;
        return Tensor.of(Storage.of(v), (int) n);
    }

    /** {@code start, start+step, ...} below {@code end}, as float32. */
    public static Tensor arange(double start, double end, double step) {
        if (step == 0) throw new IllegalArgumentException("step must be nonzero");
        if ((end - start) / step < 0) {
            throw new IllegalArgumentException("upper bound and larger bound inconsistent with step sign");
        }
        int n = (int) Math.ceil((end - start) / step);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (start + i * step);
        return Tensor.of(Storage.of(v), n);
    }

    /** {@code steps} evenly spaced values from start to end inclusive, float32. */
    public static Tensor linspace(double start, double end, int steps) {
        float[] v = new float[steps];
        double step = steps > 1 ? (end - start) / (steps - 1) : 0;
        for (int i = 0; i < steps; i++) v[i] = (float) (start + i * step);
        return Tensor.of(Storage.of(v), steps);
    }

    public static Tensor eye(int n) {
        return eye(n, n);
    }

    public static Tensor eye(int n, int m) {
        float[] v = new float[n * m];
        for (int i = 0; i < Math.min(n, m); i++) v[i * m + i] = 1f;
        return Tensor.of(Storage.of(v), n, m);
    }

    /** A 0-dim tensor holding {@code value}, with PyTorch's scalar promotion against {@code like}: an integral
     *  value keeps an integer or bool tensor's category, a fractional one makes the result floating point. */
    public static Tensor scalarLike(double value, Tensor like) {
        boolean integral = value == Math.rint(value) && !Double.isInfinite(value);
        DType dt = like.dtype().isFloatingPoint() ? like.dtype() : (integral ? DType.INT64 : DType.FLOAT32);
        return full(value, dt);
    }

    // ----------------------------------------------------------------------------------------------------------
    // Random numbers

    /**
     * Starts compiling Nabla's fast kernels in the background and returns at once: call it first thing, then load
     * your data. Until the JIT has compiled them, the Vector API kernels run many times slower (a service's first
     * requests, a training run's first steps); this moves that work into the time the program spends loading, on a
     * background thread (and the compute pool, for its parallel matrix products), until the program's first
     * matrix product (at most 2 s). It is a no-op with the scalar kernels, and does nothing a second time. Not
     * worth calling when the program has nothing else to do first.
     *
     * <pre>{@code
     * Nabla.warmUp();
     * TensorDataset train = FashionMnist.load(true);   // ~0.5 s of loading, meanwhile the kernels get compiled
     * }</pre>
     */
    public static void warmUp() {
        if (!WARM_UP_STARTED.compareAndSet(false, true)) return;
        // Here, not on the new thread: a product the program computes before that thread gets going still stops it.
        WarmUpStop.reset();
        Thread t = new Thread(() -> KernelProvider.get().warmUp(WARM_UP_MAX_NANOS), "nabla-warm-up");
        t.setDaemon(true);
        t.start();
    }

    private static final AtomicBoolean WARM_UP_STARTED = new AtomicBoolean();
    /**
     * The warm-up's longest run. It usually ends sooner, at the program's first matrix product; on the Zen 3 host
     * the GEMM needed ~1.2 s of calls to be compiled and Fashion-MNIST ~0.65 s to load, so a fixed 0.4 s (the
     * earlier budget, measured on a faster host) stopped before the load did.
     */
    private static final long WARM_UP_MAX_NANOS = 2_000_000_000L;

    /** Seeds the default generator: every later draw (rand, randn, dropout, initialisation) is reproducible. */
    public static Generator manualSeed(long seed) {
        return Generator.getDefault().manualSeed(seed);
    }

    /** Uniform samples in [0, 1). */
    public static Tensor rand(int... shape) {
        Tensor t = zeros(shape);
        Generator.getDefault().fillUniform(t.storage().floats(), 0, (int) t.numel(), 0, 1);
        return t;
    }

    /** Standard normal samples. */
    public static Tensor randn(int... shape) {
        Tensor t = zeros(shape);
        Generator.getDefault().fillNormal(t.storage().floats(), 0, (int) t.numel(), 0, 1);
        return t;
    }

    /** Integers uniform in [low, high), int64. */
    public static Tensor randint(long low, long high, int... shape) {
        if (high <= low) {
            throw new IllegalArgumentException("random_ expects 'from' to be less than 'to', but got from=" + low + " >= to=" + high);
        }
        Tensor t = zeros(DType.INT64, shape);
        long[] v = t.storage().longs();
        Generator g = Generator.getDefault();
        for (int i = 0; i < v.length; i++) v[i] = low + g.nextLong(high - low);
        return t;
    }

    /** A random permutation of 0 .. n-1, int64. */
    public static Tensor randperm(int n) {
        return randperm(n, Generator.getDefault());
    }

    public static Tensor randperm(int n, Generator g) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) v[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = (int) g.nextLong(i + 1);
            long tmp = v[i];
            v[i] = v[j];
            v[j] = tmp;
        }
        return Tensor.of(Storage.of(v), n);
    }

    /** 0/1 samples with the given probabilities, same shape and dtype. */
    public static Tensor bernoulli(Tensor p) {
        double[] probs = p.toDoubleArray();
        Generator g = Generator.getDefault();
        double[] out = new double[probs.length];
        for (int i = 0; i < probs.length; i++) out[i] = g.nextDouble() < probs[i] ? 1 : 0;
        // Tensor.of, not tensor(...): an empty shape means 0-dim here, not "1-D".
        return Tensor.of(Storage.of(out), p.shape()).to(p.dtype());
    }

    // ----------------------------------------------------------------------------------------------------------
    // Grad mode

    /** A scope in which no graph is recorded on this thread; closing it restores the previous mode. */
    public static GradMode.Scope noGrad() {
        return GradMode.set(false);
    }

    /** A scope that turns recording back on (inside a {@link #noGrad()} scope, for example). */
    public static GradMode.Scope enableGrad() {
        return GradMode.set(true);
    }

    /** A scope that sets grad mode to {@code enabled}. */
    public static GradMode.Scope setGradEnabled(boolean enabled) {
        return GradMode.set(enabled);
    }

    public static boolean isGradEnabled() {
        return GradMode.isEnabled();
    }

    // ----------------------------------------------------------------------------------------------------------
    // Functions (torch.f(x) == x.f())

    public static Tensor sigmoid(Tensor x) { return x.sigmoid(); }
    public static Tensor relu(Tensor x) { return x.relu(); }
    public static Tensor tanh(Tensor x) { return x.tanh(); }
    public static Tensor exp(Tensor x) { return x.exp(); }
    public static Tensor log(Tensor x) { return x.log(); }
    public static Tensor sqrt(Tensor x) { return x.sqrt(); }
    public static Tensor abs(Tensor x) { return x.abs(); }
    public static Tensor neg(Tensor x) { return x.neg(); }
    public static Tensor add(Tensor a, Tensor b) { return a.add(b); }
    public static Tensor sub(Tensor a, Tensor b) { return a.sub(b); }
    public static Tensor mul(Tensor a, Tensor b) { return a.mul(b); }
    public static Tensor div(Tensor a, Tensor b) { return a.div(b); }
    public static Tensor pow(Tensor a, double e) { return a.pow(e); }
    public static Tensor softmax(Tensor x, int dim) { return x.softmax(dim); }
    public static Tensor logSoftmax(Tensor x, int dim) { return x.logSoftmax(dim); }
    public static Tensor matmul(Tensor a, Tensor b) { return a.matmul(b); }
    public static Tensor mm(Tensor a, Tensor b) { return a.mm(b); }
    public static Tensor bmm(Tensor a, Tensor b) { return a.bmm(b); }
    public static Tensor sum(Tensor x) { return x.sum(); }
    public static Tensor sum(Tensor x, int dim) { return x.sum(dim); }
    public static Tensor mean(Tensor x) { return x.mean(); }
    public static Tensor mean(Tensor x, int dim) { return x.mean(dim); }
    public static MaxResult max(Tensor x, int dim) { return x.max(dim); }
    public static Tensor max(Tensor x) { return x.max(); }
    public static MaxResult min(Tensor x, int dim) { return x.min(dim); }
    public static Tensor min(Tensor x) { return x.min(); }
    public static Tensor argmax(Tensor x, int dim) { return x.argmax(dim); }
    public static Tensor argmin(Tensor x, int dim) { return x.argmin(dim); }
    public static Tensor maximum(Tensor a, Tensor b) { return a.maximum(b); }
    public static Tensor minimum(Tensor a, Tensor b) { return a.minimum(b); }
    public static Tensor clamp(Tensor x, double min, double max) { return x.clamp(min, max); }
    public static Tensor logsumexp(Tensor x, int dim) { return x.logsumexp(dim); }
    public static Tensor logsumexp(Tensor x, int dim, boolean keepdim) { return x.logsumexp(dim, keepdim); }
    public static Tensor sum(Tensor x, int dim, boolean keepdim) { return x.sum(dim, keepdim); }
    public static Tensor mean(Tensor x, int dim, boolean keepdim) { return x.mean(dim, keepdim); }
    public static MaxResult max(Tensor x, int dim, boolean keepdim) { return x.max(dim, keepdim); }
    public static MaxResult min(Tensor x, int dim, boolean keepdim) { return x.min(dim, keepdim); }
    public static Tensor argmax(Tensor x) { return x.argmax(); }
    public static Tensor argmax(Tensor x, int dim, boolean keepdim) { return x.argmax(dim, keepdim); }
    public static Tensor prod(Tensor x) { return x.prod(); }
    /** Unbiased variance of all elements, as {@code torch.var}. */
    public static Tensor var(Tensor x) { return x.var(); }
    public static Tensor var(Tensor x, int dim) { return x.var(dim); }
    public static Tensor var(Tensor x, int dim, boolean unbiased, boolean keepdim) { return x.var(dim, unbiased, keepdim); }
    public static Tensor std(Tensor x) { return x.std(); }
    public static Tensor std(Tensor x, int dim) { return x.std(dim); }
    public static Tensor std(Tensor x, int dim, boolean unbiased, boolean keepdim) { return x.std(dim, unbiased, keepdim); }
    public static Tensor add(Tensor a, double b) { return a.add(b); }
    public static Tensor sub(Tensor a, double b) { return a.sub(b); }
    public static Tensor mul(Tensor a, double b) { return a.mul(b); }
    public static Tensor div(Tensor a, double b) { return a.div(b); }
    public static Tensor pow(Tensor a, Tensor e) { return a.pow(e); }
    public static Tensor sin(Tensor x) { return x.sin(); }
    public static Tensor cos(Tensor x) { return x.cos(); }
    public static Tensor square(Tensor x) { return x.square(); }
    public static Tensor rsqrt(Tensor x) { return x.rsqrt(); }
    public static Tensor reciprocal(Tensor x) { return x.reciprocal(); }
    public static Tensor sign(Tensor x) { return x.sign(); }
    public static Tensor eq(Tensor a, Tensor b) { return a.eq(b); }
    public static Tensor ne(Tensor a, Tensor b) { return a.ne(b); }
    public static Tensor gt(Tensor a, Tensor b) { return a.gt(b); }
    public static Tensor lt(Tensor a, Tensor b) { return a.lt(b); }
    public static Tensor ge(Tensor a, Tensor b) { return a.ge(b); }
    public static Tensor le(Tensor a, Tensor b) { return a.le(b); }
    public static Tensor t(Tensor x) { return x.t(); }
    public static Tensor permute(Tensor x, int... dims) { return x.permute(dims); }
    public static Tensor squeeze(Tensor x, int dim) { return x.squeeze(dim); }
    public static Tensor maskedFill(Tensor x, Tensor mask, double value) { return x.maskedFill(mask, value); }
    public static Tensor scatterAdd(Tensor x, int dim, Tensor index, Tensor src) { return x.scatterAdd(dim, index, src); }
    public static Tensor maskedSelect(Tensor x, Tensor mask) { return x.maskedSelect(mask); }
    public static List<Tensor> unbind(Tensor x, int dim) { return x.unbind(dim); }
    public static Tensor flatten(Tensor x) { return x.flatten(); }
    public static Tensor flatten(Tensor x, int startDim) { return x.flatten(startDim); }
    public static Tensor transpose(Tensor x, int d0, int d1) { return x.transpose(d0, d1); }
    public static Tensor reshape(Tensor x, int... shape) { return x.reshape(shape); }
    public static Tensor squeeze(Tensor x) { return x.squeeze(); }
    public static Tensor unsqueeze(Tensor x, int dim) { return x.unsqueeze(dim); }
    public static Tensor narrow(Tensor x, int dim, int start, int length) { return x.narrow(dim, start, length); }
    public static Tensor indexSelect(Tensor x, int dim, Tensor index) { return x.indexSelect(dim, index); }
    public static Tensor gather(Tensor x, int dim, Tensor index) { return x.gather(dim, index); }
    public static Tensor clone(Tensor x) { return x.clone(); }
    public static boolean allclose(Tensor a, Tensor b) { return a.allclose(b); }
    public static boolean allclose(Tensor a, Tensor b, double rtol, double atol) { return a.allclose(b, rtol, atol); }
    public static boolean equal(Tensor a, Tensor b) { return a.equal(b); }

    /** Elements of {@code x} where {@code condition} holds, of {@code y} elsewhere (all three broadcast). */
    public static Tensor where(Tensor condition, Tensor x, Tensor y) { return Elementwise.where(condition, x, y); }

    public static Tensor where(Tensor condition, Tensor x, double y) { return where(condition, x, scalarLike(y, x)); }

    public static Tensor where(Tensor condition, double x, Tensor y) { return where(condition, scalarLike(x, y), y); }

    /** Concatenates along an existing dim. */
    public static Tensor cat(List<Tensor> tensors, int dim) { return Index.cat(tensors, dim); }

    public static Tensor cat(List<Tensor> tensors) { return cat(tensors, 0); }

    /** Joins along a new dim. */
    public static Tensor stack(List<Tensor> tensors, int dim) { return Index.stack(tensors, dim); }

    public static Tensor stack(List<Tensor> tensors) { return stack(tensors, 0); }

    public static List<Tensor> split(Tensor x, int size, int dim) { return x.split(size, dim); }

    public static List<Tensor> chunk(Tensor x, int chunks, int dim) { return x.chunk(chunks, dim); }

    // ----------------------------------------------------------------------------------------------------------
    // Checkpoints (safetensors; dev.nabla.io.Safetensors has the metadata and in-memory variants)

    /**
     * Saves a module's state dict as a safetensors file, atomically: a failure part-way leaves any previous file at
     * {@code path} as it was. Throws {@link dev.nabla.io.CheckpointException} when the file cannot be written.
     */
    public static void save(dev.nabla.nn.Module module, Path path) {
        save(module.stateDict(), path);
    }

    /** Saves named tensors (a state dict) as a safetensors file, atomically. */
    public static void save(Map<String, Tensor> stateDict, Path path) {
        dev.nabla.io.Safetensors.save(stateDict, Map.of(), path);
    }

    /**
     * Reads the tensors of a safetensors file (also one written by PyTorch), in the file's order, for
     * {@code model.loadStateDict(load(path))}. A missing, truncated or corrupt file throws
     * {@link dev.nabla.io.CheckpointException} naming the file and the problem.
     */
    public static Map<String, Tensor> load(Path path) {
        return dev.nabla.io.Safetensors.load(path).tensors();
    }
}
