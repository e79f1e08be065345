package dev.nabla.cli;

import dev.nabla.Tensor;
import dev.nabla.io.Safetensors;
import dev.nabla.nn.Module;
import dev.nabla.optim.Optimizer;
import dev.nabla.optim.OptimizerState;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The checkpoint of a run folder: {@code model.safetensors} (the state dict, PyTorch's keys and layouts, plus
 * {@code nabla.*} metadata to rebuild the model) and {@code optimizer.safetensors} beside it (the optimizer's state
 * dict flattened by {@link OptimizerState#toFlatMap()}). Both are written atomically.
 */
record RunCheckpoint(Path modelFile, ModelSpec spec, Map<String, String> metadata, Map<String, Tensor> weights) {
    static final String MODEL_FILE = "model.safetensors";
    static final String OPTIMIZER_FILE = "optimizer.safetensors";

    static void save(Path runDir, Module model, ModelSpec spec, Map<String, String> extra, Optimizer optimizer, String optimizerId) {
        Map<String, String> meta = new LinkedHashMap<>(spec.toMetadata());
        meta.putAll(extra);
        // The optimizer first: a crash between the two leaves a model file whose epoch the optimizer already passed,
        // never an optimizer state older than its model.
        Safetensors.save(optimizer.stateDict().toFlatMap(), Map.of("nabla.optimizer", optimizerId), runDir.resolve(OPTIMIZER_FILE));
        Safetensors.save(model.stateDict(), meta, runDir.resolve(MODEL_FILE));
    }

    /** Loads {@code path}: a model.safetensors file or a run folder holding one. */
    static RunCheckpoint load(Path path) {
        Path file = Files.isDirectory(path) ? path.resolve(MODEL_FILE) : path;
        if (!Files.exists(file)) {
            throw new UserError(Files.isDirectory(path) ? "no " + MODEL_FILE + " in run folder " + path : "checkpoint not found: " + path);
        }
        Safetensors.Contents c = Safetensors.load(file);
        return new RunCheckpoint(file, ModelSpec.fromMetadata(c.metadata(), file.toString()), c.metadata(), c.tensors());
    }

    /** The model rebuilt from the metadata, with the saved weights loaded (strictly: every key and shape). */
    Module buildModel() {
        Module model = spec.build();
        try {
            model.loadStateDict(weights);
        } catch (IllegalArgumentException e) {
            throw new UserError(modelFile + " does not fit a " + spec.kind().id() + " model: " + e.getMessage(), e);
        }
        return model;
    }

    String data() {
        return metadata.getOrDefault("nabla.data", "digits");
    }

    int epoch() {
        try {
            return Integer.parseInt(metadata.getOrDefault("nabla.epoch", "0"));
        } catch (NumberFormatException e) {
            throw new UserError(modelFile + " has a malformed nabla.epoch: " + metadata.get("nabla.epoch"));
        }
    }

    /** Restores the optimizer state saved beside the model, when it is there and of the same kind; says whether it did. */
    boolean restoreOptimizer(Optimizer optimizer, String optimizerId) {
        Path file = modelFile.resolveSibling(OPTIMIZER_FILE);
        if (!Files.exists(file)) return false;
        Safetensors.Contents c = Safetensors.load(file);
        String saved = c.metadata().get("nabla.optimizer");
        if (saved != null && !saved.equals(optimizerId)) {
            throw new UserError(file + " holds " + saved + " state but --optimizer is " + optimizerId + "; pass --optimizer " + saved);
        }
        try {
            optimizer.loadStateDict(OptimizerState.fromFlatMap(c.tensors()));
        } catch (IllegalArgumentException e) {
            throw new UserError(file + " does not fit this model's optimizer: " + e.getMessage(), e);
        }
        return true;
    }
}
