package dev.tuna.data.metrics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.tuna.data.TunaException;
import dev.tuna.data.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The predictions file the official scripts read: one JSON object mapping each question id to the answer text,
 * {@code {"6548850-0-0": "1989년 2월 15일", ...}}.
 */
public final class PredictionsFile {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private PredictionsFile() {
    }

    /**
     * Reads {@code file}; a repeated id keeps its last answer, as Python's {@code json.load} does.
     *
     * @throws TunaException if it is not such an object or an answer is not a string
     */
    public static Map<String, String> read(Path file) {
        if (Files.isDirectory(file)) {
            throw new TunaException(file + ": is a directory; give a predictions .json file");
        }
        Map<String, String> predictions = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(Files.newInputStream(file))) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw bad(file, p, "not a predictions file: expected one JSON object {\"question id\": \"answer\","
                        + " ...}, found " + (t == null ? "an empty file" : t.asString() == null ? t.name()
                        : "'" + t.asString() + "'"));
            }
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String id = p.currentName();
                t = p.nextToken();
                if (t != JsonToken.VALUE_STRING) {
                    throw bad(file, p, "the prediction for \"" + id + "\" must be a string (the answer text)");
                }
                predictions.put(id, p.getText());
            }
            if (p.nextToken() != null) {
                throw bad(file, p, "more JSON after the predictions object (is it JSONL?)");
            }
            return predictions;
        } catch (NoSuchFileException e) {
            throw new TunaException(file + ": no such file", e);
        } catch (JsonEOFException e) {
            throw new TunaException(file + ": the file is truncated: its JSON ends in the middle (line "
                    + e.getLocation().getLineNr() + ")", TunaException.INVALID_INPUT, e);
        } catch (StreamReadException e) {
            throw new TunaException(file + ": not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), TunaException.INVALID_INPUT, e);
        } catch (IOException e) {
            throw new TunaException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Writes {@code predictions} (in map order) atomically: a temporary file beside it, then a move. */
    public static void write(Path file, Map<String, String> predictions) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            AtomicFiles.write(file, tmp -> {
                try (OutputStream out = Files.newOutputStream(tmp); JsonGenerator g = JSON.createGenerator(out)) {
                    g.writeStartObject();
                    for (var e : predictions.entrySet()) {
                        g.writeRaw('\n');
                        g.writeStringField(e.getKey(), e.getValue());
                    }
                    g.writeRaw('\n');
                    g.writeEndObject();
                    g.writeRaw('\n');
                }
            });
        } catch (IOException e) {
            throw new TunaException(file + ": cannot write predictions: " + e.getMessage(), e);
        }
    }

    private static TunaException bad(Path file, JsonParser p, String what) {
        return new TunaException(file + ": line " + p.currentTokenLocation().getLineNr() + ": " + what,
                TunaException.INVALID_INPUT, null);
    }
}
