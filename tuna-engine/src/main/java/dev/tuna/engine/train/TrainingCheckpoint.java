package dev.tuna.engine.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tuna.data.TunaException;
import dev.tuna.data.io.AtomicFiles;
import dev.tuna.data.io.Folders;
import dev.tuna.engine.io.SafetensorsCheckpoint;
import dev.tuna.engine.io.SafetensorsWriter;
import dev.tuna.engine.model.Parameter;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Checkpoints of a run under {@code workDir/checkpoints/step-NNNNNN}: the trainable parameters and AdamW's moments
 * in f32 (so a resumed run continues bit for bit), the {@link TrainerState}, and the model itself in its output
 * format (loadable for chat). A checkpoint is built in a hidden folder and renamed into place, so a folder named
 * {@code step-*} is always complete; the newest {@value #KEEP} are kept.
 */
public final class TrainingCheckpoint {
    public static final String STATE_FILE = "trainer-state.json";
    public static final String PARAMETERS_FILE = "trainable.safetensors";
    public static final String OPTIMIZER_FILE = "optimizer.safetensors";
    static final int KEEP = 3;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TrainingCheckpoint() {
    }

    public static Path root(Path workDir) {
        return workDir.resolve("checkpoints");
    }

    /** Writes a checkpoint; {@code modelFiles} adds the model in its output format. Returns its folder. */
    public static Path write(Path workDir, TrainerState state, List<Parameter> parameters, AdamW optimizer,
                             Consumer<Path> modelFiles) {
        Path root = root(workDir);
        Path dir = root.resolve(String.format("step-%06d", state.step()));
        try {
            Files.createDirectories(root);
            // A checkpoint of the same step from an earlier attempt is replaced.
            AtomicFiles.writeDirectory(dir, tmp -> {
                SafetensorsWriter params = new SafetensorsWriter().metadata("format", "pt");
                SafetensorsWriter moments = new SafetensorsWriter().metadata("format", "pt");
                for (int k = 0; k < parameters.size(); k++) {
                    Parameter p = parameters.get(k);
                    long[] shape = shape(p);
                    params.addF32(p.name(), shape, p.value());
                    moments.addF32(p.name() + ".exp_avg", shape, optimizer.firstMoment(k));
                    moments.addF32(p.name() + ".exp_avg_sq", shape, optimizer.secondMoment(k));
                }
                params.write(tmp.resolve(PARAMETERS_FILE));
                moments.write(tmp.resolve(OPTIMIZER_FILE));
                modelFiles.accept(tmp);
                JSON.writeValue(tmp.resolve(STATE_FILE).toFile(), state);
            });
            prune(root);
            return dir;
        } catch (IOException e) {
            throw new TunaException(dir + ": cannot write checkpoint (" + e.getMessage() + ")", e);
        }
    }

    /** The newest complete checkpoint of the work folder, if any. */
    public static Optional<Path> latest(Path workDir) {
        Path root = root(workDir);
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> p.getFileName().toString().startsWith("step-"))
                    .filter(p -> Files.isRegularFile(p.resolve(STATE_FILE)))
                    .max(Comparator.comparing(p -> p.getFileName().toString()));
        } catch (IOException e) {
            throw new TunaException(root + ": cannot list checkpoints (" + e.getMessage() + ")", e);
        }
    }

    public static TrainerState readState(Path checkpoint) {
        try {
            return JSON.readValue(checkpoint.resolve(STATE_FILE).toFile(), TrainerState.class);
        } catch (IOException e) {
            throw new TunaException(checkpoint.resolve(STATE_FILE) + ": unreadable checkpoint state ("
                    + e.getMessage() + "); delete the checkpoint folder to start over", e);
        }
    }

    /** Loads the parameters' values and the optimizer's moments from a checkpoint. */
    public static void restore(Path checkpoint, TrainerState state, List<Parameter> parameters, AdamW optimizer) {
        SafetensorsCheckpoint params = SafetensorsCheckpoint.open(checkpoint.resolve(PARAMETERS_FILE));
        SafetensorsCheckpoint moments = SafetensorsCheckpoint.open(checkpoint.resolve(OPTIMIZER_FILE));
        List<float[]> m = new ArrayList<>();
        List<float[]> v = new ArrayList<>();
        for (Parameter p : parameters) {
            float[] values = params.tensor(p.name()).toFloatArray();
            if (values.length != p.value().length) {
                throw new TunaException(checkpoint + ": " + p.name() + " has " + values.length + " values, the model "
                        + p.value().length + "; the checkpoint belongs to another model");
            }
            System.arraycopy(values, 0, p.value(), 0, values.length);
            m.add(moments.tensor(p.name() + ".exp_avg").toFloatArray());
            v.add(moments.tensor(p.name() + ".exp_avg_sq").toFloatArray());
        }
        optimizer.restore(state.optimizerSteps(), m, v);
    }

    private static long[] shape(Parameter p) {
        long[] s = new long[p.shape().length];
        for (int i = 0; i < s.length; i++) {
            s[i] = p.shape()[i];
        }
        return s;
    }

    private static void prune(Path root) throws IOException {
        List<Path> all = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(root, "step-*")) {
            s.forEach(all::add);
        }
        all.sort(Comparator.comparing(p -> p.getFileName().toString()));
        for (int i = 0; i < all.size() - KEEP; i++) {
            Folders.delete(all.get(i));
        }
        // Left by a run that was killed while writing: AtomicFiles' .step-N.partial-*/.old-* folders, and the
        // .partial-* ones of Tuna versions before it.
        try (DirectoryStream<Path> s = Files.newDirectoryStream(root, "{.partial-*,.step-*}")) {
            for (Path stale : s) {
                Folders.delete(stale);
            }
        }
    }
}
