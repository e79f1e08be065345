package dev.nabla.nn;

import dev.nabla.Tensor;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A chain of modules applied in order, PyTorch's {@code nn.Sequential}. Children are named "0", "1", ... (or by
 * the keys of the map given), so state-dict keys read {@code "0.weight"} as in PyTorch.
 *
 * <p>Shape: the input of the first module; the output of the last.
 *
 * <pre>{@code
 * Sequential model = new Sequential(new Linear(784, 256), new ReLU(), new Linear(256, 10));
 * Tensor logits = model.forward(x);      // x [N, 784] -> [N, 10]
 * Linear first = (Linear) model.get(0);
 * Sequential features = model.slice(0, 2);   // (0): Linear, (1): ReLU, the same module objects
 * }</pre>
 */
public class Sequential extends Module implements Iterable<Module> {
    private final List<Module> layers = new ArrayList<>();
    /** Each layer's name, parallel to {@link #layers} (a module added twice has two names). */
    private final List<String> names = new ArrayList<>();

    public Sequential(Module... modules) {
        for (Module m : modules) add(m);
    }

    /** Named children, in the map's order (PyTorch's {@code Sequential(OrderedDict(...))}). */
    public Sequential(Map<String, ? extends Module> modules) {
        modules.forEach(this::append);
    }

    /** Appends {@code module} under the next index; returns this. */
    public Sequential add(Module module) {
        if (module == null) throw new IllegalArgumentException("Sequential.add expects a Module, got null");
        append(String.valueOf(layers.size()), module);
        return this;
    }

    private void append(String name, Module module) {
        registerModule(name, module);
        layers.add(module);
        names.add(name);
    }

    /** The module at {@code index}; negative indices count from the end, as in Python. */
    public Module get(int index) {
        int n = layers.size();
        if (index < -n || index >= n) throw new IndexOutOfBoundsException("index " + index + " is out of range");
        return layers.get(index < 0 ? index + n : index);
    }

    /**
     * The layers from {@code from} (inclusive) to {@code to} (exclusive) as a new Sequential, PyTorch's
     * {@code model[from:to]}: the same module objects (training one trains the other), under their names in this
     * model ({@code model.slice(1, 3)} prints {@code (1): ...} and {@code (2): ...}). As with Python's slices,
     * negative indices count from the end, bounds beyond either end are clamped, and an empty range gives an empty
     * Sequential.
     */
    public Sequential slice(int from, int to) {
        int n = layers.size();
        int start = clampIndex(from, n), stop = clampIndex(to, n);
        Map<String, Module> part = new LinkedHashMap<>();
        for (int i = start; i < stop; i++) part.put(names.get(i), layers.get(i));
        return new Sequential(part);
    }

    /** The layers from {@code from} to the end ({@code model[from:]}); negative counts from the end. */
    public Sequential slice(int from) {
        return slice(from, layers.size());
    }

    private static int clampIndex(int index, int n) {
        int i = index < 0 ? index + n : index;
        return Math.max(0, Math.min(n, i));
    }

    public int size() {
        return layers.size();
    }

    @Override
    public Iterator<Module> iterator() {
        return List.copyOf(layers).iterator();
    }

    /**
     * Feeds the input through every module in turn.
     *
     * <p>A {@link ReLU} right after one of the built-in layers that return a new tensor (linear, convolution,
     * batch norm, pooling) overwrites that tensor instead of allocating another, as {@code ReLU(inplace=True)}
     * would: the tensor exists only between the two modules, so no caller can see the difference, and none of
     * these layers saves its output for backward (had one, its backward would fail on the version check rather
     * than compute wrong gradients). The cnn workload allocates 9 MB less per training step and a quarter less
     * memory per evaluation batch. Without grad, batch norm after such a layer writes over its input the same way
     * (with grad it saves that input for backward).
     *
     * <p>A {@link ReLU} followed by a {@link MaxPool2d} runs as one op, the pooling with the ReLU applied to its
     * (four times smaller) output: {@code relu(maxPool(x)) == maxPool(relu(x))} because ReLU never reorders
     * values, and the gradients are equal too. Where a window holds a positive value both orders pick the same
     * first maximum; where it does not, both send a zero gradient to the whole window; a NaN wins its window in both
     * and passes its gradient in both, as ReLU's backward does. The op's graph node is the pooling's, PyTorch's last
     * op, which saves nothing that a later in-place op could invalidate. The cnn workload saves a pass over its
     * largest activation, forward and backward. A {@code ReLU(inplace=true)} on a tensor the caller can see keeps
     * PyTorch's order, since it must overwrite that tensor.
     *
     * <p>A {@link Conv2d} followed by such a 2x2, stride-2 {@link MaxPool2d} (directly or with a ReLU between) runs as
     * one op that convolves and pools one sample at a time, so the convolution's output, the network's largest
     * activation and needed by neither backward pass, is never written out whole (ops.ConvPool); in a first layer
     * (an input without grad) its gradient is not either. The cnn workload's evaluation batch of 1000 takes 74
     * instead of 91 ms, a training step 15.3 instead of 17.2 ms. A {@link BatchNorm2d} before such a pooling is
     * fused the same way (ops.NormPool): its normalised output, and in backward that output's gradient, exist one
     * plane at a time (a training step 16.4 -> 15.5 ms). These fused ops record one graph node, the pooling's,
     * whose next functions are the convolution's or batch norm's inputs.
     */
    @Override
    public Tensor forward(Tensor input) {
        Tensor x = input;
        Module previous = null;
        for (int i = 0, n = layers.size(); i < n; i++) {
            Module m = layers.get(i);
            Class<?> c = m.getClass();
            int at = c == Conv2d.class || c == BatchNorm2d.class ? plainPoolAfter(i) : -1;
            if (at >= 0) {
                // One op for the convolution or batch norm and its pooling (Conv2d / BatchNormBase
                // .forwardMaxPool2x2); a ReLU between the two is applied to the pooled values, as below.
                MaxPool2d pool = (MaxPool2d) layers.get(at);
                boolean relu = at == i + 2;
                x = c == Conv2d.class ? ((Conv2d) m).forwardMaxPool2x2(x, pool, relu)
                        : ((BatchNormBase) m).forwardMaxPool2x2(x, pool, relu);
                i = at;
                previous = pool;
                continue;
            }
            if (c == ReLU.class && i + 1 < n && layers.get(i + 1).getClass() == MaxPool2d.class
                    && (!((ReLU) m).inplace() || returnsNewTensor(previous))) {
                // The pooling with the ReLU applied to its output (see the comment above).
                m = layers.get(++i);
                x = ((MaxPool2d) m).forwardAfter(x, true);
            } else if (c == ReLU.class && returnsNewTensor(previous)) {
                x = x.relu_();
            } else if ((c == BatchNorm1d.class || c == BatchNorm2d.class) && returnsNewTensor(previous)) {
                x = ((BatchNormBase) m).forward(x, true);
            } else {
                x = m.forward(x);
            }
            previous = m;
        }
        return x;
    }

    /**
     * The index of the MaxPool2d with 2x2 windows and stride 2 that follows layer {@code i} directly ({@code i + 1})
     * or after one ReLU ({@code i + 2}), or -1. The ReLU's {@code inplace} does not matter there: it would overwrite
     * the convolution's or batch norm's new output, which no caller sees.
     */
    private int plainPoolAfter(int i) {
        int j = i + 1 < layers.size() && layers.get(i + 1).getClass() == ReLU.class ? i + 2 : i + 1;
        if (j >= layers.size() || layers.get(j).getClass() != MaxPool2d.class) return -1;
        return ((MaxPool2d) layers.get(j)).isPlain2x2() ? j : -1;
    }

    /**
     * Built-in layers (exactly these classes, not subclasses) whose output is a new tensor that they neither keep
     * nor save for backward.
     */
    private static boolean returnsNewTensor(Module m) {
        if (m == null) return false;
        Class<?> c = m.getClass();
        return c == Linear.class || c == Conv1d.class || c == Conv2d.class || c == ConvTranspose2d.class
                || c == BatchNorm1d.class || c == BatchNorm2d.class || c == MaxPool2d.class || c == AvgPool2d.class;
    }
}
