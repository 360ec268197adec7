package dev.tuna.engine.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuna.data.TunaException;
import dev.tuna.data.io.AtomicFiles;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes one safetensors file (f32, bf16 or f16 tensors plus {@code __metadata__}) the way the Python library
 * does: an 8-byte little-endian header length, a JSON header padded with spaces to a multiple of 8, then the
 * tensors back to back in the order they were added. The file appears atomically (temp file, then move).
 */
public final class SafetensorsWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Entry(String name, DType dtype, long[] shape, float[] values, MemorySegment raw) {
        long byteSize() {
            return raw != null ? raw.byteSize() : (long) values.length * dtype.byteSize();
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    /** A {@code __metadata__} entry; PyTorch checkpoints carry {@code format: pt}. */
    public SafetensorsWriter metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    /** Adds a tensor stored as {@code dtype}; the floats are narrowed on write (bf16 rounds to nearest even). */
    public SafetensorsWriter add(String name, DType dtype, long[] shape, float[] values) {
        if (TensorView.elementCount(shape) != values.length) {
            throw new IllegalArgumentException("tensor " + name + ": shape holds "
                    + TensorView.elementCount(shape) + " elements but " + values.length + " values were given");
        }
        return put(new Entry(name, dtype, shape.clone(), values, null));
    }

    public SafetensorsWriter addF32(String name, long[] shape, float[] values) {
        return add(name, DType.F32, shape, values);
    }

    public SafetensorsWriter addBf16(String name, long[] shape, float[] values) {
        return add(name, DType.BF16, shape, values);
    }

    /** Copies a tensor from another checkpoint byte for byte, under a (possibly new) name. */
    public SafetensorsWriter copy(String name, TensorView view) {
        return put(new Entry(name, view.dtype(), view.shape(), null, view.data()));
    }

    private SafetensorsWriter put(Entry e) {
        if (!names.add(e.name())) {
            throw new IllegalArgumentException("tensor " + e.name() + " added twice");
        }
        entries.add(e);
        return this;
    }

    /** Writes the file atomically: a temp file in the same folder, then an atomic move onto {@code file}. */
    public void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            AtomicFiles.writeSynced(file, tmp -> {
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    writeTo(ch);
                }
            });
        } catch (IOException e) {
            throw new TunaException(file + ": cannot write safetensors file (" + e.getMessage() + ")", e);
        }
    }

    private void writeTo(FileChannel ch) throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            header.put("__metadata__", metadata);
        }
        long offset = 0;
        for (Entry e : entries) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("dtype", e.dtype().safetensorsName());
            t.put("shape", e.shape());
            t.put("data_offsets", new long[] {offset, offset + e.byteSize()});
            header.put(e.name(), t);
            offset += e.byteSize();
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(json);
        while (head.hasRemaining()) {
            head.put((byte) ' ');
        }
        writeFully(ch, head.flip());

        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (Entry e : entries) {
            if (e.raw() != null) {
                writeFully(ch, e.raw().asByteBuffer());
                continue;
            }
            for (float v : e.values()) {
                if (buf.remaining() < 4) {
                    writeFully(ch, buf.flip());
                    buf.clear();
                }
                switch (e.dtype()) {
                    case F32 -> buf.putFloat(v);
                    case BF16 -> buf.putShort(DType.floatToBf16(v));
                    case F16 -> buf.putShort(Float.floatToFloat16(v));
                }
            }
            writeFully(ch, buf.flip());
            buf.clear();
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

}
