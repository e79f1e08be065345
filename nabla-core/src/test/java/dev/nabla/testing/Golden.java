package dev.nabla.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nabla.DType;
import dev.nabla.Nabla;
import dev.nabla.Tensor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Reads golden values written by PyTorch (tools/golden/*.py, see golden_util.py for the format) and compares
 * tensors against them.
 */
public final class Golden {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Golden() {}

    /** The JSON document at {@code golden/<path>} on the test classpath. */
    public static JsonNode load(String path) {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + path)) {
            if (in == null) throw new IllegalStateException("missing golden resource golden/" + path + "; run tools/golden/");
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double number(JsonNode v) {
        if (v.isTextual()) {
            return switch (v.asText()) {
                case "nan" -> Double.NaN;
                case "inf" -> Double.POSITIVE_INFINITY;
                case "-inf" -> Double.NEGATIVE_INFINITY;
                default -> throw new IllegalArgumentException("not a number: " + v);
            };
        }
        if (v.isBoolean()) return v.asBoolean() ? 1 : 0;
        return v.asDouble();
    }

    /** A tensor from {"shape", "dtype", "data"}. */
    public static Tensor tensor(JsonNode node) {
        int[] shape = new int[node.get("shape").size()];
        for (int i = 0; i < shape.length; i++) shape[i] = node.get("shape").get(i).asInt();
        JsonNode data = node.get("data");
        String dtype = node.get("dtype").asText();
        int n = data.size();
        return switch (dtype) {
            case "float32" -> {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) v[i] = (float) number(data.get(i));
                yield Tensor.of(dev.nabla.Storage.of(v), shape);
            }
            case "float64" -> {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) v[i] = number(data.get(i));
                yield Tensor.of(dev.nabla.Storage.of(v), shape);
            }
            case "int64" -> {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) v[i] = data.get(i).asLong();
                yield Tensor.of(dev.nabla.Storage.of(v), shape);
            }
            case "bool" -> {
                boolean[] v = new boolean[n];
                for (int i = 0; i < n; i++) v[i] = data.get(i).asBoolean();
                yield Tensor.of(dev.nabla.Storage.of(v), shape);
            }
            default -> throw new IllegalArgumentException("unknown dtype " + dtype);
        };
    }

    /** Asserts same shape and values within {@code atol + rtol * |expected|} (NaN matches NaN). */
    public static void assertClose(Tensor expected, Tensor actual, double rtol, double atol, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        double[] e = expected.toDoubleArray(), a = actual.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            boolean ok = (Double.isNaN(e[i]) && Double.isNaN(a[i])) || e[i] == a[i]
                    || Math.abs(e[i] - a[i]) <= atol + rtol * Math.abs(e[i]);
            if (!ok) {
                fail(what + ": element " + i + " expected " + e[i] + " but was " + a[i] + " (shape "
                        + Arrays.toString(expected.shape()) + ")");
            }
        }
    }

    /** Float32 default tolerances: rtol 1e-4, atol 1e-5. */
    public static void assertClose(Tensor expected, Tensor actual, String what) {
        assertClose(expected, actual, 1e-4, 1e-5, what);
    }

    /** Same dtype as well as values. */
    public static void assertSameDtype(Tensor expected, Tensor actual, String what) {
        assertEquals(expected.dtype(), actual.dtype(), what + ": dtype");
    }

    /** Convenience: a float64 copy that requires grad, for GradCheck. */
    public static Tensor f64(Tensor t) {
        return t.detach().to(DType.FLOAT64).clone().requiresGrad(true);
    }

    static {
        // Touch Nabla so that kernel selection logs once, before the first assertion output.
        Nabla.isGradEnabled();
    }
}
