package dev.nabla.cli;

import dev.nabla.nn.BatchNorm2d;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Linear;
import dev.nabla.nn.MaxPool2d;
import dev.nabla.nn.ReLU;
import dev.nabla.nn.Sequential;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Everything needed to rebuild a model: the architecture, the shape of one input (without the batch dimension),
 * the number of classes, the hidden width, and how raw inputs were scaled. It travels in the checkpoint's
 * {@code __metadata__} under {@code nabla.*} keys, so {@code eval} and {@code predict} need nothing else.
 */
record ModelSpec(ModelKind kind, int[] inputShape, int classes, int hidden, double inputScale) {
    static final int DEFAULT_HIDDEN = 256;
    /** The dropout of both workload models, the mlp and the cnn (WORKLOADS.md). */
    static final double DROPOUT = 0.3;

    int inputFeatures() {
        return Arrays.stream(inputShape).reduce(1, (a, b) -> a * b);
    }

    Sequential build() {
        int in = inputFeatures();
        return switch (kind) {
            case MLP -> new Sequential(new Flatten(), new Linear(in, hidden), new ReLU(), new Dropout(DROPOUT),
                    new Linear(hidden, classes));
            case LOGREG -> new Sequential(new Flatten(), new Linear(in, classes));
            case CNN -> {
                if (inputShape.length != 3 || inputShape[1] < 4 || inputShape[2] < 4) {
                    throw new UserError("--model cnn needs images of at least 4x4 pixels, but the inputs have shape "
                            + Arrays.toString(inputShape) + "; use --model mlp or logreg");
                }
                // The cnn workload of ../shared/bench/WORKLOADS.md (and nabla bench cnn), for any image size and
                // class count: two conv blocks, the second with batch norm, and a two-layer head.
                int h = inputShape[1] / 4, w = inputShape[2] / 4;
                yield new Sequential(new Conv2d(inputShape[0], 32, 3, 1, 1), new ReLU(), new MaxPool2d(2),
                        new Conv2d(32, 64, 3, 1, 1), new BatchNorm2d(64), new ReLU(), new MaxPool2d(2), new Flatten(),
                        new Linear(64 * h * w, hidden / 2), new ReLU(), new Dropout(DROPOUT),
                        new Linear(hidden / 2, classes));
            }
        };
    }

    Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", "pt");   // the convention of safetensors files holding PyTorch-layout state dicts
        m.put("nabla.model", kind.id());
        m.put("nabla.input_shape", Arrays.stream(inputShape).mapToObj(Integer::toString).collect(Collectors.joining(",")));
        m.put("nabla.classes", Integer.toString(classes));
        m.put("nabla.hidden", Integer.toString(hidden));
        m.put("nabla.input_scale", Double.toString(inputScale));
        return m;
    }

    static ModelSpec fromMetadata(Map<String, String> m, String file) {
        String model = m.get("nabla.model");
        if (model == null) {
            throw new UserError(file + " has no nabla.model entry in its metadata, so the model cannot be rebuilt; "
                    + "was it written by 'nabla train'?");
        }
        try {
            int[] shape = Arrays.stream(require(m, "nabla.input_shape", file).split(",")).mapToInt(Integer::parseInt).toArray();
            return new ModelSpec(ModelKind.fromId(model), shape, Integer.parseInt(require(m, "nabla.classes", file)),
                    Integer.parseInt(m.getOrDefault("nabla.hidden", Integer.toString(DEFAULT_HIDDEN))),
                    Double.parseDouble(m.getOrDefault("nabla.input_scale", "1")));
        } catch (NumberFormatException e) {
            throw new UserError(file + " has malformed nabla.* metadata: " + e.getMessage());
        }
    }

    private static String require(Map<String, String> m, String key, String file) {
        String v = m.get(key);
        if (v == null) throw new UserError(file + " has no " + key + " entry in its metadata");
        return v;
    }
}
