package dev.nabla.io;

import dev.nabla.Nabla;
import dev.nabla.Tensor;
import dev.nabla.nn.Module;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class SafetensorsTest {
    @TempDir
    Path dir;

    static Map<String, Tensor> allDtypes() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("weights", Nabla.tensor(new float[] {1.5f, -2, 3.25f, Float.NaN, Float.NEGATIVE_INFINITY, 0}, 2, 3));
        m.put("flag", Nabla.tensor(new boolean[] {true, false, true}, 3));
        m.put("steps", Nabla.tensor(new long[] {Long.MIN_VALUE, -1, 1L << 40}, 3));
        m.put("scale", Nabla.tensor(new double[] {Math.PI}).squeeze());
        m.put("empty", Nabla.zeros(0, 4));
        return m;
    }

    @Test
    void roundTripsAllFourDtypesShapesOrderAndMetadata() {
        Map<String, Tensor> in = allDtypes();
        Path file = dir.resolve("all.safetensors");
        Safetensors.save(in, Map.of("format", "pt", "note", "quote \" and é"), file);
        Safetensors.Contents c = Safetensors.load(file);
        assertEquals(List.copyOf(in.keySet()), List.copyOf(c.tensors().keySet()), "the header keeps the caller's order");
        for (var e : in.entrySet()) {
            Tensor got = c.tensors().get(e.getKey());
            assertEquals(e.getValue().dtype(), got.dtype(), e.getKey());
            assertArrayEquals(e.getValue().shape(), got.shape(), e.getKey());
            assertArrayEquals(e.getValue().toDoubleArray(), got.toDoubleArray(), e.getKey());
        }
        assertEquals(Map.of("format", "pt", "note", "quote \" and é"), c.metadata());
    }

    @Test
    void layoutFollowsTheReferenceImplementation() {
        byte[] bytes = Safetensors.toBytes(allDtypes(), Map.of());
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8, "the header is padded to a multiple of 8");
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertTrue(header.startsWith("{\"weights\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":["), header);
        assertTrue(header.stripTrailing().endsWith("}") && header.substring(header.stripTrailing().length()).isBlank(),
                "padded with spaces: [" + header + "]");
        // widest dtypes first: the 8-byte I64 and F64 data come before the F32, the 1-byte BOOL last
        assertTrue(header.contains("\"scale\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,8]}"), header);
        assertTrue(header.contains("\"steps\":{\"dtype\":\"I64\",\"shape\":[3],\"data_offsets\":[8,32]}"), header);
        assertTrue(header.contains("\"weights\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[32,56]}"), header);
        assertTrue(header.contains("\"flag\":{\"dtype\":\"BOOL\",\"shape\":[3],\"data_offsets\":[56,59]}"), header);
        assertEquals(8 + n + 59, bytes.length);
        assertEquals(1.5f, ByteBuffer.wrap(bytes, (int) (8 + n + 32), 4).order(ByteOrder.LITTLE_ENDIAN).getFloat());
    }

    @Test
    void viewsAreSavedAsTheirLogicalElements() {
        Tensor base = Nabla.arange(0, 12).toFloat().reshape(3, 4);
        Map<String, Tensor> m = Map.of("t", base.t());
        Tensor got = Safetensors.read(Safetensors.toBytes(m, null), "mem").tensors().get("t");
        assertArrayEquals(new int[] {4, 3}, got.shape());
        assertArrayEquals(base.t().contiguous().toFloatArray(), got.toFloatArray());
    }

    @Test
    void readsHalfPrecisionAndSmallIntegerDtypes() {
        // F16 1.0 = 0x3C00, BF16 -2.0 = 0xC000, I32 -7, U8 200
        byte[] data = new byte[2 + 2 + 4 + 1];
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0x3C00).putShort((short) 0xC000).putInt(-7).put((byte) 200);
        String header = "{\"h\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[0,2]},"
                + "\"bf\":{\"dtype\":\"BF16\",\"shape\":[1],\"data_offsets\":[2,4]},"
                + "\"i\":{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[4,8]},"
                + "\"u\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[8,9]}}";
        var t = Safetensors.read(file(header, data), "half").tensors();
        assertEquals(1.0, t.get("h").item());
        assertEquals(-2.0, t.get("bf").item());
        assertEquals(-7, t.get("i").item());
        assertEquals(200, t.get("u").item());
    }

    @Test
    void nablaSaveAndLoadAModule() {
        Module m = new Module() {
            final Tensor w = registerParameter("weight", Nabla.randn(3, 2));
            final Tensor count = registerBuffer("count", Nabla.tensor(new long[] {5}, 1));

            @Override
            public Tensor forward(Tensor x) {
                return x.matmul(w);
            }
        };
        Path file = dir.resolve("m.safetensors");
        Nabla.save(m, file);
        Map<String, Tensor> loaded = Nabla.load(file);
        assertEquals(List.of("weight", "count"), List.copyOf(loaded.keySet()));
        assertTrue(loaded.get("weight").equal(m.stateDict().get("weight")));
        assertFalse(loaded.get("weight").requiresGrad());
        m.loadStateDict(loaded);
    }

    @Test
    void savedFilesGetTheUsualPermissionsNotATempFilesOwnerOnlyOnes() throws java.io.IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path saved = dir.resolve("perm.safetensors");
        Nabla.save(Map.of("w", Nabla.ones(1)), saved);
        Path plain = Files.createFile(dir.resolve("plain"));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(saved));
    }

    /** A file made of a header (padded as given) and data. */
    static byte[] file(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        return b.array();
    }
}
