package dev.nabla.nn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nabla.DType;
import dev.nabla.Nabla;
import dev.nabla.Tensor;
import dev.nabla.autograd.GradCheck;
import dev.nabla.testing.Golden;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code new ReLU(true)} and {@code Sequential.slice} against PyTorch 1.13 (tools/golden/nn_extra_golden.py). */
class ReLUInplaceAndSliceTest {
    private static final JsonNode DOC = Golden.load("nn/extra.json");

    @Test
    void inplaceReluOverwritesItsInputAndBackpropagatesAsPyTorch() {
        JsonNode c = DOC.get("relu_inplace");
        ReLU relu = new ReLU(true);
        assertEquals(c.get("repr").asText(), relu.toString());
        assertEquals(c.get("repr_default").asText(), new ReLU().toString());
        assertTrue(relu.inplace());
        for (boolean training : new boolean[] {true, false}) {
            relu.train(training);
            Tensor leaf = Golden.tensor(c.get("x")).requiresGrad(true);
            Tensor h = leaf.mul(2.0);
            Tensor y = relu.forward(h);
            assertSame(h, y, "in-place ReLU returns its input");
            Golden.assertClose(Golden.tensor(c.get("y")), h, 0, 0, "overwritten input");
            y.mul(Golden.tensor(c.get("w"))).sum().backward();
            Golden.assertClose(Golden.tensor(c.get("gx")), leaf.grad(), 0, 0, "input gradient");
        }
    }

    @Test
    void inplaceReluRefusesALeafThatRequiresGradButNotAPlainTensor() {
        Tensor leaf = Nabla.tensor(new float[] {-1, 2}, 2).requiresGrad(true);
        assertEquals("a leaf Variable that requires grad is being used in an in-place operation.",
                assertThrows(IllegalStateException.class, () -> new ReLU(true).forward(leaf)).getMessage());
        Tensor plain = Nabla.tensor(new float[] {-1, 2}, 2);
        new ReLU(true).forward(plain);
        assertEquals(List.of(0.0, 2.0), List.of(plain.toDoubleArray()[0], plain.toDoubleArray()[1]));
    }

    @Test
    void inplaceReluGradientMatchesFiniteDifferences() {
        Nabla.manualSeed(5);
        Tensor x = Nabla.randn(3, 4).to(DType.FLOAT64).requiresGrad(true);
        assertTrue(GradCheck.check(in -> new ReLU(true).forward(in[0].mul(1.5)), x));
    }

    @Test
    void slicesKeepTheOriginalNamesAndShareTheModules() {
        Sequential model = new Sequential(new Linear(4, 3), new ReLU(), new Linear(3, 2), new Tanh(), new Linear(2, 1));
        Map<String, Module> named = new LinkedHashMap<>();
        named.put("fc", new Linear(2, 2));
        named.put("act", new ReLU());
        named.put("out", new Linear(2, 1));
        Sequential namedModel = new Sequential(named);
        for (JsonNode c : DOC.get("sequential_slices")) {
            Sequential source = c.has("named") ? namedModel : model;
            int from = c.get("start").isNull() ? 0 : c.get("start").asInt();
            Sequential part = c.get("stop").isNull() ? source.slice(from) : source.slice(from, c.get("stop").asInt());
            String what = "[" + c.get("start") + ":" + c.get("stop") + "]";
            assertEquals(c.get("repr").asText(), part.toString(), what);
            assertEquals(strings(c.get("keys")), new ArrayList<>(part.stateDict().keySet()), what);
            assertEquals(strings(c.get("names")), new ArrayList<>(part.namedChildren().keySet()), what);
            List<String> names = strings(c.get("names"));
            for (int i = 0; i < part.size(); i++) {
                assertSame(source.namedChildren().get(names.get(i)), part.get(i), what + " shares module " + names.get(i));
            }
        }
    }

    @Test
    void aSliceComputesWhatTheSameLayersDo() {
        Nabla.manualSeed(1);
        Sequential model = new Sequential(new Linear(4, 3), new ReLU(), new Linear(3, 2));
        Tensor x = Nabla.randn(5, 4);
        Tensor viaSlices = model.slice(1).forward(model.slice(0, 1).forward(x));
        Golden.assertClose(model.forward(x), viaSlices, 0, 0, "model[1:](model[0:1](x))");
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
