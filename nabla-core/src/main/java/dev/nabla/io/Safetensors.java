package dev.nabla.io;

import dev.nabla.DType;
import dev.nabla.Storage;
import dev.nabla.Tensor;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the safetensors format, in which PyTorch users exchange weights: an 8-byte little-endian
 * header length N, N bytes of JSON ({@code {"name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]},
 * "__metadata__": {"key": "value"}}}) padded with spaces to a multiple of 8, then the raw little-endian data.
 *
 * <p>Writes F32, F64, I64 and BOOL (Nabla's dtypes). Reads those, and also F16 and BF16 (as float32) and I32,
 * I16, I8 and U8 (as int64), so checkpoints saved in half precision load too. Every header value is checked
 * before anything is read: a header length beyond the file, bad JSON, an unknown dtype, offsets outside the data,
 * overlapping or leaving gaps, or not matching dtype times shape are each a {@link CheckpointException} naming
 * the file and the tensor, never an out-of-bounds read, and nothing is allocated from an unchecked size.
 *
 * <pre>{@code
 * Safetensors.save(model.stateDict(), Map.of("epoch", "3"), Path.of("model.safetensors"));
 * Safetensors.Contents c = Safetensors.load(Path.of("model.safetensors"));
 * model.loadStateDict(c.tensors());
 * }</pre>
 */
public final class Safetensors {
    /** The reference implementation's limit; larger headers are refused before reading them. */
    static final long MAX_HEADER_SIZE = 100_000_000L;
    static final String METADATA_KEY = "__metadata__";

    private Safetensors() {}

    /** Tensors by name, in the order of the file's header, and the {@code __metadata__} strings (empty if none). */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {}

    // ----------------------------------------------------------------------------------------------------------
    // Writing

    /** Saves atomically: a failure part-way leaves any previous file at {@code file} as it was. */
    public static void save(Map<String, Tensor> tensors, Map<String, String> metadata, Path file) {
        Layout layout = layout(tensors, metadata);
        try {
            AtomicFiles.write(file, out -> write(layout, out));
        } catch (IOException e) {
            throw new CheckpointException("cannot write checkpoint " + file + ": " + describe(e), e);
        }
    }

    /** Writes the safetensors bytes of {@code tensors} to {@code out}. */
    public static void write(Map<String, Tensor> tensors, Map<String, String> metadata, OutputStream out) throws IOException {
        write(layout(tensors, metadata), out);
    }

    /** The safetensors bytes of {@code tensors}, in memory. */
    public static byte[] toBytes(Map<String, Tensor> tensors, Map<String, String> metadata) {
        var buf = new java.io.ByteArrayOutputStream();
        try {
            write(tensors, metadata, buf);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return buf.toByteArray();
    }

    private record Entry(String name, Tensor tensor, long begin, long end) {}

    private record Layout(byte[] header, List<Entry> dataOrder) {}

    private static Layout layout(Map<String, Tensor> tensors, Map<String, String> metadata) {
        List<Map.Entry<String, Tensor>> sorted = new ArrayList<>(tensors.entrySet());
        for (var e : sorted) {
            if (e.getKey() == null || e.getValue() == null) throw new IllegalArgumentException("cannot save a null name or tensor: " + e);
            if (e.getKey().equals(METADATA_KEY)) throw new IllegalArgumentException("a tensor cannot be named " + METADATA_KEY);
        }
        // Data goes widest dtype first, then by name, as the reference implementation lays it out, so every tensor
        // starts at a multiple of its element size; the header lists tensors in the caller's order.
        sorted.sort(Comparator.<Map.Entry<String, Tensor>>comparingInt(e -> -e.getValue().dtype().itemSize())
                .thenComparing(Map.Entry::getKey));
        Map<String, Entry> entries = new LinkedHashMap<>();
        List<Entry> order = new ArrayList<>();
        long offset = 0;
        for (var e : sorted) {
            long bytes = e.getValue().numel() * e.getValue().dtype().itemSize();
            Entry entry = new Entry(e.getKey(), e.getValue(), offset, offset + bytes);
            entries.put(e.getKey(), entry);
            order.add(entry);
            offset += bytes;
        }
        StringBuilder json = new StringBuilder("{");
        if (metadata != null && !metadata.isEmpty()) {
            Json.quote(json, METADATA_KEY);
            json.append(":{");
            boolean first = true;
            for (var m : metadata.entrySet()) {
                if (!first) json.append(',');
                first = false;
                Json.quote(json, m.getKey());
                json.append(':');
                Json.quote(json, m.getValue());
            }
            json.append('}');
        }
        for (String name : tensors.keySet()) {
            Entry e = entries.get(name);
            if (json.length() > 1) json.append(',');
            Json.quote(json, name);
            json.append(":{\"dtype\":\"").append(code(e.tensor.dtype())).append("\",\"shape\":[");
            int[] shape = e.tensor.shape();
            for (int i = 0; i < shape.length; i++) json.append(i > 0 ? "," : "").append(shape[i]);
            json.append("],\"data_offsets\":[").append(e.begin).append(',').append(e.end).append("]}");
        }
        json.append('}');
        byte[] text = json.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (text.length + 7) / 8 * 8;
        byte[] header = Arrays.copyOf(text, padded);
        Arrays.fill(header, text.length, padded, (byte) ' ');
        return new Layout(header, order);
    }

    private static void write(Layout layout, OutputStream out) throws IOException {
        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(layout.header.length);
        out.write(len.array());
        out.write(layout.header);
        for (Entry e : layout.dataOrder) out.write(encode(e.tensor));
    }

    private static byte[] encode(Tensor t) {
        int n = (int) t.numel();
        ByteBuffer b = ByteBuffer.allocate(n * t.dtype().itemSize()).order(ByteOrder.LITTLE_ENDIAN);
        switch (t.dtype()) {
            case FLOAT32 -> b.asFloatBuffer().put(t.toFloatArray());
            case FLOAT64 -> b.asDoubleBuffer().put(t.toDoubleArray());
            case INT64 -> b.asLongBuffer().put(t.toLongArray());
            case BOOL -> {
                boolean[] v = t.toBooleanArray();
                for (int i = 0; i < n; i++) b.put(i, (byte) (v[i] ? 1 : 0));
            }
        }
        return b.array();
    }

    private static String code(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> "F32";
            case FLOAT64 -> "F64";
            case INT64 -> "I64";
            case BOOL -> "BOOL";
        };
    }

    // ----------------------------------------------------------------------------------------------------------
    // Reading

    /** Reads every tensor and the metadata of a safetensors file. */
    public static Contents load(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(ch, file.toString());
        } catch (NoSuchFileException e) {
            throw new CheckpointException("checkpoint not found: " + file, e);
        } catch (IOException e) {
            throw new CheckpointException("cannot read checkpoint " + file + ": " + describe(e), e);
        }
    }

    /** Reads safetensors bytes held in memory; {@code name} is used in error messages. */
    public static Contents read(byte[] bytes, String name) {
        try {
            return read(new ByteArraySource(bytes), name);
        } catch (IOException e) {
            throw new CheckpointException("cannot read " + name + ": " + describe(e), e);
        }
    }

    private static Contents read(SeekableSource src, String name) throws IOException {
        long size = src.size();
        if (size < 8) {
            throw new CheckpointException(name + " is not a safetensors file: it has " + size + " bytes, fewer than the 8-byte header length");
        }
        long headerLength = src.read(0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength < 0 || headerLength > size - 8) {
            throw new CheckpointException(name + " is truncated or not a safetensors file: its header length "
                    + Long.toUnsignedString(headerLength) + " is larger than the " + (size - 8) + " bytes after the length field");
        }
        if (headerLength > MAX_HEADER_SIZE) {
            throw new CheckpointException(name + ": header of " + headerLength + " bytes exceeds the limit of " + MAX_HEADER_SIZE);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(src.read(8, (int) headerLength)).toString();
        } catch (CharacterCodingException e) {
            throw new CheckpointException(name + ": the header is not valid UTF-8 text", e);
        }
        if (!text.startsWith("{")) throw new CheckpointException(name + ": the header does not start with '{', so this is not a safetensors file");
        Object parsed;
        try {
            parsed = Json.parse(text);
        } catch (Json.ParseException e) {
            throw new CheckpointException(name + ": the header is not valid JSON: " + e.getMessage(), e);
        }
        if (!(parsed instanceof Map<?, ?> header)) throw new CheckpointException(name + ": the header is not a JSON object");
        long dataStart = 8 + headerLength, dataSize = size - dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Info> infos = new ArrayList<>();
        for (var e : header.entrySet()) {
            String key = (String) e.getKey();
            if (key.equals(METADATA_KEY)) {
                readMetadata(e.getValue(), metadata, name);
            } else {
                infos.add(info(key, e.getValue(), name));
            }
        }
        checkOffsets(infos, dataSize, name);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Info info : infos) {
            ByteBuffer b = src.read(dataStart + info.begin, (int) (info.end - info.begin)).order(ByteOrder.LITTLE_ENDIAN);
            tensors.put(info.name, decode(info, b));
        }
        return new Contents(tensors, metadata);
    }

    private static void readMetadata(Object value, Map<String, String> out, String file) {
        if (!(value instanceof Map<?, ?> m)) throw new CheckpointException(file + ": " + METADATA_KEY + " must be an object of strings");
        for (var e : m.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw new CheckpointException(file + ": " + METADATA_KEY + " value of \"" + e.getKey() + "\" is not a string");
            }
            out.put((String) e.getKey(), s);
        }
    }

    /** One tensor's header entry, checked. */
    private record Info(String name, String dtype, int[] shape, long numel, long begin, long end) {}

    private static Info info(String name, Object value, String file) {
        if (!(value instanceof Map<?, ?> m)) throw new CheckpointException(file + ": the entry of tensor \"" + name + "\" is not an object");
        if (!(m.get("dtype") instanceof String dtype)) throw new CheckpointException(file + ": tensor \"" + name + "\" has no dtype string");
        if (itemSize(dtype) < 0) {
            throw new CheckpointException(file + ": tensor \"" + name + "\" has unknown dtype \"" + dtype
                    + "\" (supported: F32, F64, I64, BOOL, and F16, BF16, I32, I16, I8, U8 when reading)");
        }
        if (!(m.get("shape") instanceof List<?> dims)) throw new CheckpointException(file + ": tensor \"" + name + "\" has no shape array");
        int[] shape = new int[dims.size()];
        long numel = 1;
        for (int i = 0; i < shape.length; i++) {
            if (!(dims.get(i) instanceof Long d) || d < 0 || d > Integer.MAX_VALUE) {
                throw new CheckpointException(file + ": tensor \"" + name + "\" has an invalid shape " + dims);
            }
            shape[i] = (int) (long) d;
            if (d != 0 && numel > Integer.MAX_VALUE / d) {
                throw new CheckpointException(file + ": tensor \"" + name + "\" with shape " + dims + " is too large for one tensor");
            }
            numel *= d;
        }
        if (!(m.get("data_offsets") instanceof List<?> offs) || offs.size() != 2
                || !(offs.get(0) instanceof Long begin) || !(offs.get(1) instanceof Long end) || begin < 0 || end < begin) {
            throw new CheckpointException(file + ": tensor \"" + name + "\" has invalid data_offsets " + m.get("data_offsets")
                    + " (expected [begin, end] with 0 <= begin <= end)");
        }
        long expected = numel * itemSize(dtype);
        if (end - begin != expected) {
            throw new CheckpointException(file + ": tensor \"" + name + "\" of dtype " + dtype + " and shape " + Arrays.toString(shape)
                    + " needs " + expected + " bytes, but its data_offsets [" + begin + ", " + end + "] span " + (end - begin));
        }
        return new Info(name, dtype, shape, numel, begin, end);
    }

    /** The tensors must tile the data region exactly, as the reference implementation requires. */
    private static void checkOffsets(List<Info> infos, long dataSize, String file) {
        List<Info> byOffset = new ArrayList<>(infos);
        byOffset.sort(Comparator.comparingLong(Info::begin).thenComparingLong(Info::end));
        long cursor = 0;
        Info previous = null;
        for (Info info : byOffset) {
            if (info.end > dataSize) {
                throw new CheckpointException(file + " is truncated or corrupt: tensor \"" + info.name + "\" has data_offsets ["
                        + info.begin + ", " + info.end + "] but the data section has only " + dataSize + " bytes");
            }
            if (info.begin < cursor) {
                throw new CheckpointException(file + ": tensor \"" + info.name + "\" (data_offsets [" + info.begin + ", " + info.end
                        + "]) overlaps tensor \"" + previous.name + "\" (data_offsets [" + previous.begin + ", " + previous.end + "])");
            }
            if (info.begin > cursor) {
                throw new CheckpointException(file + ": gap in the data before tensor \"" + info.name + "\": its data starts at byte "
                        + info.begin + ", the previous tensor ends at " + cursor);
            }
            cursor = info.end;
            previous = info;
        }
        if (cursor != dataSize) {
            throw new CheckpointException(file + ": the tensors cover " + cursor + " bytes of data but the file holds " + dataSize
                    + " after the header");
        }
    }

    private static int itemSize(String dtype) {
        return switch (dtype) {
            case "F64", "I64" -> 8;
            case "F32", "I32" -> 4;
            case "F16", "BF16", "I16" -> 2;
            case "I8", "U8", "BOOL" -> 1;
            default -> -1;
        };
    }

    private static Tensor decode(Info info, ByteBuffer b) {
        int n = (int) info.numel;
        Storage s = switch (info.dtype) {
            case "F32" -> {
                float[] v = new float[n];
                b.asFloatBuffer().get(v);
                yield Storage.of(v);
            }
            case "F64" -> {
                double[] v = new double[n];
                b.asDoubleBuffer().get(v);
                yield Storage.of(v);
            }
            case "I64" -> {
                long[] v = new long[n];
                b.asLongBuffer().get(v);
                yield Storage.of(v);
            }
            case "BOOL" -> {
                boolean[] v = new boolean[n];
                for (int i = 0; i < n; i++) v[i] = b.get(i) != 0;
                yield Storage.of(v);
            }
            case "F16" -> {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) v[i] = Float.float16ToFloat(b.getShort(2 * i));
                yield Storage.of(v);
            }
            case "BF16" -> {
                float[] v = new float[n];
                // bfloat16 is the upper half of a float32.
                for (int i = 0; i < n; i++) v[i] = Float.intBitsToFloat((b.getShort(2 * i) & 0xffff) << 16);
                yield Storage.of(v);
            }
            case "I32", "I16", "I8", "U8" -> {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    v[i] = switch (info.dtype) {
                        case "I32" -> b.getInt(4 * i);
                        case "I16" -> b.getShort(2 * i);
                        case "I8" -> b.get(i);
                        default -> b.get(i) & 0xff;
                    };
                }
                yield Storage.of(v);
            }
            default -> throw new IllegalStateException("unchecked dtype " + info.dtype);
        };
        return Tensor.of(s, info.shape);
    }

    private static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    // ----------------------------------------------------------------------------------------------------------
    // Random access to a file or to bytes in memory

    private interface SeekableSource {
        long size() throws IOException;

        /** Exactly {@code length} bytes at {@code position} (the caller has checked they are inside). */
        ByteBuffer read(long position, int length) throws IOException;
    }

    private record ByteArraySource(byte[] bytes) implements SeekableSource {
        public long size() {
            return bytes.length;
        }

        public ByteBuffer read(long position, int length) {
            return ByteBuffer.wrap(Arrays.copyOfRange(bytes, (int) position, (int) position + length));
        }
    }

    private static final class FileSource implements SeekableSource {
        private final FileChannel ch;

        FileSource(FileChannel ch) {
            this.ch = ch;
        }

        public long size() throws IOException {
            return ch.size();
        }

        public ByteBuffer read(long position, int length) throws IOException {
            ByteBuffer b = ByteBuffer.allocate(length);
            while (b.hasRemaining()) {
                int r = ch.read(b, position + b.position());
                if (r < 0) throw new java.io.EOFException("file ended at byte " + (position + b.position()) + " while reading");
                if (r == 0 && b.hasRemaining()) Thread.onSpinWait();
            }
            return b.flip();
        }
    }

    private static Contents read(FileChannel ch, String name) throws IOException {
        return read(new FileSource(ch), name);
    }
}
