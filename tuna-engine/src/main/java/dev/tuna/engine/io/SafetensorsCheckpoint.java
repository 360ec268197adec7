package dev.tuna.engine.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuna.data.TunaException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.stream.Collectors;

/**
 * A Hugging Face safetensors checkpoint — one {@code model.safetensors}, a sharded set listed by
 * {@code model.safetensors.index.json}, or any single {@code .safetensors} file — memory-mapped, never copied.
 *
 * <p>The mapping lives in an automatic arena: any thread may read the tensors (the trainer's workers do), and the
 * files are unmapped once no view of them is reachable any more, so there is nothing to close.
 *
 * <p>Every header is validated when the checkpoint is opened, so a bad or truncated file fails at once with a
 * message naming the file and the tensor, not later in the middle of a forward pass.
 */
public final class SafetensorsCheckpoint {
    public static final String SINGLE_FILE = "model.safetensors";
    public static final String INDEX_FILE = "model.safetensors.index.json";

    /** Larger headers are not written by any real tool; a bigger length means a corrupt or foreign file. */
    private static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path source;
    private final Map<String, TensorView> tensors;
    private final Map<String, String> metadata;

    private SafetensorsCheckpoint(Path source, Map<String, TensorView> tensors, Map<String, String> metadata) {
        this.source = source;
        this.tensors = Collections.unmodifiableMap(tensors);
        this.metadata = Collections.unmodifiableMap(metadata);
    }

    /**
     * Opens a checkpoint folder ({@code model.safetensors.index.json} if present, else {@code model.safetensors}),
     * an index file, or a single safetensors file.
     */
    public static SafetensorsCheckpoint open(Path path) {
        if (Files.isDirectory(path)) {
            Path index = path.resolve(INDEX_FILE);
            if (Files.isRegularFile(index)) {
                return openIndex(index);
            }
            Path single = path.resolve(SINGLE_FILE);
            if (Files.isRegularFile(single)) {
                return openFile(single);
            }
            throw new TunaException(path + ": no " + SINGLE_FILE + " or " + INDEX_FILE
                    + " in this folder; point to a Hugging Face checkpoint folder");
        }
        if (!Files.isRegularFile(path)) {
            throw new TunaException(path + ": no such checkpoint file or folder");
        }
        if (path.getFileName().toString().endsWith(".index.json")) {
            return openIndex(path);
        }
        return openFile(path);
    }

    private static SafetensorsCheckpoint openFile(Path file) {
        Map<String, String> metadata = new LinkedHashMap<>();
        Map<String, TensorView> tensors = mapFile(file, metadata);
        return new SafetensorsCheckpoint(file, tensors, metadata);
    }

    private static SafetensorsCheckpoint openIndex(Path index) {
        JsonNode root;
        try {
            root = JSON.readTree(index.toFile());
        } catch (IOException e) {
            throw new TunaException(index + ": not valid JSON (" + firstLine(e) + "); re-download the checkpoint", e);
        }
        JsonNode weightMap = root == null ? null : root.get("weight_map");
        if (weightMap == null || !weightMap.isObject() || weightMap.isEmpty()) {
            throw new TunaException(index + ": has no \"weight_map\" object naming each tensor's shard file");
        }
        Path dir = index.toAbsolutePath().getParent();
        Map<String, Map<String, TensorView>> shards = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        Map<String, TensorView> tensors = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = weightMap.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String shardName = e.getValue().asText();
            Path shard = dir.resolve(shardName);
            if (!shard.normalize().startsWith(dir.normalize())) {
                throw new TunaException(index + ": shard \"" + shardName + "\" of tensor " + e.getKey()
                        + " lies outside the checkpoint folder");
            }
            Map<String, TensorView> shardTensors = shards.computeIfAbsent(shardName, n -> {
                if (!Files.isRegularFile(shard)) {
                    throw new TunaException(index + ": lists shard " + n + " (tensor " + e.getKey()
                            + ") but " + shard + " does not exist; the download is incomplete");
                }
                return mapFile(shard, metadata);
            });
            TensorView view = shardTensors.get(e.getKey());
            if (view == null) {
                throw new TunaException(index + ": tensor " + e.getKey() + " is mapped to " + shardName
                        + " but that file does not contain it");
            }
            tensors.put(e.getKey(), view);
        }
        return new SafetensorsCheckpoint(index, tensors, metadata);
    }

    /** Maps one file and validates its header; tensors come back in header order. */
    private static Map<String, TensorView> mapFile(Path file, Map<String, String> metadataOut) {
        MemorySegment whole;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new TunaException(file + ": truncated safetensors file (" + size
                        + " bytes, shorter than the 8-byte header length); re-download or re-export it");
            }
            whole = ch.map(FileChannel.MapMode.READ_ONLY, 0, size, Arena.ofAuto());
        } catch (IOException e) {
            throw new TunaException(file + ": cannot read (" + firstLine(e) + ")", e);
        }
        long size = whole.byteSize();
        long headerLen = whole.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0);
        if (headerLen <= 0 || headerLen > MAX_HEADER_BYTES || headerLen > size - 8) {
            throw new TunaException(file + ": bad safetensors header length " + Long.toUnsignedString(headerLen)
                    + " (file has " + size + " bytes); the file is truncated or not a safetensors file");
        }
        byte[] headerBytes = whole.asSlice(8, headerLen).toArray(ValueLayout.JAVA_BYTE);
        JsonNode header;
        try {
            header = JSON.readTree(new String(headerBytes, StandardCharsets.UTF_8).strip());
        } catch (JsonProcessingException e) {
            throw new TunaException(file + ": safetensors header is not valid JSON (" + firstLine(e)
                    + "); the file is corrupt", e);
        }
        if (header == null || !header.isObject()) {
            throw new TunaException(file + ": safetensors header is not a JSON object; the file is corrupt");
        }
        MemorySegment dataRegion = whole.asSlice(8 + headerLen);
        long dataSize = dataRegion.byteSize();
        Map<String, TensorView> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode entry = e.getValue();
            if (name.equals("__metadata__")) {
                entry.fields().forEachRemaining(m -> metadataOut.put(m.getKey(), m.getValue().asText()));
                continue;
            }
            String where = file + ": tensor " + name;
            String dtypeName = entry.path("dtype").asText("");
            DType dtype = DType.fromSafetensorsName(dtypeName).orElseThrow(() -> new TunaException(where
                    + " has dtype \"" + dtypeName + "\", which Tuna does not support (F32, BF16 or F16 only)"));
            JsonNode shapeNode = entry.get("shape");
            JsonNode offsets = entry.get("data_offsets");
            if (shapeNode == null || !shapeNode.isArray() || offsets == null || !offsets.isArray()
                    || offsets.size() != 2) {
                throw new TunaException(where + " has no valid \"shape\" and \"data_offsets\"; the file is corrupt");
            }
            long[] shape = new long[shapeNode.size()];
            for (int i = 0; i < shape.length; i++) {
                JsonNode d = shapeNode.get(i);
                if (!d.canConvertToLong() || d.asLong() < 0) {
                    throw new TunaException(where + " has a bad shape " + shapeNode + "; the file is corrupt");
                }
                shape[i] = d.asLong();
            }
            long begin = offsets.get(0).asLong(-1);
            long end = offsets.get(1).asLong(-1);
            if (begin < 0 || end < begin) {
                throw new TunaException(where + " has bad data_offsets " + offsets + "; the file is corrupt");
            }
            if (end > dataSize) {
                throw new TunaException(where + " data [" + begin + ", " + end + ") lies beyond the end of the file ("
                        + dataSize + " data bytes); the file is truncated — re-download or re-export it");
            }
            long expected;
            try {
                expected = Math.multiplyExact(TensorView.elementCount(shape), dtype.byteSize());
            } catch (ArithmeticException overflow) {
                throw new TunaException(where + " has an impossible shape " + shapeNode + "; the file is corrupt");
            }
            if (end - begin != expected) {
                throw new TunaException(where + " holds " + (end - begin) + " bytes but shape " + shapeNode + " of "
                        + dtype + " needs " + expected + "; the file is corrupt");
            }
            out.put(name, new TensorView(name, dtype, shape, dataRegion.asSlice(begin, end - begin)));
        }
        return out;
    }

    /** The tensor of that Hugging Face name; a clear error if the checkpoint has none. */
    public TensorView tensor(String hfName) {
        TensorView t = tensors.get(hfName);
        if (t == null) {
            throw new TunaException(source + ": checkpoint has no tensor " + hfName + nearby(hfName)
                    + "; is it a checkpoint of a supported architecture?");
        }
        return t;
    }

    /** The tensor if present (e.g. {@code lm_head.weight}, absent when embeddings are tied). */
    public Optional<TensorView> find(String hfName) {
        return Optional.ofNullable(tensors.get(hfName));
    }

    public boolean contains(String hfName) {
        return tensors.containsKey(hfName);
    }

    /** All tensor names, in file order. */
    public SequencedSet<String> names() {
        return Collections.unmodifiableSequencedSet(new java.util.LinkedHashSet<>(tensors.keySet()));
    }

    /** The {@code __metadata__} string map of the file(s), e.g. {@code format: pt}. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** The file or index the checkpoint was opened from. */
    public Path source() {
        return source;
    }

    /** Tensor-name hint for a missing tensor: names sharing its last two parts, to reveal naming schemes. */
    private String nearby(String name) {
        String[] parts = name.split("\\.");
        String tail = parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : name;
        List<String> similar = tensors.keySet().stream().filter(n -> n.endsWith(tail)).limit(3).toList();
        return similar.isEmpty() ? "" : " (it has " + similar.stream().collect(Collectors.joining(", ")) + ")";
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
