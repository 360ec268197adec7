package dev.tuna.data.prepare;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.tuna.data.TunaException;
import dev.tuna.data.jsonl.JsonlLine;
import dev.tuna.data.jsonl.JsonlReader;
import dev.tuna.data.jsonl.Jsonl;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Anyone's question/answer table to chat JSONL: a CSV or TSV file with a header row, or JSONL objects, with the
 * question and answer in named columns (fields). Each row is its own group for a split. Streamed row by row.
 */
public final class PairsConverter {
    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();

    private PairsConverter() {
    }

    /**
     * Converts {@code input} (read as {@code format}) into {@code out}, taking each row's {@code questionField} as the
     * user message and {@code answerField} as the assistant message.
     *
     * @throws TunaException naming the file, the line and the fix when the table is malformed (exit code 1) or
     *                       cannot be read (exit code 2)
     */
    public static PrepareSummary convert(Path input, PairsFormat format, String questionField, String answerField,
                                         Path out, Path validationOut, PrepareOptions options) {
        PrepareOptions rows = options.withSplit(options.valFraction(), options.seed(), SplitUnit.ROW);
        return Conversion.run(input, () -> switch (format) {
            case CSV -> table(input, questionField, answerField, ',');
            case TSV -> table(input, questionField, answerField, '\t');
            case JSONL -> jsonl(input, questionField, answerField);
        }, format::wireName, out, validationOut, rows);
    }

    private static Stream<Candidate> table(Path input, String q, String a, char separator) {
        CsvSchema schema = CsvSchema.emptySchema().withHeader().withColumnSeparator(separator);
        if (separator == '\t') {
            schema = schema.withoutQuoteChar(); // TSV has no quoting: a " in a cell is just a character
        }
        Reader reader = utf8Reader(input);
        MappingIterator<Map<String, String>> rows;
        try {
            rows = CSV.readerForMapOf(String.class).with(schema).readValues(reader);
        } catch (IOException e) {
            close(reader);
            throw malformed(input, 1, e);
        }
        CsvSchema header;
        try {
            if (!rows.hasNextValue()) {
                close(reader);
                throw new TunaException(input + ": the table is empty; it needs a header row naming the columns "
                        + q + " and " + a, TunaException.INVALID_INPUT, null);
            }
            header = (CsvSchema) rows.getParserSchema();
        } catch (IOException e) {
            close(reader);
            throw malformed(input, 1, e);
        }
        for (String column : new String[] {q, a}) {
            if (header.column(column) == null) {
                close(reader);
                throw new TunaException(input + ": no column named \"" + column + "\"; the header has "
                        + String.join(", ", header.getColumnNames()) + ". Pick them with --question-field and "
                        + "--answer-field", TunaException.INVALID_INPUT, null);
            }
        }
        Iterator<Candidate> candidates = new Iterator<>() {
            @Override
            public boolean hasNext() {
                try {
                    return rows.hasNextValue();
                } catch (IOException e) {
                    throw malformed(input, rows.getCurrentLocation().getLineNr(), e);
                }
            }

            @Override
            public Candidate next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                long line = rows.getCurrentLocation().getLineNr();
                Map<String, String> row;
                try {
                    row = rows.nextValue();
                } catch (IOException e) {
                    throw malformed(input, line, e);
                }
                return new Candidate(line, "line " + line, strip(row.get(q)), "", answer(row.get(a)));
            }
        };
        return stream(candidates).onClose(() -> close(reader));
    }

    private static Stream<Candidate> jsonl(Path input, String q, String a) {
        JsonlReader reader = JsonlReader.open(input);
        Iterator<Candidate> candidates = new Iterator<>() {
            private JsonlLine next = advance();

            private JsonlLine advance() {
                JsonlLine line;
                do {
                    line = reader.next();
                } while (line != null && line.isBlank());
                return line;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Candidate next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                JsonlLine line = next;
                next = advance();
                if (line.problem() != null) {
                    throw new TunaException(input + " line " + line.number() + ": not UTF-8 text ("
                            + line.problem().kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                            + "); save the file as UTF-8", TunaException.INVALID_INPUT, null);
                }
                JsonNode row;
                try {
                    row = Jsonl.MAPPER.readTree(line.text());
                } catch (JacksonException e) {
                    throw new TunaException(input + " line " + line.number() + ": not a JSON object ("
                            + e.getOriginalMessage() + "); each line must be one object such as {\"" + q + "\": ..., \""
                            + a + "\": ...}", TunaException.INVALID_INPUT, null);
                }
                if (!row.isObject()) {
                    throw new TunaException(input + " line " + line.number() + ": not a JSON object; each line must"
                            + " be one object such as {\"" + q + "\": ..., \"" + a + "\": ...}",
                            TunaException.INVALID_INPUT, null);
                }
                return new Candidate(line.number(), "line " + line.number(), strip(field(row.get(q))), "",
                        answer(field(row.get(a))));
            }
        };
        return stream(candidates).onClose(reader::close);
    }

    private static String field(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }

    /** A missing answer cell counts as an empty answer (skipped and counted), as a blank one does. */
    private static String answer(String s) {
        return s == null ? "" : s.strip();
    }

    private static Stream<Candidate> stream(Iterator<Candidate> it) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED), false);
    }

    /** UTF-8 with a leading byte order mark dropped (spreadsheets write one) and invalid bytes reported. */
    private static Reader utf8Reader(Path input) {
        if (Files.isDirectory(input)) {
            throw new TunaException(input + " is a directory, not a file: give the path of a .csv, .tsv or .jsonl file");
        }
        try {
            PushbackInputStream in = new PushbackInputStream(Files.newInputStream(input), 3);
            byte[] head = in.readNBytes(3);
            boolean bom = head.length == 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB
                    && (head[2] & 0xff) == 0xBF;
            if (!bom) {
                in.unread(head);
            }
            InputStream body = in;
            return new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)),
                    1 << 16);
        } catch (NoSuchFileException e) {
            throw new TunaException(input + ": no such file; check the path", e);
        } catch (AccessDeniedException e) {
            throw new TunaException(input + ": permission denied; make the file readable", e);
        } catch (IOException e) {
            throw new TunaException(input + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static TunaException malformed(Path input, long line, IOException e) {
        if (e instanceof CharacterCodingException || e.getCause() instanceof CharacterCodingException) {
            return new TunaException(input + " near line " + line + ": not UTF-8 text; save the table as UTF-8 "
                    + "(spreadsheets: \"CSV UTF-8\")", TunaException.INVALID_INPUT, e);
        }
        String message = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
        return new TunaException(input + " line " + line + ": malformed table (" + message + ")",
                TunaException.INVALID_INPUT, e);
    }

    private static void close(Reader reader) {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
