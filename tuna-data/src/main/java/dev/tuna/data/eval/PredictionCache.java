package dev.tuna.data.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuna.data.TunaException;
import dev.tuna.data.io.AtomicFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The answers received so far in a run, appended to a JSONL file one line per answer (and flushed), so that an
 * interrupted run continues where it stopped. Keys identify the exact request (see {@link EvalRunner}). A last line
 * cut off by the interruption is ignored.
 */
public final class PredictionCache implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final BufferedWriter out;

    private PredictionCache(Path file, BufferedWriter out) {
        this.file = file;
        this.out = out;
    }

    /** Opens (or creates) the cache file and reads the answers already in it. */
    public static PredictionCache open(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Map<String, String> known = new LinkedHashMap<>();
            boolean cutOff = false;
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    try {
                        JsonNode n = JSON.readTree(line);
                        known.put(n.get("key").asText(), n.get("answer").asText());
                    } catch (IOException | NullPointerException e) {
                        cutOff = true; // an interrupted write: that answer is simply asked again
                    }
                }
            }
            if (cutOff) {
                // Rewrite without the broken line, so that appends start on a line of their own.
                StringBuilder sb = new StringBuilder();
                known.forEach((k, v) -> sb.append(line(k, v)).append('\n'));
                AtomicFiles.writeString(file, sb);
            }
            BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            PredictionCache cache = new PredictionCache(file, w);
            cache.answers.putAll(known);
            return cache;
        } catch (IOException e) {
            throw new TunaException(file + ": cannot open the predictions cache: " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    public String get(String key) {
        return answers.get(key);
    }

    public int size() {
        return answers.size();
    }

    /** Records an answer and flushes it to disk before returning. */
    public synchronized void put(String key, String answer) {
        answers.put(key, answer);
        try {
            out.write(line(key, answer));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new TunaException(file + ": cannot write the predictions cache: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new TunaException(file + ": cannot write the predictions cache: " + e.getMessage(), e);
        }
    }

    /** Closes and removes the file: the run is complete, and asking again should ask the model again. */
    public void delete() {
        close();
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new TunaException(file + ": cannot delete the predictions cache: " + e.getMessage(), e);
        }
    }

    private static String line(String key, String answer) {
        ObjectNode n = JSON.createObjectNode();
        n.put("key", key);
        n.put("answer", answer);
        return n.toString();
    }
}
