package dev.nabla.nn;

import dev.nabla.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Submodules by name, in insertion order, PyTorch's {@code nn.ModuleDict}. Putting an existing key replaces the
 * module in place (its position is kept), as in PyTorch. It has no forward of its own.
 *
 * <p>Shape: not applicable (holds modules, computes nothing).
 *
 * <pre>{@code
 * ModuleDict heads = registerModule("heads", new ModuleDict());
 * heads.put("cls", new Linear(64, 10)).put("box", new Linear(64, 4));
 * Tensor logits = heads.get("cls").forward(features);
 * }</pre>
 */
public class ModuleDict extends Module {
    private final Map<String, Module> items = new LinkedHashMap<>();

    public ModuleDict() {}

    public ModuleDict(Map<String, ? extends Module> modules) {
        modules.forEach(this::put);
    }

    /** Adds or replaces the module under {@code key}; returns this. */
    public ModuleDict put(String key, Module module) {
        if (module == null) throw new IllegalArgumentException("ModuleDict.put expects a Module, got null");
        registerModule(key, module);
        items.put(key, module);
        return this;
    }

    /** The module under {@code key}, with Python's KeyError wording when absent. */
    public Module get(String key) {
        Module m = items.get(key);
        if (m == null) throw new IllegalArgumentException("KeyError: '" + key + "'");
        return m;
    }

    public boolean containsKey(String key) {
        return items.containsKey(key);
    }

    public List<String> keys() {
        return new ArrayList<>(items.keySet());
    }

    public List<Module> values() {
        return new ArrayList<>(items.values());
    }

    public int size() {
        return items.size();
    }

    /** A container has no computation of its own, as in PyTorch. */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("Module [ModuleDict] is missing the required \"forward\" function");
    }
}
