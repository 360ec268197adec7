package dev.tuna.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.data.TunaException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsCheckpointTest {
    @TempDir
    Path dir;

    private static final float[] VALUES = {1f, -2.5f, 3.140625f, 0f, 1e-3f, -65504f};

    @Test
    void roundTripsF32Bf16AndF16WithMetadata() {
        Path file = dir.resolve("model.safetensors");
        new SafetensorsWriter()
                .metadata("format", "pt")
                .addF32("a.weight", new long[] {2, 3}, VALUES)
                .addBf16("b.weight", new long[] {6}, VALUES)
                .add("c.weight", DType.F16, new long[] {3, 2}, VALUES)
                .addF32("scalar", new long[] {}, new float[] {7f})
                .write(file);

        SafetensorsCheckpoint ckpt = SafetensorsCheckpoint.open(dir);
        assertThat(ckpt.names()).containsExactly("a.weight", "b.weight", "c.weight", "scalar");
        assertThat(ckpt.metadata()).containsEntry("format", "pt");

        TensorView a = ckpt.tensor("a.weight");
        assertThat(a.dtype()).isEqualTo(DType.F32);
        assertThat(a.shape()).containsExactly(2, 3);
        assertThat(a.data().byteSize()).isEqualTo(24);
        assertThat(a.data().isReadOnly()).isTrue();
        assertThat(a.data().isMapped()).isTrue();
        assertThat(a.toFloatArray()).containsExactly(VALUES);

        float[] b = ckpt.tensor("b.weight").toFloatArray();
        assertThat(ckpt.tensor("b.weight").dtype()).isEqualTo(DType.BF16);
        for (int i = 0; i < VALUES.length; i++) {
            // bf16 keeps 8 significant bits: relative error at most 2^-9
            assertThat(b[i]).isCloseTo(VALUES[i], org.assertj.core.data.Offset.offset(Math.abs(VALUES[i]) / 256f));
        }
        assertThat(b[1]).isEqualTo(-2.5f); // exactly representable values survive exactly
        float[] c = ckpt.tensor("c.weight").toFloatArray();
        assertThat(c[5]).isEqualTo(-65504f);
        assertThat(c[2]).isEqualTo(3.140625f);
        assertThat(ckpt.tensor("scalar").toFloatArray()).containsExactly(7f);
        assertThat(ckpt.tensor("scalar").shape()).isEmpty();
    }

    @Test
    void bf16RoundsToNearestEvenLikePyTorch() {
        // 1 + 2^-8 lies exactly between two bf16 values (1 and 1 + 2^-7): ties go to the even mantissa, 1.0
        assertThat(DType.bf16ToFloat(DType.floatToBf16(1f + 0x1p-8f))).isEqualTo(1f);
        // 1 + 3*2^-8 ties between 1+2^-7 (odd) and 1+2^-6 (even): rounds up
        assertThat(DType.bf16ToFloat(DType.floatToBf16(1f + 3 * 0x1p-8f))).isEqualTo(1f + 0x1p-6f);
        assertThat(DType.bf16ToFloat(DType.floatToBf16(1f + 0x1p-8f + 0x1p-20f))).isEqualTo(1f + 0x1p-7f);
        assertThat(Float.isNaN(DType.bf16ToFloat(DType.floatToBf16(Float.NaN)))).isTrue();
    }

    @Test
    void opensAShardedCheckpointThroughItsIndex() throws IOException {
        new SafetensorsWriter().addF32("x", new long[] {2}, new float[] {1, 2})
                .write(dir.resolve("model-00001-of-00002.safetensors"));
        new SafetensorsWriter().addBf16("y", new long[] {1, 2}, new float[] {3, 4})
                .write(dir.resolve("model-00002-of-00002.safetensors"));
        Files.writeString(dir.resolve("model.safetensors.index.json"), """
                {"metadata": {"total_size": 12}, "weight_map": {
                  "x": "model-00001-of-00002.safetensors", "y": "model-00002-of-00002.safetensors"}}""");
        SafetensorsCheckpoint ckpt = SafetensorsCheckpoint.open(dir);
        assertThat(ckpt.names()).containsExactly("x", "y");
        assertThat(ckpt.tensor("y").toFloatArray()).containsExactly(3f, 4f);
        assertThat(SafetensorsCheckpoint.open(dir.resolve("model-00002-of-00002.safetensors")).names())
                .containsExactly("y");
    }

    @Test
    void shardedIndexNamingAMissingShardOrTensorIsReported() throws IOException {
        new SafetensorsWriter().addF32("x", new long[] {1}, new float[] {1}).write(dir.resolve("s1.safetensors"));
        Files.writeString(dir.resolve("model.safetensors.index.json"),
                "{\"weight_map\": {\"x\": \"s1.safetensors\", \"z\": \"s2.safetensors\"}}");
        assertThatThrownBy(() -> SafetensorsCheckpoint.open(dir)).isInstanceOf(TunaException.class)
                .hasMessageContaining("s2.safetensors").hasMessageContaining("tensor z").hasMessageContaining("does not exist");
        Files.writeString(dir.resolve("model.safetensors.index.json"),
                "{\"weight_map\": {\"x\": \"s1.safetensors\", \"w\": \"s1.safetensors\"}}");
        assertThatThrownBy(() -> SafetensorsCheckpoint.open(dir)).isInstanceOf(TunaException.class)
                .hasMessageContaining("tensor w").hasMessageContaining("does not contain it");
    }

    @Test
    void tensorsAreReadableFromOtherThreads() throws Exception {
        float[] big = new float[4096];
        for (int i = 0; i < big.length; i++) {
            big[i] = i;
        }
        new SafetensorsWriter().addF32("t", new long[] {64, 64}, big).write(dir.resolve("model.safetensors"));
        TensorView t = SafetensorsCheckpoint.open(dir).tensor("t");
        try (var pool = Executors.newFixedThreadPool(2)) {
            List<Future<Float>> parts = List.of(
                    pool.submit(() -> t.getFloat(100)), pool.submit(() -> t.getFloat(4095)));
            assertThat(parts.get(0).get()).isEqualTo(100f);
            assertThat(parts.get(1).get()).isEqualTo(4095f);
        }
    }

    @Test
    void missingTensorNamesTheCheckpointAndTheTensor() {
        new SafetensorsWriter().addF32("model.layers.0.self_attn.q_proj.weight", new long[] {1}, new float[] {1})
                .write(dir.resolve("model.safetensors"));
        SafetensorsCheckpoint ckpt = SafetensorsCheckpoint.open(dir);
        assertThat(ckpt.find("lm_head.weight")).isEmpty();
        assertThatThrownBy(() -> ckpt.tensor("model.layers.1.self_attn.q_proj.weight"))
                .isInstanceOf(TunaException.class)
                .hasMessageContaining("model.safetensors")
                .hasMessageContaining("no tensor model.layers.1.self_attn.q_proj.weight");
    }

    @Test
    void folderWithoutWeightsIsReported() {
        assertThatThrownBy(() -> SafetensorsCheckpoint.open(dir)).isInstanceOf(TunaException.class)
                .hasMessageContaining("no model.safetensors");
    }

    @Test
    void truncatedFileIsReportedWithTheTensorName() throws IOException {
        Path file = dir.resolve("model.safetensors");
        new SafetensorsWriter().addF32("first", new long[] {2}, new float[] {1, 2})
                .addF32("second", new long[] {4}, new float[] {1, 2, 3, 4}).write(file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 3));
        assertThatThrownBy(() -> SafetensorsCheckpoint.open(file)).isInstanceOf(TunaException.class)
                .hasMessageContaining("model.safetensors: tensor second")
                .hasMessageContaining("truncated");
        Files.write(file, Arrays.copyOf(bytes, 5));
        assertThatThrownBy(() -> SafetensorsCheckpoint.open(file)).isInstanceOf(TunaException.class)
                .hasMessageContaining("truncated safetensors file (5 bytes");
    }

    @Test
    void badHeaderLengthIsReported() throws IOException {
        Path file = dir.resolve("model.safetensors");
        Files.write(file, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1_000_000).array());
        assertThatThrownBy(() -> SafetensorsCheckpoint.open(file)).isInstanceOf(TunaException.class)
                .hasMessageContaining("bad safetensors header length 1000000");
        Files.writeString(file, "<html>not a checkpoint</html>");
        assertThatThrownBy(() -> SafetensorsCheckpoint.open(file)).isInstanceOf(TunaException.class)
                .hasMessageContaining("bad safetensors header length");
    }

    @Test
    void headerThatIsNotJsonIsReported() throws IOException {
        assertThatThrownBy(() -> SafetensorsCheckpoint.open(withHeader("{\"a\": ")))
                .isInstanceOf(TunaException.class).hasMessageContaining("header is not valid JSON");
    }

    @Test
    void unsupportedDtypeIsReported() throws IOException {
        Path file = withHeader("{\"q.weight\":{\"dtype\":\"I8\",\"shape\":[2],\"data_offsets\":[0,2]}}");
        assertThatThrownBy(() -> SafetensorsCheckpoint.open(file)).isInstanceOf(TunaException.class)
                .hasMessageContaining("tensor q.weight has dtype \"I8\"")
                .hasMessageContaining("F32, BF16 or F16");
    }

    @Test
    void shapeThatDoesNotMatchTheByteRangeIsReported() throws IOException {
        Path file = withHeader("{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}");
        assertThatThrownBy(() -> SafetensorsCheckpoint.open(file)).isInstanceOf(TunaException.class)
                .hasMessageContaining("tensor w holds 8 bytes but shape [3] of F32 needs 12");
    }

    @Test
    void dataOffsetsOutsideTheFileAreReported() throws IOException {
        Path file = withHeader("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}");
        assertThatThrownBy(() -> SafetensorsCheckpoint.open(file)).isInstanceOf(TunaException.class)
                .hasMessageContaining("tensor w data [8, 16) lies beyond the end of the file (8 data bytes)");
        Path reversed = withHeader("{\"w\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[8,4]}}");
        assertThatThrownBy(() -> SafetensorsCheckpoint.open(reversed)).isInstanceOf(TunaException.class)
                .hasMessageContaining("bad data_offsets");
    }

    @Test
    void writeReplacesAnExistingFileAndLeavesNoTempFiles() throws IOException {
        Path file = dir.resolve("model.safetensors");
        new SafetensorsWriter().addF32("old", new long[] {1}, new float[] {1}).write(file);
        new SafetensorsWriter().addF32("new", new long[] {1}, new float[] {2}).write(file);
        assertThat(SafetensorsCheckpoint.open(file).names()).containsExactly("new");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("model.safetensors");
        }
        // header is padded to 8 bytes so the data starts aligned, as the Python library writes it
        long headerLen = ByteBuffer.wrap(Files.readAllBytes(file), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(headerLen % 8).isZero();
    }

    @Test
    void copyKeepsRawBytes() {
        Path src = dir.resolve("a.safetensors");
        new SafetensorsWriter().addBf16("w", new long[] {3}, new float[] {1.5f, -2f, 0.25f}).write(src);
        Path dst = dir.resolve("b.safetensors");
        new SafetensorsWriter().copy("renamed", SafetensorsCheckpoint.open(src).tensor("w")).write(dst);
        TensorView t = SafetensorsCheckpoint.open(dst).tensor("renamed");
        assertThat(t.dtype()).isEqualTo(DType.BF16);
        assertThat(t.toFloatArray()).containsExactly(1.5f, -2f, 0.25f);
    }

    /** A file with this header and 8 data bytes. */
    private Path withHeader(String header) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + json.length + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length).put(json);
        Path file = dir.resolve("hand.safetensors");
        Files.write(file, b.array());
        return file;
    }
}
