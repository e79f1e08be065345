package dev.nabla.nn.conv;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nabla.DType;
import dev.nabla.Nabla;
import dev.nabla.Tensor;
import dev.nabla.nn.AdaptiveAvgPool2d;
import dev.nabla.nn.BatchNorm2d;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Linear;
import dev.nabla.nn.MaxPool2d;
import dev.nabla.nn.Module;
import dev.nabla.nn.ReLU;
import dev.nabla.nn.Sequential;
import dev.nabla.testing.Golden;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The `cnn` workload model and the customer's convolutional stem: PyTorch's state dict loads, eval mode
 * reproduces PyTorch's output, a training step runs, and the stem of SeedImageClassifier builds and runs.
 */
class CnnModelTest {

    static Sequential cnn() {
        return new Sequential(new Conv2d(1, 32, 3, 1, 1), new ReLU(), new MaxPool2d(2), new Conv2d(32, 64, 3, 1, 1),
                new BatchNorm2d(64), new ReLU(), new MaxPool2d(2), new Flatten(), new Linear(3136, 128), new ReLU(),
                new Dropout(0.3), new Linear(128, 10));
    }

    /** The parameter formula of tools/golden/conv_golden.py (formula_fill), so the JSON need not hold the weights. */
    private static Map<String, Tensor> formulaStateDict(Module model) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        int k = 0;
        for (var e : model.stateDict().entrySet()) {
            Tensor t = e.getValue();
            int[] shape = t.shape();
            if (t.dtype() == DType.INT64) {
                out.put(e.getKey(), Nabla.full(3, DType.INT64, shape));
                k++;
                continue;
            }
            int n = (int) t.numel();
            double scale = 0.5 / Math.sqrt(Math.max(1, (double) n / Math.max(1, shape[0])));
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                double x = e.getKey().endsWith("running_var") ? 1 + 0.5 * Math.pow(Math.cos(i * 0.11 + k), 2)
                        : Math.sin(i * 0.37 + k) * scale;
                v[i] = (float) x;
            }
            out.put(e.getKey(), Nabla.tensor(v, shape));
            k++;
        }
        return out;
    }

    @Test
    void pyTorchStateDictGivesPyTorchOutputs() {
        JsonNode g = Golden.load("conv/cnn_model.json");
        Sequential model = cnn();
        assertEquals(g.get("repr").asText(), model.toString());
        List<String> keys = new ArrayList<>();
        g.get("keys").forEach(n -> keys.add(n.asText()));
        assertEquals(keys, List.copyOf(model.stateDict().keySet()));
        model.loadStateDict(formulaStateDict(model));
        model.eval();
        try (var ng = Nabla.noGrad()) {
            Tensor out = model.forward(Golden.tensor(g.get("input")));
            Golden.assertClose(Golden.tensor(g.get("output")), out, 1e-4, 1e-4, "cnn eval output");
        }
    }

    @Test
    void trainingStepReducesTheLoss() {
        Nabla.manualSeed(0);
        Sequential model = cnn();
        Tensor x = Nabla.rand(16, 1, 28, 28);
        Tensor y = Nabla.randint(0, 10, 16);
        double first = 0, last = 0;
        for (int step = 0; step < 5; step++) {
            model.zeroGrad();
            Tensor loss = dev.nabla.nn.functional.F.crossEntropy(model.forward(x), y);
            loss.backward();
            try (var ng = Nabla.noGrad()) {
                for (Tensor p : model.parameters()) p.sub_(p.grad().mul(0.05));
            }
            if (step == 0) first = loss.item();
            last = loss.item();
        }
        assertTrue(last < first, "five SGD steps on one batch reduce its loss: " + first + " -> " + last);
        for (Tensor p : model.parameters()) assertTrue(p.grad().ne(p.grad()).logicalNot().all(), "no NaN gradient");
    }

    /** The convolutional stem of the customer's SeedImageClassifier, as written there. */
    @Test
    void seedImageClassifierStemRuns() {
        Nabla.manualSeed(0);
        Sequential net = new Sequential(
                new Conv2d(1, 64, 3, 1, 1), new BatchNorm2d(64), new ReLU(), new MaxPool2d(2),
                new Conv2d(64, 128, 3, 1, 1), new BatchNorm2d(128), new ReLU(), new MaxPool2d(2),
                new Conv2d(128, 256, 3, 1, 1), new BatchNorm2d(256), new ReLU(), new MaxPool2d(2),
                new Conv2d(256, 256, 3, 1, 1), new ReLU(), new AdaptiveAvgPool2d(4, 4),
                new Flatten(), new Linear(256 * 4 * 4, 128), new ReLU(), new Linear(128, 10));
        net.eval();
        try (var ng = Nabla.noGrad()) {
            Tensor out = net.forward(Nabla.randn(2, 1, 28, 28));
            assertArrayEquals(new int[] {2, 10}, out.shape());
            assertFalse(out.requiresGrad());
        }
    }
}
