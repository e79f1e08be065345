package dev.nabla.nn;

import dev.nabla.Tensor;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * An indexed list of submodules, registered as "0", "1", ..., PyTorch's {@code nn.ModuleList}. It has no forward
 * of its own: the owning module decides how to use the layers.
 *
 * <p>Shape: not applicable (holds modules, computes nothing).
 *
 * <pre>{@code
 * ModuleList blocks = registerModule("blocks", new ModuleList());
 * for (int i = 0; i < 3; i++) blocks.add(new Linear(16, 16));
 * for (Module b : blocks) x = b.forward(x).relu();
 * }</pre>
 */
public class ModuleList extends Module implements Iterable<Module> {
    private final List<Module> items = new ArrayList<>();

    public ModuleList(Module... modules) {
        for (Module m : modules) add(m);
    }

    public ModuleList(List<? extends Module> modules) {
        for (Module m : modules) add(m);
    }

    /** Appends {@code module} (PyTorch's {@code append}); returns this. */
    public ModuleList add(Module module) {
        if (module == null) throw new IllegalArgumentException("ModuleList.add expects a Module, got null");
        registerModule(String.valueOf(items.size()), module);
        items.add(module);
        return this;
    }

    /** Appends every module; returns this. */
    public ModuleList extend(Iterable<? extends Module> modules) {
        for (Module m : modules) add(m);
        return this;
    }

    /** The module at {@code index}; negative indices count from the end. */
    public Module get(int index) {
        int n = items.size();
        if (index < -n || index >= n) throw new IndexOutOfBoundsException("index " + index + " is out of range");
        return items.get(index < 0 ? index + n : index);
    }

    public int size() {
        return items.size();
    }

    @Override
    public Iterator<Module> iterator() {
        return List.copyOf(items).iterator();
    }

    /** A container has no computation of its own, as in PyTorch. */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("Module [ModuleList] is missing the required \"forward\" function");
    }
}
