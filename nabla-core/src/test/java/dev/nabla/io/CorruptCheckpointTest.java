package dev.nabla.io;

import dev.nabla.Nabla;
import dev.nabla.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static dev.nabla.io.SafetensorsTest.file;
import static org.junit.jupiter.api.Assertions.*;

/** Every kind of damage is a CheckpointException that says what is wrong, never an out-of-bounds read or OOM. */
class CorruptCheckpointTest {
    @TempDir
    Path dir;

    private static String fail(byte[] bytes) {
        return assertThrows(CheckpointException.class, () -> Safetensors.read(bytes, "model.safetensors")).getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String p : parts) assertTrue(message.contains(p), "expected '" + p + "' in: " + message);
    }

    private static byte[] good() {
        return Safetensors.toBytes(Map.of("w", Nabla.ones(2, 2), "b", Nabla.zeros(2)), Map.of());
    }

    @Test
    void truncatedFiles() {
        byte[] g = good();
        assertMentions(fail(Arrays.copyOf(g, 5)), "model.safetensors", "fewer than the 8-byte header length");
        assertMentions(fail(Arrays.copyOf(g, 20)), "model.safetensors", "header length", "larger than");
        assertMentions(fail(Arrays.copyOf(g, g.length - 3)), "model.safetensors", "truncated", "data section has only");
    }

    @Test
    void hugeHeaderLengthIsRefusedBeforeReading() {
        byte[] g = good();
        ByteBuffer.wrap(g).order(ByteOrder.LITTLE_ENDIAN).putLong(0, Long.MAX_VALUE - 3);
        assertMentions(fail(g), "header length", "larger than");
        ByteBuffer.wrap(g).order(ByteOrder.LITTLE_ENDIAN).putLong(0, -1L);   // 2^64 - 1 as unsigned
        assertMentions(fail(g), "18446744073709551615", "larger than");
    }

    @Test
    void offsetsOutsideTheDataOverlappingOrNotMatchingDtypeAndShape() {
        byte[] data = new byte[16];
        assertMentions(fail(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[16,24]}}", data)), "\"b\"", "only 16 bytes");
        assertMentions(fail(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}", data)), "overlaps");
        assertMentions(fail(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,16]}}", data)),
                "\"a\"", "needs 12 bytes", "span 16");
        assertMentions(fail(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}", data)), "gap");
        assertMentions(fail(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", data)), "cover 8 bytes", "holds 16");
        assertMentions(fail(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}", data)), "invalid data_offsets");
        assertMentions(fail(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", data)), "invalid shape");
        assertMentions(fail(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[100000,100000,100000],\"data_offsets\":[0,16]}}", data)),
                "too large");
    }

    @Test
    void unknownDtype() {
        assertMentions(fail(file("{\"a\":{\"dtype\":\"C64\",\"shape\":[1],\"data_offsets\":[0,8]}}", new byte[8])),
                "unknown dtype \"C64\"", "F32, F64, I64, BOOL");
    }

    @Test
    void badJsonAndNonSafetensorsFiles() {
        assertMentions(fail(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}", new byte[4])), "not valid JSON");
        assertMentions(fail(file("{\"a\" \"b\"}", new byte[0])), "not valid JSON", "expected ':'");
        assertMentions(fail(file("[1, 2, 3]", new byte[0])), "does not start with '{'");
        assertMentions(fail(file("{\"__metadata__\":{\"k\":1}}", new byte[0])), "not a string");
        assertMentions(fail(file("{\"a\":{\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[4])), "no dtype");
        byte[] notUtf8 = file("{\"a\":1}", new byte[0]);
        notUtf8[10] = (byte) 0xC3;
        assertMentions(fail(notUtf8), "not valid UTF-8");
    }

    @Test
    void missingFileNamesThePath() {
        Path p = dir.resolve("nothing.safetensors");
        assertMentions(assertThrows(CheckpointException.class, () -> Nabla.load(p)).getMessage(), "not found", p.toString());
    }

    @Test
    void anExistingCheckpointSurvivesAFailedSave() throws IOException {
        Path file = dir.resolve("model.safetensors");
        Nabla.save(Map.of("w", Nabla.ones(3)), file);
        byte[] before = Files.readAllBytes(file);
        // The writer dies half-way, as a crash or a full disk would make it.
        IOException boom = assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
            out.write(new byte[1000]);
            throw new IOException("disk full");
        }));
        assertEquals("disk full", boom.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
        // A save that fails before writing (a bad name) leaves it too; a good one replaces it.
        Map<String, Tensor> bad = new java.util.HashMap<>();
        bad.put("__metadata__", Nabla.ones(1));
        assertThrows(IllegalArgumentException.class, () -> Nabla.save(bad, file));
        assertArrayEquals(before, Files.readAllBytes(file));
        Nabla.save(Map.of("w", Nabla.zeros(3)), file);
        assertArrayEquals(new float[3], Nabla.load(file).get("w").toFloatArray());
    }

    @Test
    void saveIntoAMissingDirectoryIsAClearError() {
        Path p = dir.resolve("no/such/dir/model.safetensors");
        assertMentions(assertThrows(CheckpointException.class, () -> Nabla.save(Map.of("w", Nabla.ones(1)), p)).getMessage(),
                "cannot write checkpoint", "directory does not exist");
    }
}
