package dev.nabla.optim.lr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nabla.Nabla;
import dev.nabla.Tensor;
import dev.nabla.optim.Adam;
import dev.nabla.optim.Optimizer;
import dev.nabla.optim.ParamGroup;
import dev.nabla.optim.SGD;
import dev.nabla.testing.Golden;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleConsumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every scheduler's learning-rate sequence over 30 steps against PyTorch 1.13's (tools/golden/optim_golden.py), on an
 * optimizer with two groups (lr 0.1 and 0.05); OneCycleLR's momentum / beta1 sequence too.
 */
class SchedulerGoldenTest {

    @TestFactory
    Stream<DynamicTest> lrSequencesMatchPyTorch() {
        JsonNode doc = Golden.load("optim/schedulers.json");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode run : doc.get("runs")) {
            tests.add(DynamicTest.dynamicTest(run.get("name").asText(), () -> check(run, doc.get("steps").asInt())));
        }
        return tests.stream();
    }

    static Optimizer twoGroups(String kind) {
        Tensor a = Nabla.zeros(2).requiresGrad(true), b = Nabla.zeros(3).requiresGrad(true);
        Optimizer opt = kind.equals("adam") ? new Adam(List.of(a), 0.1) : new SGD(List.of(a), 0.1).momentum(0.9);
        opt.addParamGroup(new ParamGroup(List.of(b), Map.of("lr", 0.05)));
        return opt;
    }

    private static void check(JsonNode run, int steps) {
        String name = run.get("name").asText();
        JsonNode o = run.get("options");
        Optimizer opt = twoGroups(run.get("optimizer").asText());
        DoubleConsumer stepper;
        java.util.function.Supplier<List<Double>> lastLr;
        if (name.startsWith("plateau")) {
            ReduceLROnPlateau s = new ReduceLROnPlateau(opt).mode(o.get("mode").asText()).factor(o.get("factor").asDouble())
                    .patience(o.get("patience").asInt()).threshold(o.get("threshold").asDouble())
                    .thresholdMode(o.get("threshold_mode").asText()).cooldown(o.get("cooldown").asInt())
                    .minLr(o.get("min_lr").asDouble());
            stepper = s::step;
            lastLr = () -> lrs(opt);
        } else {
            LRScheduler s = build(name, o, opt);
            stepper = m -> s.step();
            lastLr = s::getLastLr;
        }
        assertLrs(run.get("lrs").get(0), lastLr.get(), name + " after construction");
        assertMomenta(run.get("momenta").get(0), opt, name + " after construction");
        for (int i = 0; i < steps; i++) {
            opt.step();
            stepper.accept(run.has("metrics") ? run.get("metrics").get(i).asDouble() : Double.NaN);
            assertLrs(run.get("lrs").get(i + 1), lastLr.get(), name + " after step " + (i + 1));
            assertLrs(run.get("lrs").get(i + 1), lrs(opt), name + " groups' lr after step " + (i + 1));
            assertMomenta(run.get("momenta").get(i + 1), opt, name + " after step " + (i + 1));
        }
    }

    private static LRScheduler build(String name, JsonNode o, Optimizer opt) {
        return switch (name) {
            case "step" -> new StepLR(opt, o.get("step_size").asInt(), o.get("gamma").asDouble());
            case "multistep" -> new MultiStepLR(opt, ints(o.get("milestones")), o.get("gamma").asDouble());
            case "exponential" -> new ExponentialLR(opt, o.get("gamma").asDouble());
            case "cosine" -> new CosineAnnealingLR(opt, o.get("T_max").asInt(), o.get("eta_min").asDouble());
            case "linear", "linear_down" -> new LinearLR(opt, o.get("start_factor").asDouble(), o.get("end_factor").asDouble(),
                    o.get("total_iters").asInt());
            case "onecycle_cos" -> OneCycleLR.builder(opt, 0.5, 0.2).totalSteps(30).build();
            case "onecycle_linear_adam" -> OneCycleLR.builder(opt, 0.3).totalSteps(30).annealStrategy("linear").pctStart(0.4)
                    .divFactor(10).finalDivFactor(100).baseMomentum(0.8).maxMomentum(0.9).build();
            case "onecycle_three_phase" -> OneCycleLR.builder(opt, 0.4).epochs(5).stepsPerEpoch(6).threePhase(true).build();
            case "sequential_linear_exponential" -> new SequentialLR(opt,
                    List.of(new LinearLR(opt, 0.1, 1.0, 5), new ExponentialLR(opt, 0.9)), List.of(5));
            case "sequential_three" -> new SequentialLR(opt, List.of(new LinearLR(opt, 0.5, 1.0, 4),
                    new CosineAnnealingLR(opt, 11, 0.01), new StepLR(opt, 3, 0.5)), List.of(4, 15));
            default -> throw new IllegalArgumentException("no Java counterpart for golden run " + name);
        };
    }

    private static List<Integer> ints(JsonNode a) {
        List<Integer> out = new ArrayList<>();
        for (JsonNode n : a) out.add(n.asInt());
        return out;
    }

    static List<Double> lrs(Optimizer opt) {
        List<Double> out = new ArrayList<>();
        for (ParamGroup g : opt.paramGroups()) out.add(g.lr());
        return out;
    }

    private static void assertLrs(JsonNode expected, List<Double> actual, String what) {
        assertEquals(expected.size(), actual.size(), what + ": number of groups");
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.get(i).asDouble();
            assertEquals(e, actual.get(i), 1e-15 + 1e-12 * Math.abs(e), what + ": group " + i);
        }
    }

    private static void assertMomenta(JsonNode expected, Optimizer opt, String what) {
        for (int i = 0; i < expected.size(); i++) {
            ParamGroup g = opt.paramGroups().get(i);
            double actual = g.has("betas") ? g.getPair("betas")[0] : g.getDouble("momentum");
            double e = expected.get(i).asDouble();
            assertEquals(e, actual, 1e-15 + 1e-12 * Math.abs(e), what + ": momentum of group " + i);
        }
    }
}
