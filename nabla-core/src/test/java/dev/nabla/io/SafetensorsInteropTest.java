package dev.nabla.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nabla.Nabla;
import dev.nabla.Tensor;
import dev.nabla.nn.Linear;
import dev.nabla.nn.ReLU;
import dev.nabla.nn.Sequential;
import dev.nabla.testing.Golden;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Checkpoints cross the border with PyTorch both ways. tools/golden/io_golden.py wrote torch_mlp.safetensors from
 * PyTorch's state dict (by hand, in the reference layout); Nabla loads it into the same architecture and must give
 * PyTorch's outputs. This test also writes nabla_mlp.safetensors and its inputs and outputs under target/io-interop,
 * which {@code /usr/bin/python3 tools/golden/io_golden.py --verify nabla-core/target/io-interop/nabla_mlp.safetensors}
 * loads into PyTorch and checks.
 */
class SafetensorsInteropTest {
    static Sequential mlp() {
        return new Sequential(new Linear(4, 8), new ReLU(), new Linear(8, 3));
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = SafetensorsInteropTest.class.getResourceAsStream("/io/" + name)) {
            assertNotNull(in, "missing test resource io/" + name + "; run tools/golden/io_golden.py");
            return in.readAllBytes();
        }
    }

    @Test
    void aPyTorchCheckpointLoadsAndGivesPyTorchsOutputs() throws IOException {
        Safetensors.Contents c = Safetensors.read(resource("torch_mlp.safetensors"), "torch_mlp.safetensors");
        assertEquals(Map.of("format", "pt", "arch", "4-8-3"), c.metadata());
        Sequential model = mlp();
        model.loadStateDict(c.tensors());   // strict: PyTorch's keys and layouts, no renaming
        JsonNode golden = Golden.load("io/torch_mlp.json");
        try (var eval = model.evalMode(); var noGrad = Nabla.noGrad()) {
            Tensor out = model.forward(Golden.tensor(golden.get("input")));
            Golden.assertClose(Golden.tensor(golden.get("output")), out, 1e-5, 1e-6, "MLP with PyTorch's weights");
        }
    }

    @Test
    void everyDtypeWrittenByPyTorchReadsBackExactly() throws IOException {
        var tensors = Safetensors.read(resource("torch_dtypes.safetensors"), "torch_dtypes.safetensors").tensors();
        JsonNode expected = Golden.load("io/torch_mlp.json").get("dtypes");
        assertEquals(4, tensors.size());
        for (String name : List.of("f64", "i64", "mask", "scalar")) {
            Tensor want = Golden.tensor(expected.get(name)), got = tensors.get(name);
            assertEquals(want.dtype(), got.dtype(), name);
            assertArrayEquals(want.shape(), got.shape(), name);
            assertTrue(want.equal(got), name + ": " + got + " vs " + want);
        }
    }

    @Test
    void writesAFileForPyTorchToVerify() throws IOException {
        Nabla.manualSeed(1);
        Sequential model = mlp();
        Tensor x = Nabla.randn(6, 4);
        Tensor y;
        try (var noGrad = Nabla.noGrad()) {
            y = model.forward(x);
        }
        Path dir = Files.createDirectories(Path.of("target", "io-interop"));
        Path file = dir.resolve("nabla_mlp.safetensors");
        Safetensors.save(model.stateDict(), Map.of("format", "pt"), file);
        ObjectMapper json = new ObjectMapper();
        ObjectNode doc = json.createObjectNode();
        doc.set("input", toJson(json, x));
        doc.set("output", toJson(json, y));
        json.writeValue(dir.resolve("nabla_mlp.json").toFile(), doc);

        // What PyTorch will read: the same tensors under PyTorch's keys.
        Map<String, Tensor> back = Nabla.load(file);
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(back.keySet()));
        Sequential reloaded = mlp();
        reloaded.loadStateDict(back);
        try (var noGrad = Nabla.noGrad()) {
            assertTrue(reloaded.forward(x).equal(y));
        }
    }

    private static ObjectNode toJson(ObjectMapper json, Tensor t) {
        ObjectNode n = json.createObjectNode();
        var shape = n.putArray("shape");
        for (int s : t.shape()) shape.add(s);
        n.put("dtype", "float32");
        var data = n.putArray("data");
        for (float v : t.toFloatArray()) data.add(v);
        return n;
    }
}
