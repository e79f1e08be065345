package dev.nabla.nn.conv;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nabla.Tensor;
import dev.nabla.autograd.GradMode;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.functional.ConvFunctions;
import dev.nabla.testing.Golden;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

import static dev.nabla.nn.conv.GoldenCase.cases;
import static dev.nabla.nn.conv.GoldenCase.check;
import static dev.nabla.nn.conv.GoldenCase.ints;

/** F.pad in every mode, and Conv2d's non-zero padding modes, against PyTorch. */
class PaddingGoldenTest {

    @TestFactory
    Stream<DynamicTest> pad() {
        return cases("conv/pad.json").stream().map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () ->
                check(c, in -> ConvFunctions.pad(in[0], ints(c.get("pad")), c.get("mode").asText(),
                        c.get("value").asDouble()))));
    }

    @TestFactory
    Stream<DynamicTest> conv2dPaddingMode() {
        return cases("conv/padding_mode.json").stream().map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () -> {
            String name = c.get("name").asText();
            JsonNode p = c.get("padding"), in = c.get("inputs"), grads = c.get("grads");
            Conv2d.Builder b = Conv2d.builder(2, 3, ints(c.get("kernel"))).paddingMode(c.get("mode").asText());
            Conv2d conv = (p.isTextual() ? b.padding(p.asText()) : b.padding(p.asInt())).build();
            try (var g = GradMode.set(false)) {
                conv.weight().copy_(Golden.tensor(in.get(1)));
                conv.bias().copy_(Golden.tensor(in.get(2)));
            }
            Tensor x = Golden.tensor(in.get(0)).requiresGrad(true);
            Tensor out = conv.forward(x);
            Golden.assertClose(Golden.tensor(c.get("out")), out, 1e-4, 1e-5, name + ": output");
            out.backward(Golden.tensor(c.get("gout")));
            Golden.assertClose(Golden.tensor(grads.get(0)), x.grad(), 1e-4, 1e-4, name + ": input gradient");
            Golden.assertClose(Golden.tensor(grads.get(1)), conv.weight().grad(), 1e-4, 1e-4, name + ": weight gradient");
            Golden.assertClose(Golden.tensor(grads.get(2)), conv.bias().grad(), 1e-4, 1e-4, name + ": bias gradient");
        }));
    }
}
