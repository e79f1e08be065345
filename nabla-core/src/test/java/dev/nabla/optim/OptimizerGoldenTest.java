package dev.nabla.optim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nabla.DType;
import dev.nabla.Tensor;
import dev.nabla.testing.Golden;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 20-step trajectories of every optimizer against PyTorch 1.13 (tools/golden/optim_golden.py): the loss of every
 * step, every parameter at checkpoint steps, and the final state dict (state tensors and group options).
 */
class OptimizerGoldenTest {

    @TestFactory
    Stream<DynamicTest> sgd() {
        return runs("optim/sgd.json");
    }

    @TestFactory
    Stream<DynamicTest> adamAndAdamW() {
        return runs("optim/adam.json");
    }

    @TestFactory
    Stream<DynamicTest> rmspropAndAdagrad() {
        return runs("optim/rmsprop_adagrad.json");
    }

    /** The tensor-op path (float64 parameters) follows the same trajectory as the fused float32 loop. */
    @TestFactory
    Stream<DynamicTest> float64ParametersFollowTheSameTrajectory() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String file : List.of("optim/sgd.json", "optim/adam.json", "optim/rmsprop_adagrad.json")) {
            JsonNode doc = Golden.load(file);
            TinyMlp mlp = new TinyMlp(doc);
            for (JsonNode run : doc.get("runs")) {
                tests.add(DynamicTest.dynamicTest(run.get("name").asText() + " (float64)", () -> {
                    List<Tensor> params = mlp.freshParams(DType.FLOAT64);
                    Optimizer opt = build(run, params);
                    int steps = doc.get("steps").asInt();
                    for (int s = 1; s <= steps; s++) mlp.trainStep(opt, params);
                    JsonNode last = run.get("checkpoints").get(String.valueOf(steps));
                    for (int i = 0; i < params.size(); i++) {
                        Golden.assertClose(Golden.tensor(last.get(TinyMlp.NAMES[i])).toDouble(), params.get(i), 1e-4, 1e-5,
                                run.get("name").asText() + " float64 " + TinyMlp.NAMES[i]);
                    }
                }));
            }
        }
        return tests.stream();
    }

    private Stream<DynamicTest> runs(String file) {
        JsonNode doc = Golden.load(file);
        TinyMlp mlp = new TinyMlp(doc);
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode run : doc.get("runs")) {
            tests.add(DynamicTest.dynamicTest(run.get("name").asText(), () -> check(doc, mlp, run)));
        }
        return tests.stream();
    }

    private static void check(JsonNode doc, TinyMlp mlp, JsonNode run) {
        String name = run.get("name").asText();
        List<Tensor> params = mlp.freshParams();
        Optimizer opt = build(run, params);
        int steps = doc.get("steps").asInt();
        for (int s = 1; s <= steps; s++) {
            double loss = mlp.trainStep(opt, params);
            double expected = run.get("losses").get(s - 1).asDouble();
            assertEquals(expected, loss, 1e-5 + 1e-4 * Math.abs(expected), name + ": loss at step " + s);
            JsonNode checkpoint = run.get("checkpoints").get(String.valueOf(s));
            if (checkpoint != null) {
                for (int i = 0; i < params.size(); i++) {
                    Golden.assertClose(Golden.tensor(checkpoint.get(TinyMlp.NAMES[i])), params.get(i),
                            name + ": " + TinyMlp.NAMES[i] + " after step " + s);
                }
            }
        }
        checkState(name, run.get("state"), opt.stateDict());
    }

    /** Our state dict has PyTorch's structure, keys and values. */
    static void checkState(String name, JsonNode expected, OptimizerState actual) {
        JsonNode state = expected.get("state");
        assertEquals(state.size(), actual.state().size(), name + ": number of parameters with state");
        for (Iterator<String> it = state.fieldNames(); it.hasNext(); ) {
            String index = it.next();
            Map<String, Tensor> ours = actual.state().get(Integer.parseInt(index));
            assertTrue(ours != null, name + ": no state for parameter " + index);
            List<String> keys = new ArrayList<>();
            state.get(index).fieldNames().forEachRemaining(keys::add);
            assertEquals(keys, new ArrayList<>(ours.keySet()), name + ": state keys of parameter " + index);
            for (String k : keys) {
                // Looser than the parameters: buffers such as g / sqrt(v) amplify the rounding of tiny gradients.
                Golden.assertClose(Golden.tensor(state.get(index).get(k)), ours.get(k), 1e-3, 1e-5,
                        name + ": state " + index + "." + k);
            }
        }
        JsonNode groups = expected.get("param_groups");
        assertEquals(groups.size(), actual.paramGroups().size(), name + ": number of groups");
        for (int g = 0; g < groups.size(); g++) {
            Map<String, Object> ours = actual.paramGroups().get(g);
            for (Iterator<Map.Entry<String, JsonNode>> it = groups.get(g).fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Object v = ours.get(e.getKey());
                assertTrue(v != null, name + ": group " + g + " lacks option " + e.getKey());
                JsonNode j = e.getValue();
                if (j.isArray()) {
                    List<?> list = (List<?>) v;
                    assertEquals(j.size(), list.size(), name + ": " + e.getKey());
                    for (int i = 0; i < j.size(); i++) {
                        assertEquals(j.get(i).asDouble(), ((Number) list.get(i)).doubleValue(), 0.0, name + ": " + e.getKey());
                    }
                } else if (j.isBoolean()) {
                    assertEquals(j.asBoolean(), v, name + ": " + e.getKey());
                } else {
                    assertEquals(j.asDouble(), ((Number) v).doubleValue(), 0.0, name + ": " + e.getKey());
                }
            }
        }
    }

    /** The optimizer a golden run describes, built with the fluent Java API. */
    static Optimizer build(JsonNode run, List<Tensor> params) {
        String cls = run.has("optimizer") ? run.get("optimizer").asText() : "SGD";
        if (run.has("groups")) {
            JsonNode groups = run.get("groups");
            Optimizer opt = configure(cls, pick(params, groups.get(0).get("params")), run.get("options"));
            options(groups.get(0).get("options")).forEach((k, v) -> opt.paramGroups().get(0).set(k, v));
            for (int g = 1; g < groups.size(); g++) {
                opt.addParamGroup(new ParamGroup(pick(params, groups.get(g).get("params")), options(groups.get(g).get("options"))));
            }
            return opt;
        }
        return configure(cls, params, run.get("options"));
    }

    private static List<Tensor> pick(List<Tensor> params, JsonNode indices) {
        List<Tensor> out = new ArrayList<>();
        for (JsonNode i : indices) out.add(params.get(i.asInt()));
        return out;
    }

    private static Map<String, Object> options(JsonNode o) {
        Map<String, Object> out = new HashMap<>();
        o.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isBoolean() ? e.getValue().asBoolean()
                : e.getValue().asDouble()));
        return out;
    }

    private static Optimizer configure(String cls, List<Tensor> params, JsonNode o) {
        double lr = o.get("lr").asDouble();
        switch (cls) {
            case "SGD" -> {
                SGD s = new SGD(params, lr);
                if (o.has("momentum")) s.momentum(o.get("momentum").asDouble());
                if (o.has("dampening")) s.dampening(o.get("dampening").asDouble());
                if (o.has("weight_decay")) s.weightDecay(o.get("weight_decay").asDouble());
                if (o.has("nesterov")) s.nesterov(o.get("nesterov").asBoolean());
                if (o.has("maximize")) s.maximize(o.get("maximize").asBoolean());
                return s;
            }
            case "Adam", "AdamW" -> {
                Adam a = cls.equals("Adam") ? new Adam(params, lr) : new AdamW(params, lr);
                if (o.has("betas")) a.betas(o.get("betas").get(0).asDouble(), o.get("betas").get(1).asDouble());
                if (o.has("eps")) a.eps(o.get("eps").asDouble());
                if (o.has("weight_decay")) a.weightDecay(o.get("weight_decay").asDouble());
                if (o.has("amsgrad")) a.amsgrad(o.get("amsgrad").asBoolean());
                if (o.has("maximize")) a.maximize(o.get("maximize").asBoolean());
                return a;
            }
            case "RMSprop" -> {
                RMSprop r = new RMSprop(params, lr);
                if (o.has("alpha")) r.alpha(o.get("alpha").asDouble());
                if (o.has("eps")) r.eps(o.get("eps").asDouble());
                if (o.has("momentum")) r.momentum(o.get("momentum").asDouble());
                if (o.has("centered")) r.centered(o.get("centered").asBoolean());
                if (o.has("weight_decay")) r.weightDecay(o.get("weight_decay").asDouble());
                return r;
            }
            case "Adagrad" -> {
                Adagrad a = new Adagrad(params, lr);
                if (o.has("lr_decay")) a.lrDecay(o.get("lr_decay").asDouble());
                if (o.has("weight_decay")) a.weightDecay(o.get("weight_decay").asDouble());
                if (o.has("initial_accumulator_value")) a.initialAccumulatorValue(o.get("initial_accumulator_value").asDouble());
                if (o.has("eps")) a.eps(o.get("eps").asDouble());
                return a;
            }
            default -> throw new IllegalArgumentException("unknown optimizer " + cls);
        }
    }
}
