package dev.nabla.nn;

import dev.nabla.Tensor;
import dev.nabla.autograd.AccumulateGrad;
import dev.nabla.autograd.GradMode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Base class of every layer and model, PyTorch's {@code nn.Module}: an ordered tree of submodules, parameters and
 * buffers, registered explicitly so that state-dict keys and order are PyTorch's, and a {@code training} flag that
 * {@link #train(boolean)} sets on the whole tree.
 *
 * <pre>{@code
 * class Net extends Module {
 *     final Linear fc = registerModule("fc", new Linear(4, 2));
 *     public Tensor forward(Tensor x) { return fc.forward(x).relu(); }
 * }
 * }</pre>
 */
public abstract class Module {
    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Set<String> nonPersistent = new LinkedHashSet<>();
    private final Map<String, Module> modules = new LinkedHashMap<>();
    private boolean training = true;

    /** The computation of this module. */
    public abstract Tensor forward(Tensor input);

    // ----------------------------------------------------------------------------------------------------------
    // Registration

    private void checkName(String kind, String name, Map<String, ?> own) {
        if (name == null) throw new IllegalArgumentException(kind + " name should be a string. Got null");
        if (name.contains(".")) throw new IllegalArgumentException(kind + " name can't contain \".\", got: " + name);
        if (name.isEmpty()) throw new IllegalArgumentException(kind + " name can't be empty string \"\"");
        if ((own != parameters && parameters.containsKey(name)) || (own != buffers && buffers.containsKey(name))
                || (own != modules && modules.containsKey(name))) {
            throw new IllegalArgumentException("attribute '" + name + "' already exists");
        }
    }

    /** Adds a child module under {@code name} (its state-dict keys get the prefix {@code name.}); returns it. */
    public <M extends Module> M registerModule(String name, M module) {
        checkName("module", name, modules);
        modules.put(name, module);
        return module;
    }

    /**
     * Adds a parameter (marked as requiring grad); null registers an absent optional parameter, as PyTorch's
     * {@code Linear(bias=False)}, which stays out of {@link #parameters()} and the state dict. Returns it.
     */
    public Tensor registerParameter(String name, Tensor param) {
        checkName("parameter", name, parameters);
        if (param != null) {
            if (!param.isLeaf()) {
                throw new IllegalArgumentException("Cannot assign non-leaf Tensor to parameter '" + name + "'. Model parameters "
                        + "must be created explicitly. To express '" + name + "' as a function of another Tensor, compute "
                        + "the value in the forward() method.");
            }
            if (param.dtype().isFloatingPoint() && !param.requiresGrad()) param.requiresGrad(true);
        }
        parameters.put(name, param);
        return param;
    }

    /** Adds a persistent buffer (saved in the state dict, not trained); returns it. */
    public Tensor registerBuffer(String name, Tensor buffer) {
        return registerBuffer(name, buffer, true);
    }

    /** Adds a buffer; a non-persistent one is left out of the state dict. Returns it. */
    public Tensor registerBuffer(String name, Tensor buffer, boolean persistent) {
        checkName("buffer", name, buffers);
        buffers.put(name, buffer);
        if (persistent) nonPersistent.remove(name);
        else nonPersistent.add(name);
        return buffer;
    }

    /** The parameter registered under {@code name} on this module (not its children), or null. */
    public Tensor getParameter(String name) {
        return parameters.get(name);
    }

    /** The buffer registered under {@code name} on this module, or null. */
    public Tensor getBuffer(String name) {
        return buffers.get(name);
    }

    /** Replaces the value of an existing buffer (running statistics after a dtype change, for example). */
    protected void setBuffer(String name, Tensor value) {
        if (!buffers.containsKey(name)) throw new IllegalArgumentException("no buffer named '" + name + "'");
        buffers.put(name, value);
    }

    /** The submodule at a dotted path ({@code "features.0"}), with PyTorch's error when a part is missing. */
    public Module getSubmodule(String target) {
        if (target.isEmpty()) return this;
        Module m = this;
        for (String part : target.split("\\.")) {
            Module next = m.modules.get(part);
            if (next == null) {
                throw new IllegalArgumentException(m.getName() + " has no attribute `" + part + "`");
            }
            m = next;
        }
        return m;
    }

    // ----------------------------------------------------------------------------------------------------------
    // Mode

    /** Puts this module and every submodule in training mode; returns this. */
    public Module train() {
        return train(true);
    }

    /** Sets training mode on this module and every submodule; returns this. */
    public Module train(boolean mode) {
        training = mode;
        for (Module m : modules.values()) if (m != null) m.train(mode);
        return this;
    }

    /** Puts the tree in evaluation mode (Dropout off, BatchNorm on running statistics); returns this. */
    public Module eval() {
        return train(false);
    }

    public boolean isTraining() {
        return training;
    }

    /**
     * A scope that puts the whole tree in eval mode and, when closed, restores each module's own previous flag
     * (also on exceptions). {@code try (var e = model.evalMode(); var g = noGrad()) { ... }}
     */
    public ModeScope evalMode() {
        return new ModeScope(this, false);
    }

    /** A scope that puts the whole tree in training mode and restores each module's previous flag on close. */
    public ModeScope trainMode() {
        return new ModeScope(this, true);
    }

    /** Restores the training flags of a module tree when closed. */
    public static final class ModeScope implements AutoCloseable {
        private final Map<Module, Boolean> previous = new IdentityHashMap<>();
        private boolean closed;

        private ModeScope(Module root, boolean mode) {
            for (Module m : root.modules()) previous.put(m, m.training);
            root.train(mode);
        }

        @Override
        public void close() {
            if (closed) return;
            closed = true;
            previous.forEach((m, flag) -> m.training = flag);
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // Traversal

    /** Every parameter of the tree, each once, in registration order. */
    public List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Parameters by dotted name ({@code "0.weight"}); a tensor shared by two modules appears once. */
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        namedModules().forEach((prefix, m) -> m.parameters.forEach((name, p) -> {
            if (p != null && seen.add(p)) out.put(join(prefix, name), p);
        }));
        return out;
    }

    public List<Tensor> buffers() {
        return new ArrayList<>(namedBuffers().values());
    }

    public Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        namedModules().forEach((prefix, m) -> m.buffers.forEach((name, b) -> {
            if (b != null && seen.add(b)) out.put(join(prefix, name), b);
        }));
        return out;
    }

    /** Direct submodules, in registration order. */
    public List<Module> children() {
        return new ArrayList<>(namedChildren().values());
    }

    public Map<String, Module> namedChildren() {
        Map<String, Module> out = new LinkedHashMap<>();
        Set<Module> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        modules.forEach((name, m) -> {
            if (m != null && seen.add(m)) out.put(name, m);
        });
        return out;
    }

    /** This module and all below it, depth first; a module shared twice appears once. */
    public List<Module> modules() {
        return new ArrayList<>(namedModules().values());
    }

    /** Like {@link #modules()}, keyed by dotted path ("" for this module). */
    public Map<String, Module> namedModules() {
        Map<String, Module> out = new LinkedHashMap<>();
        collectModules("", this, out, Collections.newSetFromMap(new IdentityHashMap<>()));
        return out;
    }

    private static void collectModules(String prefix, Module m, Map<String, Module> out, Set<Module> seen) {
        if (!seen.add(m)) return;
        out.put(prefix, m);
        m.modules.forEach((name, child) -> {
            if (child != null) collectModules(join(prefix, name), child, out, seen);
        });
    }

    private static String join(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    /** Calls {@code fn} on every submodule (children first) and then on this module; returns this. */
    public Module apply(Consumer<Module> fn) {
        for (Module m : children()) m.apply(fn);
        fn.accept(this);
        return this;
    }

    /**
     * Zeroes every parameter's gradient in place, as PyTorch 1.13 does by default (see
     * {@link dev.nabla.optim.Optimizer#zeroGrad()} for why); {@link #zeroGrad(boolean) zeroGrad(true)} sets them to
     * null, as PyTorch 2 does.
     */
    public void zeroGrad() {
        zeroGrad(false);
    }

    /** {@code setToNone}: drop the gradients; otherwise overwrite them with zeros in place. */
    public void zeroGrad(boolean setToNone) {
        for (Tensor p : parameters()) AccumulateGrad.zero(p, setToNone);
    }

    /** Freezes ({@code false}) or unfreezes every parameter; returns this. */
    public Module requiresGrad(boolean requiresGrad) {
        for (Tensor p : parameters()) p.requiresGrad(requiresGrad);
        return this;
    }

    // ----------------------------------------------------------------------------------------------------------
    // State dict

    /** Parameters and persistent buffers by PyTorch's keys, in PyTorch's order, detached (sharing storage). */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        saveTo(out, "");
        return out;
    }

    private void saveTo(Map<String, Tensor> out, String prefix) {
        parameters.forEach((name, p) -> {
            if (p != null) out.put(prefix + name, p.detach());
        });
        buffers.forEach((name, b) -> {
            if (b != null && !nonPersistent.contains(name)) out.put(prefix + name, b.detach());
        });
        modules.forEach((name, m) -> {
            if (m != null) m.saveTo(out, prefix + name + ".");
        });
    }

    /** The keys a non-strict load could not match: PyTorch's {@code _IncompatibleKeys}. */
    public record IncompatibleKeys(List<String> missingKeys, List<String> unexpectedKeys) {}

    /** Loads a state dict strictly: every key must match and every shape must agree, or nothing is changed. */
    public IncompatibleKeys loadStateDict(Map<String, Tensor> stateDict) {
        return loadStateDict(stateDict, true);
    }

    /**
     * Copies matching entries into this module's parameters and buffers. All problems are collected into one
     * error in PyTorch's words, and nothing is copied unless everything checks out. With {@code strict=false},
     * missing and unexpected keys are returned instead of refused (shape mismatches are always refused).
     */
    public IncompatibleKeys loadStateDict(Map<String, Tensor> stateDict, boolean strict) {
        Map<String, Tensor> own = new LinkedHashMap<>();
        collectOwnState(own, "");
        List<String> missing = new ArrayList<>(), unexpected = new ArrayList<>(), mismatches = new ArrayList<>();
        for (var e : own.entrySet()) {
            Tensor src = stateDict.get(e.getKey());
            if (src == null) {
                missing.add(e.getKey());
            } else if (!java.util.Arrays.equals(src.shape(), e.getValue().shape())) {
                mismatches.add("size mismatch for " + e.getKey() + ": copying a param with shape "
                        + shapeString(src.shape()) + " from checkpoint, the shape in current model is "
                        + shapeString(e.getValue().shape()) + ".");
            }
        }
        for (String key : stateDict.keySet()) if (!own.containsKey(key)) unexpected.add(key);
        List<String> errors = new ArrayList<>();
        if (strict && !missing.isEmpty()) errors.add("Missing key(s) in state_dict: " + quoted(missing) + ". ");
        if (strict && !unexpected.isEmpty()) errors.add("Unexpected key(s) in state_dict: " + quoted(unexpected) + ". ");
        errors.addAll(mismatches);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("Error(s) in loading state_dict for " + getName() + ":\n\t"
                    + String.join("\n\t", errors));
        }
        try (var g = GradMode.set(false)) {
            for (var e : own.entrySet()) {
                Tensor src = stateDict.get(e.getKey());
                if (src != null) e.getValue().copy_(src);
            }
        }
        return new IncompatibleKeys(missing, unexpected);
    }

    private void collectOwnState(Map<String, Tensor> out, String prefix) {
        parameters.forEach((name, p) -> {
            if (p != null) out.put(prefix + name, p);
        });
        buffers.forEach((name, b) -> {
            if (b != null && !nonPersistent.contains(name)) out.put(prefix + name, b);
        });
        modules.forEach((name, m) -> {
            if (m != null) m.collectOwnState(out, prefix + name + ".");
        });
    }

    private static String shapeString(int[] shape) {
        StringBuilder sb = new StringBuilder("torch.Size([");
        for (int i = 0; i < shape.length; i++) sb.append(i > 0 ? ", " : "").append(shape[i]);
        return sb.append("])").toString();
    }

    private static String quoted(List<String> keys) {
        List<String> q = new ArrayList<>();
        for (String k : keys) q.add("\"" + k + "\"");
        return String.join(", ", q);
    }

    // ----------------------------------------------------------------------------------------------------------
    // Printing

    /** The class name PyTorch would print ({@code Linear}). */
    protected String getName() {
        String n = getClass().getSimpleName();
        return n.isEmpty() ? getClass().getName() : n;
    }

    /** The arguments shown inside this module's parentheses ({@code in_features=4, out_features=2, bias=True}). */
    public String extraRepr() {
        return "";
    }

    /** The module tree, exactly as PyTorch prints the same model. */
    @Override
    public String toString() {
        String extra = extraRepr();
        List<String> extraLines = extra.isEmpty() ? List.of() : List.of(extra.split("\n"));
        List<String> childLines = new ArrayList<>();
        modules.forEach((name, m) -> childLines.add("(" + name + "): " + indent(String.valueOf(m), 2)));
        StringBuilder sb = new StringBuilder(getName()).append('(');
        if (!extraLines.isEmpty() || !childLines.isEmpty()) {
            if (extraLines.size() == 1 && childLines.isEmpty()) {
                sb.append(extraLines.get(0));
            } else {
                List<String> lines = new ArrayList<>(extraLines);
                lines.addAll(childLines);
                sb.append("\n  ").append(String.join("\n  ", lines)).append('\n');
            }
        }
        return sb.append(')').toString();
    }

    private static String indent(String s, int spaces) {
        String[] lines = s.split("\n", -1);
        if (lines.length == 1) return s;
        StringBuilder sb = new StringBuilder(lines[0]);
        for (int i = 1; i < lines.length; i++) sb.append('\n').append(" ".repeat(spaces)).append(lines[i]);
        return sb.toString();
    }

    /** PyTorch's spelling of a boolean in {@link #extraRepr()}. */
    protected static String pyBool(boolean b) {
        return b ? "True" : "False";
    }
}
