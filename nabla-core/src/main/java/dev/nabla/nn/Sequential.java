package dev.nabla.nn;

import dev.nabla.Tensor;

import java.util.ArrayList;
import java.util.Iterator;
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
 * }</pre>
 */
public class Sequential extends Module implements Iterable<Module> {
    private final List<Module> layers = new ArrayList<>();

    public Sequential(Module... modules) {
        for (Module m : modules) add(m);
    }

    /** Named children, in the map's order (PyTorch's {@code Sequential(OrderedDict(...))}). */
    public Sequential(Map<String, ? extends Module> modules) {
        modules.forEach((name, m) -> {
            registerModule(name, m);
            layers.add(m);
        });
    }

    /** Appends {@code module} under the next index; returns this. */
    public Sequential add(Module module) {
        if (module == null) throw new IllegalArgumentException("Sequential.add expects a Module, got null");
        registerModule(String.valueOf(layers.size()), module);
        layers.add(module);
        return this;
    }

    /** The module at {@code index}; negative indices count from the end, as in Python. */
    public Module get(int index) {
        int n = layers.size();
        if (index < -n || index >= n) throw new IndexOutOfBoundsException("index " + index + " is out of range");
        return layers.get(index < 0 ? index + n : index);
    }

    public int size() {
        return layers.size();
    }

    @Override
    public Iterator<Module> iterator() {
        return List.copyOf(layers).iterator();
    }

    /** Feeds the input through every module in turn. */
    @Override
    public Tensor forward(Tensor input) {
        Tensor x = input;
        for (Module m : layers) x = m.forward(x);
        return x;
    }
}
