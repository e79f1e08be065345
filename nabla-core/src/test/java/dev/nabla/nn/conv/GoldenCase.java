package dev.nabla.nn.conv;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nabla.MaxResult;
import dev.nabla.Tensor;
import dev.nabla.testing.Golden;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Replays one golden case: same inputs as PyTorch, forward, backward of {@code (out * gout).sum()}, compare. */
final class GoldenCase {
    private GoldenCase() {}

    /** Every case of a golden file, each as a JSON object. */
    static List<JsonNode> cases(String path) {
        List<JsonNode> out = new ArrayList<>();
        Golden.load(path).forEach(out::add);
        return out;
    }

    static int[] ints(JsonNode node) {
        int[] v = new int[node.size()];
        for (int i = 0; i < v.length; i++) v[i] = node.get(i).asInt();
        return v;
    }

    /** The case's inputs as fresh leaves that require grad (null entries stay null). */
    static Tensor[] inputs(JsonNode c) {
        JsonNode in = c.get("inputs");
        Tensor[] t = new Tensor[in.size()];
        for (int i = 0; i < t.length; i++) t[i] = in.get(i).isNull() ? null : Golden.tensor(in.get(i)).requiresGrad(true);
        return t;
    }

    /** Runs {@code fn} on the case's inputs and checks output and every input gradient. */
    static void check(JsonNode c, Function<Tensor[], Tensor> fn) {
        Tensor[] in = inputs(c);
        verify(c, in, fn.apply(in), null);
    }

    /** As {@link #check}, for ops that also return indices. */
    static void checkWithIndices(JsonNode c, Function<Tensor[], MaxResult> fn) {
        Tensor[] in = inputs(c);
        MaxResult r = fn.apply(in);
        verify(c, in, r.values(), r.indices());
    }

    private static void verify(JsonNode c, Tensor[] in, Tensor out, Tensor indices) {
        String name = c.get("name").asText();
        Golden.assertClose(Golden.tensor(c.get("out")), out, 1e-4, 1e-5, name + ": output");
        if (indices != null) {
            Tensor expected = Golden.tensor(c.get("indices"));
            assertArrayEquals(expected.toLongArray(), indices.toLongArray(), name + ": indices");
            assertArrayEquals(expected.shape(), indices.shape(), name + ": indices shape");
        }
        out.backward(Golden.tensor(c.get("gout")));
        JsonNode grads = c.get("grads");
        for (int i = 0; i < in.length; i++) {
            if (in[i] == null) {
                assertNull(grads.get(i).isNull() ? null : grads.get(i), name + ": input " + i + " is absent");
                continue;
            }
            assertNotNull(in[i].grad(), name + ": gradient of input " + i);
            Golden.assertClose(Golden.tensor(grads.get(i)), in[i].grad(), 1e-4, 1e-4, name + ": gradient of input " + i);
        }
    }
}
