package dev.nabla.nn.conv;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nabla.nn.functional.ConvFunctions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

import static dev.nabla.nn.conv.GoldenCase.cases;
import static dev.nabla.nn.conv.GoldenCase.check;
import static dev.nabla.nn.conv.GoldenCase.checkWithIndices;
import static dev.nabla.nn.conv.GoldenCase.ints;

/** Pooling, interpolation and group norm against PyTorch: outputs, indices and input gradients. */
class PoolingGoldenTest {

    @TestFactory
    Stream<DynamicTest> maxPool2d() {
        return cases("conv/max_pool2d.json").stream().map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () ->
                checkWithIndices(c, in -> ConvFunctions.maxPool2dWithIndices(in[0], ints(c.get("kernel")),
                        ints(c.get("stride")), ints(c.get("padding")), ints(c.get("dilation")),
                        c.get("ceil_mode").asBoolean()))));
    }

    /** Without grad and without indices, max pooling takes its inference path: same values. */
    @TestFactory
    Stream<DynamicTest> maxPool2dInference() {
        return cases("conv/max_pool2d.json").stream().map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () -> {
            try (var g = dev.nabla.Nabla.noGrad()) {
                dev.nabla.Tensor out = ConvFunctions.maxPool2d(dev.nabla.testing.Golden.tensor(c.get("inputs").get(0)),
                        ints(c.get("kernel")), ints(c.get("stride")), ints(c.get("padding")), ints(c.get("dilation")),
                        c.get("ceil_mode").asBoolean());
                dev.nabla.testing.Golden.assertClose(dev.nabla.testing.Golden.tensor(c.get("out")), out, 0, 0,
                        c.get("name").asText());
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> avgPool2d() {
        return cases("conv/avg_pool2d.json").stream().map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () ->
                check(c, in -> ConvFunctions.avgPool2d(in[0], ints(c.get("kernel")), ints(c.get("stride")),
                        ints(c.get("padding")), c.get("ceil_mode").asBoolean(), c.get("count_include_pad").asBoolean(),
                        c.get("divisor_override").asInt()))));
    }

    @TestFactory
    Stream<DynamicTest> adaptivePool2d() {
        return cases("conv/adaptive_pool2d.json").stream().map(c -> DynamicTest.dynamicTest(
                c.get("kind").asText() + "_" + c.get("name").asText(), () -> {
                    int[] size = ints(c.get("size"));
                    if (c.get("kind").asText().equals("avg")) {
                        check(c, in -> ConvFunctions.adaptiveAvgPool2d(in[0], size[0], size[1]));
                    } else {
                        checkWithIndices(c, in -> ConvFunctions.adaptiveMaxPool2dWithIndices(in[0], size[0], size[1]));
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> interpolate() {
        return cases("conv/interpolate.json").stream().map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () ->
                check(c, in -> {
                    JsonNode size = c.get("size"), scale = c.get("scale"), ac = c.get("align_corners");
                    return ConvFunctions.interpolate(in[0], size.isNull() ? null : ints(size),
                            scale.isNull() ? null : new double[] {scale.asDouble()}, c.get("mode").asText(),
                            ac.isNull() ? null : ac.asBoolean());
                })));
    }

    @TestFactory
    Stream<DynamicTest> groupNorm() {
        return cases("conv/group_norm.json").stream().map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () ->
                check(c, in -> ConvFunctions.groupNorm(in[0], c.get("groups").asInt(), in[1], in[2],
                        c.get("eps").asDouble()))));
    }
}
