package dev.nabla.nn.conv;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nabla.Nabla;
import dev.nabla.Tensor;
import dev.nabla.nn.AdaptiveAvgPool2d;
import dev.nabla.nn.AdaptiveMaxPool2d;
import dev.nabla.nn.AvgPool2d;
import dev.nabla.nn.Conv1d;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.ConvTranspose2d;
import dev.nabla.nn.Dropout2d;
import dev.nabla.nn.GroupNorm;
import dev.nabla.nn.MaxPool2d;
import dev.nabla.nn.Module;
import dev.nabla.nn.Upsample;
import dev.nabla.testing.Golden;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The layers' construction, initialisation, state dicts, printing, modes and errors. */
class ConvModulesTest {

    @Test
    void printsAsPyTorch() {
        JsonNode r = Golden.load("conv/reprs.json");
        Map<String, Module> modules = Map.ofEntries(
                Map.entry("conv2d_seed", new Conv2d(1, 64, 3, 1, 1)),
                Map.entry("conv2d_full", Conv2d.builder(4, 8, new int[] {2, 3}).stride(2).dilation(2).groups(2)
                        .bias(false).build()),
                Map.entry("conv2d_same", new Conv2d(4, 8, 3, "same")),
                Map.entry("conv2d_valid", new Conv2d(4, 8, 3, "valid")),
                Map.entry("conv2d_default", new Conv2d(3, 6, 5)),
                Map.entry("conv1d", new Conv1d(3, 8, 3)),
                Map.entry("conv1d_full", new Conv1d(4, 8, 5, 2, 1, 3, 4, true, "zeros")),
                Map.entry("conv_transpose2d", new ConvTranspose2d(4, 2, 3, 2, 1, 1)),
                Map.entry("conv_transpose2d_default", new ConvTranspose2d(4, 2, 3)),
                Map.entry("max_pool2d", new MaxPool2d(2)),
                Map.entry("max_pool2d_full", new MaxPool2d(new int[] {2, 3}, new int[] {1}, new int[] {1}, new int[] {2},
                        true, true)),
                Map.entry("avg_pool2d", new AvgPool2d(2)),
                Map.entry("avg_pool2d_full", new AvgPool2d(3, 2, 1, true, false, 2)),
                Map.entry("adaptive_avg_pool2d", new AdaptiveAvgPool2d(4, 4)),
                Map.entry("adaptive_avg_pool2d_int", new AdaptiveAvgPool2d(4)),
                Map.entry("adaptive_max_pool2d", new AdaptiveMaxPool2d(2, 3)),
                Map.entry("upsample_scale", Upsample.scaleFactor(2)),
                Map.entry("upsample_size_bilinear", Upsample.size(4, 4, "bilinear")),
                Map.entry("group_norm", new GroupNorm(2, 4)),
                Map.entry("group_norm_no_affine", new GroupNorm(3, 6, 1e-3, false)),
                Map.entry("dropout2d", new Dropout2d(0.3)),
                Map.entry("dropout2d_default", new Dropout2d()));
        assertEquals(r.size(), modules.size(), "every golden repr has a module");
        modules.forEach((key, m) -> assertEquals(r.get(key).asText(), m.toString(), key));
    }

    @Test
    void printsTupleArgumentsAsTuples() {
        assertEquals("MaxPool2d(kernel_size=2, stride=(1, 1), padding=0, dilation=1, ceil_mode=False)",
                new MaxPool2d(new int[] {2}, new int[] {1, 1}, new int[] {0}, new int[] {1}, false, false).toString());
        assertEquals("Conv2d(2, 4, kernel_size=(3, 3), stride=(1, 1), padding=same, padding_mode=circular)",
                Conv2d.builder(2, 4, 3).padding("same").paddingMode("circular").build().toString());
    }

    @Test
    void initialisesLikePyTorch() {
        Nabla.manualSeed(1);
        Conv2d conv = new Conv2d(3, 50, 3);
        double bound = 1 / Math.sqrt(27);
        for (Tensor p : List.of(conv.weight(), conv.bias())) {
            double[] v = p.toDoubleArray();
            double max = 0, sumSq = 0;
            for (double x : v) {
                max = Math.max(max, Math.abs(x));
                sumSq += x * x;
            }
            assertTrue(max <= bound, "within U(-1/sqrt(fan_in), 1/sqrt(fan_in))");
            if (v.length > 1000) {
                // U(-b, b) has standard deviation b/sqrt(3).
                assertEquals(bound / Math.sqrt(3), Math.sqrt(sumSq / v.length), 0.1 * bound);
            }
        }
        ConvTranspose2d up = new ConvTranspose2d(40, 6, 3, 1, 0, 0, 2, true, 1);
        assertArrayEquals(new int[] {40, 3, 3, 3}, up.weight().shape());
        double upBound = 1 / Math.sqrt(3 * 9);
        for (double x : up.weight().toDoubleArray()) assertTrue(Math.abs(x) <= upBound, "fan_in uses weight.size(1)");
    }

    @Test
    void stateDictKeysAndShapes() {
        Conv2d conv = Conv2d.builder(4, 6, 3).groups(2).build();
        assertEquals(List.of("weight", "bias"), List.copyOf(conv.stateDict().keySet()));
        assertArrayEquals(new int[] {6, 2, 3, 3}, conv.stateDict().get("weight").shape());
        Conv1d noBias = new Conv1d(3, 5, 2, 1, 0, 1, 1, false, "zeros");
        assertEquals(List.of("weight"), List.copyOf(noBias.stateDict().keySet()));
        assertNull(noBias.bias());
        GroupNorm gn = new GroupNorm(2, 4);
        assertEquals(List.of("weight", "bias"), List.copyOf(gn.stateDict().keySet()));
        assertEquals(0, new GroupNorm(2, 4, 1e-5, false).parameters().size());
        assertEquals(0, new MaxPool2d(2).stateDict().size());
    }

    @Test
    void outputShapes() {
        Tensor x = Nabla.randn(2, 3, 28, 28);
        assertArrayEquals(new int[] {2, 64, 28, 28}, new Conv2d(3, 64, 3, 1, 1).forward(x).shape());
        assertArrayEquals(new int[] {2, 8, 13, 13}, new Conv2d(3, 8, 3, 2, 0).forward(x).shape());
        assertArrayEquals(new int[] {2, 8, 28, 28}, new Conv2d(3, 8, 4, "same").forward(x).shape());
        assertArrayEquals(new int[] {3, 28, 28}, new Conv2d(3, 3, 3, 1, 1).forward(Nabla.randn(3, 28, 28)).shape());
        assertArrayEquals(new int[] {2, 3, 14, 14}, new MaxPool2d(2).forward(x).shape());
        assertArrayEquals(new int[] {2, 3, 10, 10}, new MaxPool2d(3, 3, 1, 1, false, true).forward(x).shape());
        assertArrayEquals(new int[] {2, 3, 4, 4}, new AdaptiveAvgPool2d(4, 4).forward(Nabla.randn(2, 3, 3, 3)).shape());
        assertArrayEquals(new int[] {2, 3, 56, 56}, Upsample.scaleFactor(2, "bilinear").forward(x).shape());
        assertArrayEquals(new int[] {2, 3, 42, 42}, new Upsample(1.5, "nearest").forward(x).shape());
        assertArrayEquals(new int[] {2, 3, 5, 7}, new Upsample(new int[] {5, 7}, "bilinear").forward(x).shape());
        assertEquals("Upsample(size=(5, 7), mode=bilinear)", new Upsample(new int[] {5, 7}, "bilinear").toString());
        assertArrayEquals(new int[] {2, 4, 57, 57}, new ConvTranspose2d(3, 4, 3, 2, 0).forward(x).shape());
        assertArrayEquals(new int[] {2, 5, 24}, new Conv1d(3, 5, 5).forward(Nabla.randn(2, 3, 28)).shape());
    }

    @Test
    void trainAndEvalAgreeForStatelessLayers() {
        Tensor x = Nabla.randn(2, 4, 9, 9);
        List<Module> layers = List.of(new Conv2d(4, 4, 3, 1, 1), new ConvTranspose2d(4, 2, 3), new MaxPool2d(2),
                new AvgPool2d(3, 2, 1), new AdaptiveAvgPool2d(2), new AdaptiveMaxPool2d(3, 2),
                Upsample.scaleFactor(2), new GroupNorm(2, 4), new Conv1d(4, 2, 3));
        for (Module m : layers) {
            Tensor in = m instanceof Conv1d ? x.reshape(2, 4, 81) : x;
            m.train();
            Tensor train = m.forward(in);
            Tensor eval;
            try (var e = m.evalMode()) {
                eval = m.forward(in);
            }
            assertTrue(train.equal(eval), m + " computes the same in both modes");
            assertTrue(m.isTraining(), "the scope restores training mode");
        }
    }

    @Test
    void dropout2dZeroesWholeChannelsInTrainingOnly() {
        Nabla.manualSeed(3);
        Dropout2d drop = new Dropout2d(0.4);
        Tensor x = Nabla.ones(50, 40, 3, 3);
        double[] y = drop.forward(x).toDoubleArray();
        int dropped = 0;
        for (int ch = 0; ch < 50 * 40; ch++) {
            double first = y[ch * 9];
            for (int i = 1; i < 9; i++) assertEquals(first, y[ch * 9 + i], "a whole channel shares one fate");
            if (first == 0) dropped++;
            else assertEquals(1 / 0.6, first, 1e-6, "kept channels are scaled by 1/(1-p)");
        }
        assertEquals(0.4, dropped / 2000.0, 0.05, "about p of the channels are dropped");
        drop.eval();
        assertTrue(drop.forward(x).equal(x), "identity in eval mode");
        drop.train();
        Tensor g = Nabla.randn(50, 40, 3, 3).requiresGrad(true);
        Tensor out = drop.forward(g);
        out.sum().backward();
        double[] grad = g.grad().toDoubleArray(), outV = out.toDoubleArray();
        for (int i = 0; i < grad.length; i++) {
            assertEquals(outV[i] == 0 ? 0 : 1 / 0.6, grad[i], 1e-6, "the gradient is the scaled channel mask");
        }
        assertArrayEquals(new int[] {4, 3, 5}, new Dropout2d(0.5).forward(Nabla.ones(4, 3, 5)).shape());
        assertTrue(new Dropout2d(1.0).forward(x).eq(0).all());
    }

    @Test
    void errorsInPyTorchWords() {
        assertEquals("Given groups=1, weight of size [64, 3, 3, 3], expected input[2, 1, 28, 28] to have 3 channels, "
                + "but got 1 channels instead", assertThrows(IllegalArgumentException.class,
                () -> new Conv2d(3, 64, 3).forward(Nabla.randn(2, 1, 28, 28))).getMessage());
        assertEquals("Calculated padded input size per channel: (2 x 2). Kernel size: (3 x 3). Kernel size can't be "
                + "greater than actual input size", assertThrows(IllegalArgumentException.class,
                () -> new Conv2d(1, 64, 3).forward(Nabla.randn(2, 1, 2, 2))).getMessage());
        assertEquals("Calculated padded input size per channel: (2). Kernel size: (3). Kernel size can't be greater "
                + "than actual input size", assertThrows(IllegalArgumentException.class,
                () -> new Conv1d(3, 4, 3).forward(Nabla.randn(2, 3, 2))).getMessage());
        assertEquals("Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [4, 5, 5, 5, 5]",
                assertThrows(IllegalArgumentException.class,
                        () -> new Conv2d(5, 4, 3).forward(Nabla.randn(4, 5, 5, 5, 5))).getMessage());
        assertEquals("expected scalar type Double but found Float", assertThrows(IllegalArgumentException.class,
                () -> new Conv2d(4, 4, 3).forward(Nabla.randn(2, 4, 5, 5).toDouble())).getMessage());
        assertEquals("padding='same' is not supported for strided convolutions", assertThrows(IllegalArgumentException.class,
                () -> Conv2d.builder(3, 4, 3).stride(2).padding("same").build()).getMessage());
        assertEquals("in_channels must be divisible by groups", assertThrows(IllegalArgumentException.class,
                () -> Conv2d.builder(3, 4, 3).groups(2).build()).getMessage());
        assertEquals("out_channels must be divisible by groups", assertThrows(IllegalArgumentException.class,
                () -> Conv2d.builder(2, 5, 3).groups(2).build()).getMessage());
        assertEquals("groups must be a positive integer", assertThrows(IllegalArgumentException.class,
                () -> Conv2d.builder(2, 4, 3).groups(0).build()).getMessage());
        assertEquals("Invalid padding string 'foo', should be one of {'same', 'valid'}",
                assertThrows(IllegalArgumentException.class, () -> new Conv2d(2, 4, 3, "foo")).getMessage());
        assertEquals("padding_mode must be one of {'replicate', 'reflect', 'circular', 'zeros'}, but got padding_mode='foo'",
                assertThrows(IllegalArgumentException.class,
                        () -> Conv2d.builder(2, 4, 3).paddingMode("foo").build()).getMessage());
        assertEquals("Given input size: (1x3x3). Calculated output size: (1x0x0). Output size is too small",
                assertThrows(IllegalArgumentException.class,
                        () -> new MaxPool2d(5).forward(Nabla.randn(1, 1, 3, 3))).getMessage());
        assertEquals("pad should be at most half of kernel size, but got pad=2 and kernel_size=2",
                assertThrows(IllegalArgumentException.class,
                        () -> new MaxPool2d(2, 2, 2).forward(Nabla.randn(1, 1, 3, 3))).getMessage());
        assertEquals("non-empty 3D or 4D (batch mode) tensor expected for input", assertThrows(IllegalArgumentException.class,
                () -> new MaxPool2d(2).forward(Nabla.randn(1, 3))).getMessage());
        assertEquals("output padding must be smaller than either stride or dilation, but got output_padding_height: 2 "
                + "output_padding_width: 2 stride_height: 2 stride_width: 2 dilation_height: 1 dilation_width: 1",
                assertThrows(IllegalArgumentException.class,
                        () -> new ConvTranspose2d(4, 2, 3, 2, 0, 2).forward(Nabla.randn(1, 4, 3, 3))).getMessage());
        assertEquals("num_channels must be divisible by num_groups", assertThrows(IllegalArgumentException.class,
                () -> new GroupNorm(3, 4)).getMessage());
        assertEquals("Expected number of channels in input to be divisible by num_groups, but got input of shape "
                + "[2, 3, 5] and num_groups=2", assertThrows(IllegalArgumentException.class,
                () -> new GroupNorm(2, 4).forward(Nabla.randn(2, 3, 5))).getMessage());
        assertEquals("dropout probability has to be between 0 and 1, but got 1.5", assertThrows(IllegalArgumentException.class,
                () -> new Dropout2d(1.5)).getMessage());
        assertEquals("only one of size or scale_factor should be defined", assertThrows(IllegalArgumentException.class,
                () -> new Upsample(new int[] {3}, new double[] {2}, "nearest", null)).getMessage());
    }
}
