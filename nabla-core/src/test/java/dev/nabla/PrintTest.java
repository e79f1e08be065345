package dev.nabla;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nabla.testing.Golden;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;

import static dev.nabla.Nabla.tensor;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code toString()} against the strings PyTorch's {@code repr} prints (golden/ops/repr.json, tools/golden/ops_golden.py). */
class PrintTest {

    private static Tensor make(Tensor t, String how) {
        return switch (how) {
            case "leaf" -> t;
            case "requires_grad" -> t.requiresGrad(true);
            case "mul" -> t.requiresGrad(true).mul(2);
            case "sum" -> t.requiresGrad(true).sum();
            case "add" -> t.requiresGrad(true).add(1);
            default -> throw new IllegalArgumentException(how);
        };
    }

    @TestFactory
    List<DynamicTest> printsLikePyTorch() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : Golden.load("ops/repr.json").get("cases")) {
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> {
                Tensor t = make(Golden.tensor(c.get("tensor")), c.get("make").asText());
                assertEquals(c.get("repr").asText(), t.toString());
            }));
        }
        return tests;
    }

    @Test
    void viewsPrintTheirOwnElements() {
        Tensor x = tensor(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertEquals("tensor([[1., 4.],\n        [2., 5.],\n        [3., 6.]])", x.t().toString());
        assertEquals("tensor([2., 5.])", x.select(1, 1).toString());
        assertEquals("tensor([[3., 3.],\n        [3., 3.]])", x.select(1, 2).select(0, 0).expand(2, 2).toString());
    }

    @Test
    void printingDoesNotRecordAnything() {
        Tensor x = tensor(new float[] {1, 2}).requiresGrad(true);
        Tensor y = x.mul(3);
        assertEquals("tensor([3., 6.], grad_fn=<MulBackward0>)", y.toString());
        y.sum().backward();
        assertEquals("tensor([3., 3.])", x.grad().toString());
    }
}
