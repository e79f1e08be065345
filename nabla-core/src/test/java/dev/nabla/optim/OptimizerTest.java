package dev.nabla.optim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nabla.Nabla;
import dev.nabla.Tensor;
import dev.nabla.testing.Golden;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Optimizer behaviour beyond the golden trajectories: state dicts, groups, zeroGrad, grad mode, validation. */
class OptimizerTest {
    private static final TinyMlp MLP = new TinyMlp(Golden.load("optim/sgd.json"));

    private static final List<Function<List<Tensor>, Optimizer>> KINDS = List.of(
            p -> new SGD(p, 0.05).momentum(0.9).nesterov(true).weightDecay(1e-3),
            p -> new Adam(p, 0.01).amsgrad(true).weightDecay(0.01),
            p -> new AdamW(p, 0.01).betas(0.8, 0.99),
            p -> new RMSprop(p, 0.005).momentum(0.5).centered(true),
            p -> new Adagrad(p, 0.1).lrDecay(0.01).initialAccumulatorValue(0.1));

    @Test
    void stateDictRoundTripResumesExactly() {
        for (Function<List<Tensor>, Optimizer> make : KINDS) {
            List<Tensor> straight = MLP.freshParams();
            Optimizer a = make.apply(straight);
            for (int i = 0; i < 20; i++) MLP.trainStep(a, straight);

            List<Tensor> resumed = MLP.freshParams();
            Optimizer b = make.apply(resumed);
            for (int i = 0; i < 10; i++) MLP.trainStep(b, resumed);
            // Save through the flat, safetensors-ready form; restore into a fresh optimizer over copied weights.
            Map<String, Tensor> flat = b.stateDict().toFlatMap("optimizer.");
            List<Tensor> copy = resumed.stream().map(t -> t.detach().clone().requiresGrad(true)).toList();
            Optimizer c = make.apply(copy);
            c.paramGroups().get(0).lr(123.0); // overwritten by the load
            c.loadStateDict(OptimizerState.fromFlatMap(flat, "optimizer."));
            assertEquals(b.paramGroups().get(0).options(), c.paramGroups().get(0).options(), a.getClass().getSimpleName());
            for (int i = 0; i < 10; i++) MLP.trainStep(c, copy);

            for (int i = 0; i < straight.size(); i++) {
                assertArrayEquals(straight.get(i).toFloatArray(), copy.get(i).toFloatArray(),
                        a.getClass().getSimpleName() + ": parameter " + i + " after 10 + 10 steps");
            }
        }
    }

    @Test
    void savedStateDictIsASnapshot() {
        List<Tensor> p = MLP.freshParams();
        SGD opt = new SGD(p, 0.1).momentum(0.9);
        MLP.trainStep(opt, p);
        OptimizerState saved = opt.stateDict();
        float[] before = saved.state().get(0).get("momentum_buffer").toFloatArray();
        MLP.trainStep(opt, p);
        assertArrayEquals(before, saved.state().get(0).get("momentum_buffer").toFloatArray());
    }

    @Test
    void flatMapEncodesOptionsAsTensors() {
        List<Tensor> p = MLP.freshParams();
        Adam opt = new Adam(p, 0.01).betas(0.8, 0.95);
        MLP.trainStep(opt, p);
        Map<String, Tensor> flat = opt.stateDict().toFlatMap();
        assertEquals(0, flat.get("param_groups.0.lr").dim());
        assertEquals(0.01, flat.get("param_groups.0.lr").item());
        assertArrayEquals(new double[] {0.8, 0.95}, flat.get("param_groups.0.betas").toDoubleArray());
        assertArrayEquals(new long[] {0, 1, 2, 3}, flat.get("param_groups.0.params").toLongArray());
        assertEquals(0.0, flat.get("param_groups.0.amsgrad").item());
        assertEquals(1.0, flat.get("state.3.step").item());
        assertArrayEquals(new int[] {8, 4}, flat.get("state.0.exp_avg").shape());

        OptimizerState back = OptimizerState.fromFlatMap(flat);
        assertEquals(opt.stateDict().paramGroups(), back.paramGroups());
        assertEquals(List.of("step", "exp_avg", "exp_avg_sq"), List.copyOf(back.state().get(2).keySet()));
        assertThrows(IllegalArgumentException.class, () -> OptimizerState.fromFlatMap(Map.of("weights", Nabla.zeros(1))));
    }

    @Test
    void loadsPyTorchsStateDict() {
        // PyTorch's Adam state after 20 steps, fed to a fresh optimizer: it adopts the moments, step and options.
        JsonNode run = Golden.load("optim/adam.json").get("runs").get(1);
        JsonNode state = run.get("state");
        Map<Integer, Map<String, Tensor>> tensors = new java.util.LinkedHashMap<>();
        state.get("state").fields().forEachRemaining(e -> {
            Map<String, Tensor> m = new java.util.LinkedHashMap<>();
            e.getValue().fields().forEachRemaining(f -> m.put(f.getKey(), Golden.tensor(f.getValue())));
            tensors.put(Integer.parseInt(e.getKey()), m);
        });
        Map<String, Object> group = new java.util.LinkedHashMap<>();
        state.get("param_groups").get(0).fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            if (v.isBoolean()) group.put(e.getKey(), v.asBoolean());
            else if (v.isArray() && e.getKey().equals("params")) group.put(e.getKey(), List.of(0, 1, 2, 3));
            else if (v.isArray()) group.put(e.getKey(), List.of(v.get(0).asDouble(), v.get(1).asDouble()));
            else group.put(e.getKey(), v.asDouble());
        });
        List<Tensor> p = MLP.freshParams();
        Adam opt = new Adam(p);
        opt.loadStateDict(new OptimizerState(tensors, List.of(group)));
        assertEquals(0.02, opt.paramGroups().get(0).lr());
        assertArrayEquals(new double[] {0.8, 0.95}, opt.paramGroups().get(0).getPair("betas"));
        assertEquals(20.0, opt.state(p.get(0)).get("step").item());
        Golden.assertClose(tensors.get(2).get("exp_avg_sq"), opt.state(p.get(2)).get("exp_avg_sq"), "exp_avg_sq");
    }

    @Test
    void loadValidatesGroups() {
        List<Tensor> p = MLP.freshParams();
        SGD one = new SGD(p, 0.1);
        SGD two = new SGD(p.subList(0, 2), 0.1);
        two.addParamGroup(new ParamGroup(p.subList(2, 4)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> one.loadStateDict(two.stateDict()));
        assertEquals("loaded state dict has a different number of parameter groups", e.getMessage());

        SGD three = new SGD(p.subList(0, 3), 0.1);
        three.addParamGroup(new ParamGroup(p.subList(3, 4)));
        e = assertThrows(IllegalArgumentException.class, () -> three.loadStateDict(two.stateDict()));
        assertEquals("loaded state dict contains a parameter group that doesn't match the size of optimizer's group", e.getMessage());

        SGD other = new SGD(List.of(Nabla.zeros(5).requiresGrad(true)), 0.1).momentum(0.9);
        other.paramGroups().get(0).params().get(0).setGrad(Nabla.ones(5));
        other.step();
        SGD small = new SGD(List.of(Nabla.zeros(2).requiresGrad(true)), 0.1).momentum(0.9);
        e = assertThrows(IllegalArgumentException.class, () -> small.loadStateDict(other.stateDict()));
        assertTrue(e.getMessage().contains("'momentum_buffer' of shape [5] but the parameter has shape [2]"), e.getMessage());
    }

    @Test
    void groupsKeepTheirOwnOptions() {
        List<Tensor> p = MLP.freshParams();
        SGD opt = new SGD(p.subList(0, 2), 0.1);
        opt.addParamGroup(new ParamGroup(p.subList(2, 4), Map.of("lr", 0.01, "momentum", 0.5)));
        opt.momentum(0.9).weightDecay(1e-4);
        ParamGroup first = opt.paramGroups().get(0), second = opt.paramGroups().get(1);
        assertEquals(0.1, first.lr());
        assertEquals(0.9, first.getDouble("momentum"));
        assertEquals(0.01, second.lr());
        assertEquals(0.5, second.getDouble("momentum"), "a group's own option survives the fluent default");
        assertEquals(1e-4, second.getDouble("weight_decay"), "options the group did not set follow the defaults");

        // Each group steps with its own lr: plain SGD moves by lr * grad.
        for (Tensor t : p) t.setGrad(Nabla.onesLike(t));
        float w1 = p.get(0).toFloatArray()[0], w2 = p.get(2).toFloatArray()[0];
        new SGD(p.subList(0, 2), 0.1).step();
        assertEquals(w1 - 0.1f, p.get(0).toFloatArray()[0], 1e-7);
        SGD two = new SGD(p.subList(0, 2), 0.1);
        two.addParamGroup(new ParamGroup(p.subList(2, 4), Map.of("lr", 0.01)));
        two.step();
        assertEquals(w2 - 0.01f, p.get(2).toFloatArray()[0], 1e-7);
    }

    @Test
    void zeroGradSetsToNullOrZeroesInPlace() {
        List<Tensor> p = MLP.freshParams();
        SGD opt = new SGD(p, 0.1);
        MLP.loss(p).backward();
        assertNotNull(p.get(0).grad());
        opt.zeroGrad(true);
        for (Tensor t : p) assertNull(t.grad());

        MLP.loss(p).backward();
        Tensor g = p.get(0).grad();
        opt.zeroGrad();
        assertSame(g, p.get(0).grad(), "zeroGrad() keeps the tensor, as PyTorch 1.13's set_to_none=False");
        for (Tensor t : p) for (float v : t.grad().toFloatArray()) assertEquals(0f, v);
        // Accumulating into the zeroed gradient gives a single backward's gradient.
        MLP.loss(p).backward();
        float[] once = p.get(0).grad().toFloatArray();
        opt.zeroGrad();
        MLP.loss(p).backward();
        assertArrayEquals(p.get(0).grad().toFloatArray(), once);
    }

    @Test
    void stepRunsUnderNoGradAndSkipsParametersWithoutGrad() {
        List<Tensor> p = MLP.freshParams();
        Adam opt = new Adam(p, 0.1);
        p.get(1).setGrad(Nabla.onesLike(p.get(1)));
        float[] w = p.get(0).toFloatArray(), b = p.get(1).toFloatArray();
        opt.step();
        assertTrue(Nabla.isGradEnabled(), "grad mode restored");
        assertArrayEquals(w, p.get(0).toFloatArray(), "no grad, no update");
        assertTrue(opt.state(p.get(0)).isEmpty());
        assertFalse(java.util.Arrays.equals(b, p.get(1).toFloatArray()));
        for (Tensor t : p) {
            assertTrue(t.isLeaf());
            assertTrue(t.requiresGrad());
        }
    }

    @Test
    void stepBumpsTheVersionSoStaleGraphsFail() {
        Tensor w = Nabla.tensor(new float[] {1, 2, 3}).requiresGrad(true);
        SGD opt = new SGD(List.of(w), 0.1);
        w.setGrad(Nabla.onesLike(w));
        Tensor loss = w.mul(w).sum(); // saves w for backward
        opt.step();
        RuntimeException e = assertThrows(RuntimeException.class, loss::backward);
        assertTrue(e.getMessage().contains("inplace"), e.getMessage());
    }

    @Test
    void nonContiguousParametersTakeTheTensorOpPath() {
        // A transposed leaf is not contiguous: its update goes through tensor ops and must agree with the fused loop.
        Tensor base = Nabla.randn(4, 3);
        Tensor strided = base.t().requiresGrad(true);
        Tensor dense = base.t().contiguous().requiresGrad(true);
        assertFalse(strided.isContiguous());
        for (Function<List<Tensor>, Optimizer> make : KINDS) {
            Optimizer a = make.apply(List.of(strided)), b = make.apply(List.of(dense));
            for (int i = 0; i < 5; i++) {
                for (Tensor t : List.of(strided, dense)) {
                    t.setGrad(null);
                    t.mul(t).tanh().sum().backward();
                }
                a.step();
                b.step();
            }
            Golden.assertClose(dense, strided, 1e-5, 1e-6, a.getClass().getSimpleName() + " strided vs dense");
        }
    }

    @Test
    void validationSpeaksPyTorch() {
        List<Tensor> p = MLP.freshParams();
        assertEquals("Invalid learning rate: -1.0",
                assertThrows(IllegalArgumentException.class, () -> new SGD(p, -1)).getMessage());
        assertEquals("Invalid momentum value: -0.5",
                assertThrows(IllegalArgumentException.class, () -> new SGD(p, 0.1).momentum(-0.5)).getMessage());
        SGD nesterov = new SGD(p, 0.1).nesterov(true);
        assertEquals("Nesterov momentum requires a momentum and zero dampening",
                assertThrows(IllegalArgumentException.class, nesterov::step).getMessage());
        nesterov.momentum(0.9).step(); // fine once momentum is set, whatever the order of the fluent calls
        assertEquals("Invalid beta parameter at index 1: 1.0",
                assertThrows(IllegalArgumentException.class, () -> new Adam(p).betas(0.9, 1.0)).getMessage());
        assertEquals("Invalid epsilon value: -1e-08",
                assertThrows(IllegalArgumentException.class, () -> new AdamW(p).eps(-1e-8)).getMessage());
        assertEquals("Invalid weight_decay value: -0.1",
                assertThrows(IllegalArgumentException.class, () -> new RMSprop(p).weightDecay(-0.1)).getMessage());
        assertEquals("Invalid lr_decay value: -1.0",
                assertThrows(IllegalArgumentException.class, () -> new Adagrad(p).lrDecay(-1)).getMessage());
        assertEquals("optimizer got an empty parameter list",
                assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(), 0.1)).getMessage());
        SGD opt = new SGD(p, 0.1);
        assertEquals("some parameters appear in more than one parameter group",
                assertThrows(IllegalArgumentException.class, () -> opt.addParamGroup(new ParamGroup(p.subList(0, 1)))).getMessage());
        Tensor nonLeaf = p.get(0).mul(2);
        assertEquals("can't optimize a non-leaf Tensor",
                assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(nonLeaf), 0.1)).getMessage());
        assertEquals("Invalid learning rate: -0.5", assertThrows(IllegalArgumentException.class,
                () -> opt.addParamGroup(new ParamGroup(List.of(Nabla.zeros(1).requiresGrad(true)), Map.of("lr", -0.5)))).getMessage());
    }

    @Test
    void defaultsMatchPyTorch() {
        List<Tensor> p = MLP.freshParams();
        assertEquals(1e-3, new Adam(p).paramGroups().get(0).lr());
        assertEquals(0.0, new Adam(p).paramGroups().get(0).getDouble("weight_decay"));
        assertEquals(1e-2, new AdamW(p).paramGroups().get(0).getDouble("weight_decay"));
        assertEquals(List.of("lr", "momentum", "dampening", "weight_decay", "nesterov", "maximize"),
                List.copyOf(new SGD(p, 0.1).defaults().keySet()));
        assertEquals(0.99, new RMSprop(p).defaults().get("alpha"));
        assertEquals(1e-10, new Adagrad(p).defaults().get("eps"));
    }

    @Test
    void closureStepReturnsTheLoss() {
        List<Tensor> p = MLP.freshParams();
        SGD opt = new SGD(p, 0.1);
        Tensor loss;
        try (var noGrad = Nabla.noGrad()) {
            loss = opt.step(() -> {
                opt.zeroGrad();
                Tensor l = MLP.loss(p);
                l.backward();
                return l;
            });
        }
        assertTrue(MLP.loss(p).item() < loss.item());
    }

    @Test
    void printsLikePyTorch() {
        SGD opt = new SGD(MLP.freshParams(), 0.05).momentum(0.9);
        assertEquals("SGD (\nParameter Group 0\n    dampening: 0.0\n    lr: 0.05\n    maximize: False\n    momentum: 0.9\n"
                + "    nesterov: False\n    weight_decay: 0.0\n)", opt.toString());
        assertTrue(new Adam(MLP.freshParams()).toString().contains("    betas: (0.9, 0.999)\n"));
    }

    @Test
    void loadedOptionsEqualToTheDefaultsFollowFluentSetters() {
        List<Tensor> p = MLP.freshParams();
        SGD saved = new SGD(p, 0.1);
        saved.paramGroups().get(0).set("dampening", 0.2);
        SGD fresh = new SGD(p, 0.1);
        fresh.loadStateDict(saved.stateDict());
        fresh.momentum(0.9).dampening(0.0);
        assertEquals(0.9, fresh.paramGroups().get(0).getDouble("momentum"));
        assertEquals(0.2, fresh.paramGroups().get(0).getDouble("dampening"), "a loaded non-default option stays");
    }

    @Test
    void pythonStyleNumbersInMessages() {
        assertEquals("1e-05", Options.fmt(1e-5));
        assertEquals("0.001", Options.fmt(0.001));
        assertEquals("-1.0", Options.fmt(-1));
        assertEquals("1e+16", Options.fmt(1e16));
        assertEquals("2.5e-07", Options.fmt(2.5e-7));
    }
}
