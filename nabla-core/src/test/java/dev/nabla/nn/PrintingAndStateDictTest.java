package dev.nabla.nn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nabla.Nabla;
import dev.nabla.Tensor;
import dev.nabla.testing.Golden;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Printing, state-dict keys and loading, compared with what PyTorch prints and saves for the same models. */
class PrintingAndStateDictTest {
    private static final JsonNode GOLDEN = Golden.load("nn/printing.json");

    /** The same architecture as the Python {@code Net} in nn_golden.py, registered in the same order. */
    static final class Net extends Module {
        Net() {
            registerModule("features", new Sequential(new Linear(8, 16), new BatchNorm1d(16), new GELU(), new Dropout(0.1)));
            registerModule("blocks", new ModuleList(new Linear(16, 16), new LayerNorm(16)));
            Map<String, Module> heads = new LinkedHashMap<>();
            heads.put("cls", new Linear(16, 3, false));
            heads.put("emb", new Embedding(10, 4, 0));
            registerModule("heads", new ModuleDict(heads));
            registerModule("flat", new Flatten());
            registerModule("act", new LeakyReLU(0.2));
            registerModule("norm2", new BatchNorm2d(5, 1e-5, null, false, true));
            registerModule("up", new Unflatten(1, 2, 8));
            Map<String, Module> soft = new LinkedHashMap<>();
            soft.put("sm", new Softmax(1));
            soft.put("lsm", new LogSoftmax(-1));
            soft.put("elu", new ELU());
            soft.put("silu", new SiLU());
            soft.put("tanh", new Tanh());
            soft.put("sig", new Sigmoid());
            soft.put("id", new Identity());
            soft.put("gt", new GELU("tanh"));
            soft.put("relu", new ReLU());
            registerModule("soft", new Sequential(soft));
            registerModule("ln", new LayerNorm(new int[] {2, 3}, 1e-6, false));
            registerModule("bnn", new BatchNorm1d(7, 0.001, 0.01, true, false));
            registerModule("loss", new CrossEntropyLoss().labelSmoothing(0.1));
            registerModule("losses", new ModuleList(new BCELoss(), new BCEWithLogitsLoss(), new NLLLoss(), new MSELoss(),
                    new L1Loss(), new SmoothL1Loss(), new HuberLoss()));
        }

        @Override
        public Tensor forward(Tensor x) {
            return x;
        }
    }

    private static Sequential seedMlp() {
        return new Sequential(new Linear(784, 256), new ReLU(), new Dropout(0.3), new Linear(256, 10));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static void assertShapes(JsonNode expected, Map<String, Tensor> state) {
        int i = 0;
        for (Tensor t : state.values()) {
            JsonNode shape = expected.get(i++);
            int[] s = new int[shape.size()];
            for (int d = 0; d < s.length; d++) s[d] = shape.get(d).asInt();
            assertArrayEquals(s, t.shape());
        }
    }

    @Test
    void seedMlpPrintsAndSavesAsPyTorch() {
        Sequential model = seedMlp();
        JsonNode g = GOLDEN.get("seed_mlp");
        assertEquals(g.get("repr").asText(), model.toString());
        assertEquals(strings(g.get("keys")), List.copyOf(model.stateDict().keySet()));
        assertShapes(g.get("shapes"), model.stateDict());
    }

    @Test
    void nestedModelPrintsAndSavesAsPyTorch() {
        Net net = new Net();
        JsonNode g = GOLDEN.get("net");
        assertEquals(g.get("repr").asText(), net.toString());
        assertEquals(strings(g.get("keys")), List.copyOf(net.stateDict().keySet()));
        assertShapes(g.get("shapes"), net.stateDict());
        assertEquals(strings(g.get("params")), List.copyOf(net.namedParameters().keySet()));
    }

    @Test
    void pyTorchCheckpointLoadsAndComputesTheSameOutputs() {
        JsonNode g = GOLDEN.get("checkpoint");
        Sequential model = new Sequential(new Linear(12, 8), new ReLU(), new Dropout(0.3), new Linear(8, 3));
        Module.IncompatibleKeys keys = model.loadStateDict(NnGolden.state(g.get("state")));
        assertTrue(keys.missingKeys().isEmpty() && keys.unexpectedKeys().isEmpty());
        try (var e = model.evalMode(); var ng = Nabla.noGrad()) {
            Golden.assertClose(Golden.tensor(g.get("y")), model.forward(Golden.tensor(g.get("x"))), 1e-5, 1e-6, "outputs");
        }
    }

    @Test
    void strictLoadCollectsEveryProblemInPyTorchsWordsAndChangesNothing() {
        Sequential model = new Sequential(new Linear(12, 8), new ReLU(), new Dropout(0.3), new Linear(8, 3));
        Map<String, Tensor> before = new LinkedHashMap<>();
        model.stateDict().forEach((k, v) -> before.put(k, v.clone()));
        Map<String, Tensor> bad = NnGolden.state(GOLDEN.get("strict_bad_state"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.loadStateDict(bad));
        assertEquals(GOLDEN.get("strict_error").asText(), e.getMessage());
        model.stateDict().forEach((k, v) -> assertTrue(before.get(k).equal(v), k + " was modified by a failed load"));
    }

    @Test
    void nonStrictLoadReturnsMissingAndUnexpectedKeys() {
        Sequential model = new Sequential(new Linear(3, 2), new ReLU(), new Linear(2, 1));
        Map<String, Tensor> partial = new LinkedHashMap<>();
        partial.put("0.weight", Nabla.ones(2, 3));
        partial.put("head.bias", Nabla.zeros(1));
        Module.IncompatibleKeys keys = model.loadStateDict(partial, false);
        assertEquals(List.of("0.bias", "2.weight", "2.bias"), keys.missingKeys());
        assertEquals(List.of("head.bias"), keys.unexpectedKeys());
        assertTrue(model.stateDict().get("0.weight").equal(Nabla.ones(2, 3)));
    }

    @Test
    void batchNormStateDictCarriesBuffersWithPyTorchsNamesAndTypes() {
        BatchNorm1d bn = new BatchNorm1d(4);
        Map<String, Tensor> sd = bn.stateDict();
        assertEquals(List.of("weight", "bias", "running_mean", "running_var", "num_batches_tracked"), List.copyOf(sd.keySet()));
        assertEquals(dev.nabla.DType.INT64, sd.get("num_batches_tracked").dtype());
        assertEquals(0, sd.get("num_batches_tracked").dim());
        assertEquals(List.of("running_mean", "running_var", "num_batches_tracked"), List.copyOf(bn.namedBuffers().keySet()));
        assertEquals(List.of(), List.copyOf(new BatchNorm1d(4, 1e-5, 0.1, false, false).stateDict().keySet()));
    }

    @Test
    void lossWeightsAreBuffersInTheStateDictAsInPyTorch() {
        CrossEntropyLoss ce = new CrossEntropyLoss(Nabla.tensor(new float[] {1, 2}));
        assertEquals(List.of("weight"), List.copyOf(ce.stateDict().keySet()));
        assertEquals("CrossEntropyLoss()", ce.toString());
        assertTrue(new CrossEntropyLoss().stateDict().isEmpty());
        BCEWithLogitsLoss b = new BCEWithLogitsLoss().posWeight(Nabla.ones(3));
        assertEquals(List.of("pos_weight"), List.copyOf(b.stateDict().keySet()));
    }

    @Test
    void pythonFloatSpelling() {
        assertEquals("1e-05", PyRepr.pyFloat(1e-5));
        assertEquals("0.0001", PyRepr.pyFloat(1e-4));
        assertEquals("0.1", PyRepr.pyFloat(0.1));
        assertEquals("1.0", PyRepr.pyFloat(1));
        assertEquals("-2.5", PyRepr.pyFloat(-2.5));
        assertEquals("1.5e-07", PyRepr.pyFloat(1.5e-7));
        assertEquals("1e+16", PyRepr.pyFloat(1e16));
        assertEquals("123456.0", PyRepr.pyFloat(123456));
        assertEquals("(10,)", PyRepr.pyTuple(new int[] {10}));
        assertEquals("(2, 3)", PyRepr.pyTuple(new int[] {2, 3}));
    }
}
