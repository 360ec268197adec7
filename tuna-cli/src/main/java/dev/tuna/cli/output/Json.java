package dev.tuna.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.openai.core.ObjectMappers;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * {@code --json} output: the API's own objects, serialised by the SDK's mapper so that the field names and values
 * are exactly what the backend sent (unknown fields included).
 */
public final class Json {
    private static final ObjectWriter PRETTY = ObjectMappers.jsonMapper().writerWithDefaultPrettyPrinter();
    private static final ObjectWriter COMPACT = ObjectMappers.jsonMapper().writer();

    private Json() {
    }

    public static void print(PrintWriter out, Object value) {
        out.println(pretty(value));
        out.flush();
    }

    /** One compact object per line, for streams (events as they come, chat chunks). */
    public static void printLine(PrintWriter out, Object value) {
        try {
            out.println(COMPACT.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }

    public static String pretty(Object value) {
        try {
            return PRETTY.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
