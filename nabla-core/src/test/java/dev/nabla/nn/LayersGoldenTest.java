package dev.nabla.nn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nabla.Tensor;
import dev.nabla.testing.Golden;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Every layer against PyTorch (tools/golden/nn_golden.py): from the same state dict, in training and in eval
 * mode, the output, the input gradient, every parameter gradient and the state after the step; and its printing.
 */
class LayersGoldenTest {
    private static final Map<String, Supplier<Module>> FACTORIES = Map.ofEntries(
            Map.entry("Linear", () -> new Linear(6, 3)),
            Map.entry("LinearNoBias", () -> new Linear(6, 3, false)),
            Map.entry("Linear3d", () -> new Linear(6, 2)),
            Map.entry("ReLU", ReLU::new),
            Map.entry("LeakyReLU", () -> new LeakyReLU(0.2)),
            Map.entry("ELU", () -> new ELU(0.5)),
            Map.entry("GELU", GELU::new),
            Map.entry("GELUTanh", () -> new GELU("tanh")),
            Map.entry("SiLU", SiLU::new),
            Map.entry("Sigmoid", Sigmoid::new),
            Map.entry("Tanh", Tanh::new),
            Map.entry("Softmax", () -> new Softmax(1)),
            Map.entry("LogSoftmax", () -> new LogSoftmax(1)),
            Map.entry("Softmax0", () -> new Softmax(0)),
            Map.entry("Identity", Identity::new),
            Map.entry("Flatten", Flatten::new),
            Map.entry("Flatten02", () -> new Flatten(0, 2)),
            Map.entry("Unflatten", () -> new Unflatten(1, 2, 3)),
            Map.entry("LayerNorm", () -> new LayerNorm(6)),
            Map.entry("LayerNorm2", () -> new LayerNorm(3, 4)),
            Map.entry("LayerNormNoAffine", () -> new LayerNorm(new int[] {6}, 1e-3, false)),
            Map.entry("Embedding", () -> new Embedding(5, 3)),
            Map.entry("EmbeddingPad", () -> new Embedding(5, 3, 2)),
            Map.entry("BatchNorm1d", () -> new BatchNorm1d(6)),
            Map.entry("BatchNorm1d3d", () -> new BatchNorm1d(3)),
            Map.entry("BatchNorm1dNoAffine", () -> new BatchNorm1d(6, 1e-5, 0.1, false, true)),
            Map.entry("BatchNorm1dNoStats", () -> new BatchNorm1d(6, 1e-5, 0.1, true, false)),
            Map.entry("BatchNorm1dCumulative", () -> new BatchNorm1d(6, 1e-3, null, true, true)),
            Map.entry("BatchNorm2d", () -> new BatchNorm2d(3)));

    @TestFactory
    List<DynamicTest> everyLayerMatchesPyTorch() {
        JsonNode cases = Golden.load("nn/layers.json").get("cases");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases) {
            String name = c.get("name").asText();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                assertNotNull(FACTORIES.get(name), "no factory for " + name);
                for (String mode : List.of("train", "eval")) check(name, c, mode);
            }));
        }
        assertEquals(FACTORIES.size(), tests.size(), "every factory has a golden case");
        return tests;
    }

    private static void check(String name, JsonNode c, String mode) {
        Module m = FACTORIES.get(name).get();
        assertEquals(c.get("repr").asText(), m.toString(), name + ": printing");
        m.loadStateDict(NnGolden.state(c.get("state")));
        m.train(mode.equals("train"));
        JsonNode expected = c.get(mode);
        Tensor x = Golden.tensor(c.get("x"));
        if (x.dtype().isFloatingPoint()) x.requiresGrad(true);
        Tensor y = m.forward(x);
        String what = name + " (" + mode + ")";
        Golden.assertClose(Golden.tensor(expected.get("y")), y, 1e-4, 1e-5, what + ": output");
        y.mul(Golden.tensor(expected.get("gy"))).sum().backward();
        Tensor gx = NnGolden.tensor(expected.get("gx"));
        if (gx == null) assertNull(x.grad(), what + ": input gradient");
        else Golden.assertClose(gx, x.grad(), 1e-4, 1e-5, what + ": input gradient");
        Map<String, Tensor> params = m.namedParameters();
        expected.get("grads").fields().forEachRemaining(e ->
                Golden.assertClose(Golden.tensor(e.getValue()), params.get(e.getKey()).grad(), 1e-4, 1e-5,
                        what + ": gradient of " + e.getKey()));
        Map<String, Tensor> after = m.stateDict();
        Map<String, Tensor> expectedAfter = NnGolden.state(expected.get("state_after"));
        assertEquals(List.copyOf(expectedAfter.keySet()), List.copyOf(after.keySet()), what + ": state-dict keys");
        expectedAfter.forEach((k, v) -> {
            Golden.assertSameDtype(v, after.get(k), what + ": " + k);
            Golden.assertClose(v, after.get(k), 1e-4, 1e-6, what + ": state " + k);
        });
    }
}
