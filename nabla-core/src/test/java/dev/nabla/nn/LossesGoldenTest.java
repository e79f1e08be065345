package dev.nabla.nn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nabla.Tensor;
import dev.nabla.nn.functional.F;
import dev.nabla.testing.Golden;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every loss against PyTorch, with each reduction and option (weights, ignore index, label smoothing,
 * probability targets, pos_weight, clamped logs): the value and the gradient of its sum with respect to the input
 * (and the target where recorded). The functional form and the module form are both checked.
 */
class LossesGoldenTest {
    @TestFactory
    List<DynamicTest> everyLossMatchesPyTorch() {
        JsonNode cases = Golden.load("nn/losses.json").get("cases");
        List<DynamicTest> tests = new ArrayList<>();
        int i = 0;
        for (JsonNode c : cases) {
            String label = (i++) + " " + c.get("name").asText() + " " + c.get("reduction").asText() + " " + options(c);
            tests.add(DynamicTest.dynamicTest(label, () -> {
                check(c, label, false);
                check(c, label, true);
            }));
        }
        assertTrue(tests.size() > 90, "the golden file holds every loss and option");
        return tests;
    }

    private static String options(JsonNode c) {
        StringBuilder sb = new StringBuilder();
        for (String k : List.of("weight", "pos_weight", "ignore_index", "label_smoothing", "beta", "delta")) {
            if (c.has(k)) sb.append(k).append(c.get(k).isObject() ? "" : "=" + c.get(k).asText()).append(' ');
        }
        return sb.toString().trim();
    }

    private static void check(JsonNode c, String label, boolean asModule) {
        Tensor x = Golden.tensor(c.get("input")).requiresGrad(true);
        Tensor t = Golden.tensor(c.get("target"));
        boolean gradTarget = c.has("gt");
        if (gradTarget) t.requiresGrad(true);
        Tensor out = asModule ? viaModule(c, x, t) : viaFunction(c, x, t);
        String what = label + (asModule ? " (module)" : " (F)");
        Golden.assertClose(Golden.tensor(c.get("out")), out, 1e-4, 1e-5, what + ": value");
        out.sum().backward();
        Golden.assertClose(Golden.tensor(c.get("gx")), x.grad(), 1e-4, 1e-5, what + ": input gradient");
        if (gradTarget) Golden.assertClose(Golden.tensor(c.get("gt")), t.grad(), 1e-4, 1e-5, what + ": target gradient");
    }

    private static Tensor opt(JsonNode c, String key) {
        return c.has(key) ? Golden.tensor(c.get(key)) : null;
    }

    private static Tensor viaFunction(JsonNode c, Tensor x, Tensor t) {
        String r = c.get("reduction").asText();
        long ignore = c.has("ignore_index") ? c.get("ignore_index").asLong() : -100;
        double ls = c.has("label_smoothing") ? c.get("label_smoothing").asDouble() : 0;
        return switch (c.get("name").asText()) {
            case "mse" -> F.mseLoss(x, t, r);
            case "l1" -> F.l1Loss(x, t, r);
            case "smooth_l1" -> F.smoothL1Loss(x, t, r, c.get("beta").asDouble());
            case "huber" -> F.huberLoss(x, t, r, c.get("delta").asDouble());
            case "bce" -> F.binaryCrossEntropy(x, t, opt(c, "weight"), r);
            case "bce_logits" -> F.binaryCrossEntropyWithLogits(x, t, opt(c, "weight"), opt(c, "pos_weight"), r);
            case "nll" -> F.nllLoss(x, t, opt(c, "weight"), ignore, r);
            case "ce" -> F.crossEntropy(x, t, opt(c, "weight"), ignore, r, ls);
            default -> throw new IllegalArgumentException(c.get("name").asText());
        };
    }

    private static Tensor viaModule(JsonNode c, Tensor x, Tensor t) {
        String r = c.get("reduction").asText();
        long ignore = c.has("ignore_index") ? c.get("ignore_index").asLong() : -100;
        double ls = c.has("label_smoothing") ? c.get("label_smoothing").asDouble() : 0;
        Loss loss = switch (c.get("name").asText()) {
            case "mse" -> new MSELoss(r);
            case "l1" -> new L1Loss().reduction(r);
            case "smooth_l1" -> new SmoothL1Loss().beta(c.get("beta").asDouble()).reduction(r);
            case "huber" -> new HuberLoss(r, c.get("delta").asDouble());
            case "bce" -> new BCELoss(opt(c, "weight"), r);
            case "bce_logits" -> new BCEWithLogitsLoss().weight(opt(c, "weight")).posWeight(opt(c, "pos_weight")).reduction(r);
            case "nll" -> new NLLLoss(opt(c, "weight")).ignoreIndex(ignore).reduction(r);
            case "ce" -> new CrossEntropyLoss(opt(c, "weight")).ignoreIndex(ignore).labelSmoothing(ls).reduction(r);
            default -> throw new IllegalArgumentException(c.get("name").asText());
        };
        return loss.forward(x, t);
    }
}
