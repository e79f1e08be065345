package dev.nabla.optim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nabla.Tensor;
import dev.nabla.nn.CrossEntropyLoss;
import dev.nabla.nn.Linear;
import dev.nabla.nn.ReLU;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.lr.CosineAnnealingLR;
import dev.nabla.optim.lr.LRScheduler;
import dev.nabla.testing.Golden;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * End to end with the nn layers, as the customer's SeedMlp trains: a Sequential MLP loaded from PyTorch's state dict,
 * CrossEntropyLoss, {@code new SGD(model.parameters(), 0.05).momentum(0.9)} (and AdamW with a cosine schedule),
 * 20 steps, against PyTorch 1.13's losses and final weights.
 */
class TrainingGoldenTest {
    private static final JsonNode DOC = Golden.load("optim/training.json");

    @Test
    void seedMlpStyleTrainingWithSgdMomentum() {
        check("sgd_momentum");
    }

    @Test
    void adamWWithCosineSchedule() {
        check("adamw_cosine");
    }

    private static void check(String name) {
        JsonNode run = null;
        for (JsonNode r : DOC.get("runs")) if (r.get("name").asText().equals(name)) run = r;
        Sequential model = new Sequential(new Linear(6, 16), new ReLU(), new Linear(16, 4));
        model.loadStateDict(tensors(DOC.get("init")));
        model.train();
        Tensor x = Golden.tensor(DOC.get("x")), y = Golden.tensor(DOC.get("y"));
        CrossEntropyLoss criterion = new CrossEntropyLoss();
        Optimizer optimizer;
        LRScheduler scheduler = null;
        if (name.equals("sgd_momentum")) {
            optimizer = new SGD(model.parameters(), 0.05).momentum(0.9);
        } else {
            optimizer = new AdamW(model.parameters(), 0.02);
            scheduler = new CosineAnnealingLR(optimizer, 20);
        }
        JsonNode losses = run.get("losses");
        for (int step = 0; step < losses.size(); step++) {
            optimizer.zeroGrad();
            Tensor loss = criterion.forward(model.forward(x), y);
            loss.backward();
            optimizer.step();
            if (scheduler != null) scheduler.step();
            double expected = losses.get(step).asDouble();
            assertEquals(expected, loss.item(), 1e-5 + 1e-4 * Math.abs(expected), name + ": loss at step " + (step + 1));
        }
        Map<String, Tensor> finalState = model.stateDict();
        tensors(run.get("final")).forEach((k, v) -> Golden.assertClose(v, finalState.get(k), name + ": " + k));
    }

    private static Map<String, Tensor> tensors(JsonNode node) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), Golden.tensor(e.getValue())));
        return out;
    }
}
