package dev.nabla.nn.conv;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nabla.nn.functional.ConvFunctions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

import static dev.nabla.nn.conv.GoldenCase.cases;
import static dev.nabla.nn.conv.GoldenCase.check;
import static dev.nabla.nn.conv.GoldenCase.ints;

/** conv1d, conv2d and conv_transpose2d against PyTorch: outputs and input, weight and bias gradients. */
class ConvolutionGoldenTest {

    @TestFactory
    Stream<DynamicTest> conv2d() {
        return Stream.concat(cases("conv/conv2d.json").stream(), cases("conv/conv2d_more.json").stream()).map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () ->
                check(c, in -> {
                    JsonNode pad = c.get("padding");
                    int groups = c.get("groups").asInt();
                    if (pad.isTextual()) {
                        return ConvFunctions.conv2d(in[0], in[1], in[2], ints(c.get("stride")), pad.asText(),
                                ints(c.get("dilation")), groups);
                    }
                    return ConvFunctions.conv2d(in[0], in[1], in[2], ints(c.get("stride")), ints(pad),
                            ints(c.get("dilation")), groups);
                })));
    }

    @TestFactory
    Stream<DynamicTest> conv1d() {
        return cases("conv/conv1d.json").stream().map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () ->
                check(c, in -> {
                    JsonNode pad = c.get("padding");
                    int s = c.get("stride").asInt(), d = c.get("dilation").asInt(), g = c.get("groups").asInt();
                    return pad.isTextual() ? ConvFunctions.conv1d(in[0], in[1], in[2], s, pad.asText(), d, g)
                            : ConvFunctions.conv1d(in[0], in[1], in[2], s, pad.asInt(), d, g);
                })));
    }

    @TestFactory
    Stream<DynamicTest> convTranspose2d() {
        return cases("conv/conv_transpose2d.json").stream().map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () ->
                check(c, in -> ConvFunctions.convTranspose2d(in[0], in[1], in[2], ints(c.get("stride")),
                        ints(c.get("padding")), ints(c.get("output_padding")), c.get("groups").asInt(),
                        ints(c.get("dilation"))))));
    }
}
