package dev.nabla.nn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nabla.Tensor;
import dev.nabla.testing.Golden;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reading helpers shared by the nn golden tests. */
final class NnGolden {
    private NnGolden() {}

    /** A state dict stored as {key: tensor} in the JSON, in its order. */
    static Map<String, Tensor> state(JsonNode node) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), Golden.tensor(e.getValue())));
        return out;
    }

    static Tensor tensor(JsonNode node) {
        return node == null || node.isNull() ? null : Golden.tensor(node);
    }
}
