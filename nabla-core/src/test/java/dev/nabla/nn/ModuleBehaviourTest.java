package dev.nabla.nn;

import dev.nabla.Nabla;
import dev.nabla.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Containers, mode scopes with the layers, concurrent inference, and the loss modules' contract. */
class ModuleBehaviourTest {
    private static Sequential mlp() {
        return new Sequential(new Linear(6, 8), new BatchNorm1d(8), new ReLU(), new Dropout(0.3), new Linear(8, 3));
    }

    @Test
    void sequentialIndexingAddAndIteration() {
        Linear first = new Linear(2, 3);
        ReLU act = new ReLU();
        Sequential s = new Sequential(first, act);
        assertSame(first, s.get(0));
        assertSame(act, s.get(-1));
        assertEquals(2, s.size());
        Linear last = new Linear(3, 1);
        assertSame(s, s.add(last));
        assertSame(last, s.get(2));
        List<Module> seen = new ArrayList<>();
        for (Module m : s) seen.add(m);
        assertEquals(List.of(first, act, last), seen);
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(s.stateDict().keySet()));
        assertThrows(IndexOutOfBoundsException.class, () -> s.get(3));
        Tensor x = Nabla.randn(4, 2);
        assertTrue(s.forward(x).allclose(last.forward(act.forward(first.forward(x)))));
        assertEquals("Sequential()", new Sequential().toString());
        assertSame(x, new Sequential().forward(x));
    }

    @Test
    void moduleListAndModuleDict() {
        ModuleList list = new ModuleList(new Linear(2, 2));
        list.add(new ReLU()).extend(List.of(new Tanh()));
        assertEquals(3, list.size());
        assertTrue(list.get(-1) instanceof Tanh);
        assertEquals(List.of("0.weight", "0.bias"), List.copyOf(list.stateDict().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> list.forward(Nabla.zeros(1)));

        Map<String, Module> init = new LinkedHashMap<>();
        init.put("a", new Linear(2, 1));
        ModuleDict dict = new ModuleDict(init);
        dict.put("b", new ReLU());
        Linear replacement = new Linear(2, 5);
        dict.put("a", replacement);
        assertEquals(List.of("a", "b"), dict.keys());
        assertSame(replacement, dict.get("a"));
        assertEquals(5, ((Linear) dict.get("a")).outFeatures());
        assertTrue(dict.containsKey("b") && !dict.containsKey("c"));
        assertEquals("KeyError: 'c'", assertThrows(IllegalArgumentException.class, () -> dict.get("c")).getMessage());
        assertEquals(List.of("a.weight", "a.bias"), List.copyOf(dict.stateDict().keySet()));
    }

    @Test
    void evalModeScopeRestoresEachModulesOwnFlagAlsoOnException() {
        Sequential model = mlp();
        model.get(3).eval(); // a module the user froze in eval mode on purpose
        Tensor x = Nabla.randn(4, 6);
        assertThrows(IllegalStateException.class, () -> {
            try (var scope = model.evalMode()) {
                for (Module m : model.modules()) assertFalse(m.isTraining());
                model.forward(x);
                throw new IllegalStateException("boom");
            }
        });
        assertTrue(model.isTraining());
        assertTrue(model.get(1).isTraining());
        assertFalse(model.get(3).isTraining(), "the module's own eval flag is kept");
        try (var scope = model.trainMode()) {
            assertTrue(model.get(3).isTraining());
        }
        assertFalse(model.get(3).isTraining());
    }

    @Test
    void evalModeGivesDeterministicOutputsAndTrainingDoesNot() {
        Nabla.manualSeed(0);
        Sequential model = mlp();
        Tensor x = Nabla.randn(16, 6);
        Tensor a, b;
        try (var scope = model.evalMode(); var g = Nabla.noGrad()) {
            a = model.forward(x);
            b = model.forward(x);
            assertFalse(a.requiresGrad());
        }
        assertTrue(a.equal(b));
        assertFalse(model.forward(x).equal(model.forward(x)), "dropout draws a new mask in training");
    }

    @Test
    void manyThreadsShareOneModelInEvalMode() throws Exception {
        Nabla.manualSeed(1);
        Sequential model = new Sequential(new Linear(32, 64), new BatchNorm1d(64), new GELU(), new Dropout(0.5),
                new LayerNorm(64), new Linear(64, 10), new LogSoftmax(1));
        for (int i = 0; i < 3; i++) model.forward(Nabla.randn(16, 32)); // non-trivial running statistics
        model.eval();
        int threads = 8, inputs = 6;
        List<Tensor> xs = new ArrayList<>();
        for (int i = 0; i < inputs; i++) xs.add(Nabla.randn(20, 32));
        List<Tensor> expected = new ArrayList<>();
        try (var g = Nabla.noGrad()) {
            for (Tensor x : xs) expected.add(model.forward(x));
        }
        Map<String, Tensor> stateBefore = new LinkedHashMap<>();
        model.stateDict().forEach((k, v) -> stateBefore.put(k, v.clone()));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Boolean>> jobs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                final int offset = t;
                jobs.add(() -> {
                    try (var g = Nabla.noGrad()) {
                        for (int rep = 0; rep < 25; rep++) {
                            int i = (rep + offset) % inputs;
                            if (!model.forward(xs.get(i)).equal(expected.get(i))) return false;
                        }
                    }
                    return true;
                });
            }
            for (Future<Boolean> f : pool.invokeAll(jobs)) assertTrue(f.get(), "a thread saw a different result");
        } finally {
            pool.shutdown();
        }
        model.stateDict().forEach((k, v) -> assertTrue(stateBefore.get(k).equal(v), k + " changed during inference"));
    }

    @Test
    void aLossNeedsATarget() {
        CrossEntropyLoss ce = new CrossEntropyLoss();
        var e = assertThrows(IllegalArgumentException.class, () -> ce.forward(Nabla.randn(2, 3)));
        assertTrue(e.getMessage().contains("forward(input, target)"));
        assertEquals("mean", ce.reduction());
        assertEquals("banana is not a valid value for reduction",
                assertThrows(IllegalArgumentException.class, () -> new MSELoss("banana")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ce.reduction("avg"));
        assertEquals("label_smoothing must be between 0.0 and 1.0. Got: 1.5",
                assertThrows(IllegalArgumentException.class, () -> ce.labelSmoothing(1.5)).getMessage());
        for (Loss l : List.of(new BCELoss(), new BCEWithLogitsLoss(), new CrossEntropyLoss(), new NLLLoss(), new MSELoss(),
                new L1Loss(), new SmoothL1Loss(), new HuberLoss())) {
            assertEquals(l.getClass().getSimpleName() + "()", l.toString());
        }
    }

    @Test
    void lossErrorsInPyTorchsWords() {
        Tensor p = Nabla.rand(3, 1);
        var bce = assertThrows(IllegalArgumentException.class, () -> new BCELoss().forward(p, Nabla.rand(3)));
        assertEquals("Using a target size (torch.Size([3])) that is different to the input size (torch.Size([3, 1])) is "
                + "deprecated. Please ensure they have the same size.", bce.getMessage());
        assertEquals("all elements of input should be between 0 and 1",
                assertThrows(IllegalArgumentException.class,
                        () -> new BCELoss().forward(Nabla.tensor(new float[] {0.5f, 1.5f}), Nabla.ones(2))).getMessage());
        assertEquals("Target size (torch.Size([3])) must be the same as input size (torch.Size([3, 1]))",
                assertThrows(IllegalArgumentException.class, () -> new BCEWithLogitsLoss().forward(p, Nabla.rand(3))).getMessage());
        assertEquals("Expected input batch_size (3) to match target batch_size (4).",
                assertThrows(IllegalArgumentException.class,
                        () -> new CrossEntropyLoss().forward(Nabla.randn(3, 5), Nabla.tensor(new long[] {0, 1, 2, 3}))).getMessage());
        assertEquals("Expected input batch_size (3) to match target batch_size (4).",
                assertThrows(IllegalArgumentException.class,
                        () -> new NLLLoss().forward(Nabla.randn(3, 5), Nabla.tensor(new long[] {0, 1, 2, 3}))).getMessage());
        assertEquals("Target 7 is out of bounds.",
                assertThrows(IndexOutOfBoundsException.class,
                        () -> new CrossEntropyLoss().forward(Nabla.randn(2, 5), Nabla.tensor(new long[] {0, 7}))).getMessage());
        assertEquals("expected scalar type Long but found Float",
                assertThrows(IllegalArgumentException.class,
                        () -> new NLLLoss().forward(Nabla.randn(2, 5), Nabla.tensor(new float[] {0, 1}))).getMessage());
        assertEquals("weight tensor should be defined either for all 5 classes or no classes but got weight tensor of shape: [4]",
                assertThrows(IllegalArgumentException.class,
                        () -> new NLLLoss(Nabla.ones(4)).forward(Nabla.randn(2, 5), Nabla.tensor(new long[] {0, 1}))).getMessage());
        // MSE with a broadcastable target only warns (as PyTorch) and broadcasts.
        assertEquals(0, new MSELoss().forward(Nabla.ones(3, 1), Nabla.ones(3)).item());
    }

    @Test
    void seedProgramStyleTrainingStepReducesTheLoss() {
        Nabla.manualSeed(0);
        Sequential model = new Sequential(new Linear(10, 16), new ReLU(), new Dropout(0.1), new Linear(16, 3));
        Tensor x = Nabla.randn(64, 10);
        Tensor y = x.narrow(1, 0, 3).argmax(1);
        CrossEntropyLoss criterion = new CrossEntropyLoss();
        double first = 0, last = 0;
        for (int step = 0; step < 60; step++) {
            model.zeroGrad();
            Tensor loss = criterion.forward(model.forward(x), y);
            loss.backward();
            try (var g = Nabla.noGrad()) {
                for (Tensor p : model.parameters()) p.sub_(p.grad().mul(0.5));
            }
            if (step == 0) first = loss.item();
            last = loss.item();
        }
        assertTrue(last < first * 0.5, "loss went from " + first + " to " + last);
    }
}
