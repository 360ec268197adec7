package dev.tuna.data.squad;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.tuna.data.TunaException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Streams a SQuAD v1.1/v2.0 or KorQuAD 1.0 file one article at a time with Jackson's streaming parser: only the
 * current article is held in memory, whatever the size of the file.
 *
 * <p>Anything that is not the SQuAD layout (a JSONL file, KorQuAD 2.0's documents, a truncated download, a
 * question without an id...) is a {@link TunaException} that names the file, the line and column, and the JSON
 * path of the offending value. Unknown fields are ignored. Field order does not matter (KorQuAD puts
 * {@code paragraphs} before {@code title} and {@code qas} before {@code context}).
 *
 * <p>Not thread-safe; close it (try-with-resources) when done.
 */
public final class SquadReader implements AutoCloseable {
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final String LAYOUT = "expected the SQuAD/KorQuAD 1.0 layout {\"version\", \"data\": [{\"title\","
            + " \"paragraphs\": [{\"context\", \"qas\": [{\"id\", \"question\", \"answers\": [{\"text\","
            + " \"answer_start\"}]}]}]}]}";

    private final Path file;
    private final JsonParser parser;
    private String version;
    private boolean dataDone;

    private SquadReader(Path file, JsonParser parser) {
        this.file = file;
        this.parser = parser;
    }

    /**
     * Opens {@code file} and reads up to the start of its {@code data} array.
     *
     * @throws TunaException if the file cannot be read or its top level is not a SQuAD object
     */
    public static SquadReader open(Path file) {
        JsonParser parser = createParser(file);
        SquadReader reader = new SquadReader(file, parser);
        try {
            reader.readUpToData();
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
        return reader;
    }

    /** Reads every question of {@code file} (in file order) into memory; fine for dev sets and evaluation. */
    public static List<SquadExample> readExamples(Path file) {
        try (SquadReader reader = open(file)) {
            return reader.examples().toList();
        }
    }

    public Path file() {
        return file;
    }

    /**
     * The file's {@code version} string ({@code "1.1"}, {@code "v2.0"}, {@code "KorQuAD_v1.0_dev"}...), or {@code ""}
     * when it has none. SQuAD writes {@code version} after {@code data}; asked before the articles were all read,
     * this scans the file a second time to find it.
     */
    public String version() {
        if (version == null && !dataDone) {
            version = scanVersion();
        }
        return version == null ? "" : version;
    }

    /** The next article, or {@code null} after the last one (then the rest of the file has been checked too). */
    public SquadArticle nextArticle() {
        if (dataDone) {
            return null;
        }
        try {
            JsonToken t = parser.nextToken();
            if (t == JsonToken.END_ARRAY) {
                dataDone = true;
                readAfterData();
                return null;
            }
            if (t != JsonToken.START_OBJECT) {
                throw bad("each entry of \"data\" must be an article object, found " + describe(t));
            }
            return readArticle();
        } catch (IOException e) {
            throw readError(e);
        }
    }

    /** The remaining articles, read lazily as the stream is consumed. */
    public Stream<SquadArticle> articles() {
        return StreamSupport.stream(new Spliterators.AbstractSpliterator<SquadArticle>(Long.MAX_VALUE,
                Spliterator.ORDERED | Spliterator.NONNULL) {
            @Override
            public boolean tryAdvance(Consumer<? super SquadArticle> action) {
                SquadArticle a = nextArticle();
                if (a == null) {
                    return false;
                }
                action.accept(a);
                return true;
            }
        }, false);
    }

    /** The remaining questions, each with its article's title and its paragraph's context, read lazily. */
    public Stream<SquadExample> examples() {
        return articles().flatMap(a -> a.paragraphs().stream()
                .flatMap(p -> p.questions().stream().map(q -> new SquadExample(a.title(), p.context(), q))));
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            // Nothing was written; a failing close of a file we only read loses nothing.
        }
    }

    // --- top level -------------------------------------------------------------------------------------------

    private void readUpToData() {
        try {
            JsonToken t = parser.nextToken();
            if (t == null) {
                throw new TunaException(file + ": the file is empty; " + LAYOUT, TunaException.INVALID_INPUT, null);
            }
            if (t != JsonToken.START_OBJECT) {
                throw bad("not a SQuAD/KorQuAD file: the top level is " + describe(t) + "; " + LAYOUT);
            }
            List<String> keys = new ArrayList<>();
            while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                keys.add(name);
                parser.nextToken();
                switch (name) {
                    case "version" -> version = scalarText("version");
                    case "data" -> {
                        if (parser.currentToken() != JsonToken.START_ARRAY) {
                            throw bad("\"data\" must be an array of articles, found " + describe(parser.currentToken()));
                        }
                        return;
                    }
                    default -> parser.skipChildren();
                }
            }
            throw noData(keys);
        } catch (IOException e) {
            throw readError(e);
        }
    }

    private TunaException noData(List<String> keys) throws IOException {
        String hint = "";
        if (keys.contains("messages")) {
            hint = " It looks like chat JSONL (a \"messages\" object), not a dataset file.";
        } else if (keys.contains("qas") || keys.contains("context")) {
            hint = " It looks like a single paragraph or a KorQuAD 2.0 document, not a whole dataset file.";
        } else if (parser.nextToken() != null) {
            hint = " The file holds more than one JSON value: is it JSONL?";
        }
        return new TunaException(file + ": not a SQuAD/KorQuAD file: the top-level object has no \"data\" array"
                + (keys.isEmpty() ? "" : " (its keys: " + String.join(", ", keys) + ")") + "." + hint + " " + LAYOUT,
                TunaException.INVALID_INPUT, null);
    }

    /** After {@code data}'s closing bracket: the remaining top-level fields, then the end of the file. */
    private void readAfterData() throws IOException {
        JsonToken t;
        while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            if (name.equals("version")) {
                version = scalarText("version");
            } else {
                parser.skipChildren();
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw bad("unexpected " + describe(t) + " in the top-level object");
        }
        if (parser.nextToken() != null) {
            throw bad("more JSON after the end of the dataset object (is it JSONL, or two files concatenated?)");
        }
    }

    private String scanVersion() {
        try (JsonParser p = createParser(file)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("version") && value.isScalarValue()) {
                    return p.getText();
                }
                p.skipChildren();
            }
            return null;
        } catch (IOException e) {
            throw readError(e);
        }
    }

    // --- articles, paragraphs, questions -----------------------------------------------------------------------

    private SquadArticle readArticle() throws IOException {
        String title = "";
        List<SquadParagraph> paragraphs = null;
        boolean documentLevelQas = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            switch (name) {
                case "title" -> title = optionalText("title");
                case "paragraphs" -> {
                    expectArray("paragraphs");
                    paragraphs = new ArrayList<>();
                    while (nextElement("paragraphs", "a paragraph object")) {
                        paragraphs.add(readParagraph());
                    }
                }
                case "qas", "raw_html" -> {
                    documentLevelQas = true;
                    parser.skipChildren();
                }
                default -> parser.skipChildren();
            }
        }
        if (paragraphs == null) {
            throw bad(documentLevelQas
                    ? "this is the KorQuAD 2.0 layout (whole documents with \"qas\" and HTML), which Tuna does not"
                        + " read; use KorQuAD 1.0 or SQuAD files"
                    : "article \"" + title + "\" has no \"paragraphs\" array; " + LAYOUT);
        }
        return new SquadArticle(title, paragraphs);
    }

    private SquadParagraph readParagraph() throws IOException {
        String context = null;
        List<SquadQuestion> questions = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            switch (name) {
                case "context" -> context = requiredText("context");
                case "qas" -> {
                    expectArray("qas");
                    questions = new ArrayList<>();
                    while (nextElement("qas", "a question object")) {
                        questions.add(readQuestion());
                    }
                }
                default -> parser.skipChildren();
            }
        }
        if (context == null) {
            throw bad("a paragraph has no \"context\" string");
        }
        if (questions == null) {
            throw bad("a paragraph has no \"qas\" array");
        }
        return new SquadParagraph(context, questions);
    }

    private SquadQuestion readQuestion() throws IOException {
        String id = null;
        String question = null;
        List<SquadAnswer> answers = null;
        List<SquadAnswer> plausible = List.of();
        boolean impossible = false;
        boolean singleAnswerObject = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            switch (name) {
                case "id" -> id = scalarText("id");
                case "question" -> question = requiredText("question");
                case "answers" -> answers = readAnswers("answers");
                case "plausible_answers" -> plausible = readAnswers("plausible_answers");
                case "is_impossible" -> {
                    JsonToken t = parser.currentToken();
                    if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
                        throw bad("\"is_impossible\" must be true or false, found " + describe(t));
                    }
                    impossible = t == JsonToken.VALUE_TRUE;
                }
                case "answer" -> {
                    singleAnswerObject = true;
                    parser.skipChildren();
                }
                default -> parser.skipChildren();
            }
        }
        if (id == null) {
            throw bad("a question has no \"id\"" + (question == null ? "" : " (question \"" + question + "\")"));
        }
        if (question == null) {
            throw bad("question " + id + " has no \"question\" string");
        }
        if (answers == null) {
            if (singleAnswerObject) {
                throw bad("question " + id + " has a single \"answer\" object: that is the KorQuAD 2.0 layout, which"
                        + " Tuna does not read; use KorQuAD 1.0 or SQuAD files");
            }
            if (!impossible) {
                throw bad("question " + id + " has no \"answers\" array (only unanswerable SQuAD v2.0 questions,"
                        + " \"is_impossible\": true, may leave it out)");
            }
            answers = List.of();
        }
        return new SquadQuestion(id, question, answers, impossible, plausible);
    }

    private List<SquadAnswer> readAnswers(String field) throws IOException {
        expectArray(field);
        List<SquadAnswer> answers = new ArrayList<>();
        while (nextElement(field, "an answer object {\"text\", \"answer_start\"}")) {
            String text = null;
            int start = -1;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken t = parser.nextToken();
                switch (name) {
                    case "text" -> text = requiredText("text");
                    case "answer_start" -> {
                        if (t != JsonToken.VALUE_NUMBER_INT) {
                            throw bad("\"answer_start\" must be an integer, found " + describe(t));
                        }
                        start = parser.getIntValue();
                    }
                    default -> parser.skipChildren();
                }
            }
            if (text == null) {
                throw bad("an answer has no \"text\" string");
            }
            answers.add(new SquadAnswer(text, start));
        }
        return answers;
    }

    // --- token helpers ---------------------------------------------------------------------------------------

    /** Advances inside an array: true at the start of the next element object, false at the array's end. */
    private boolean nextElement(String field, String expected) throws IOException {
        JsonToken t = parser.nextToken();
        if (t == JsonToken.END_ARRAY) {
            return false;
        }
        if (t != JsonToken.START_OBJECT) {
            throw bad("each entry of \"" + field + "\" must be " + expected + ", found " + describe(t));
        }
        return true;
    }

    private void expectArray(String field) {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw bad("\"" + field + "\" must be an array, found " + describe(parser.currentToken()));
        }
    }

    private String requiredText(String field) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw bad("\"" + field + "\" must be a string, found " + describe(parser.currentToken()));
        }
        return parser.getText();
    }

    private String optionalText(String field) throws IOException {
        return parser.currentToken() == JsonToken.VALUE_NULL ? "" : requiredText(field);
    }

    /** A string, or a number written as one (some hand-made files use numeric ids). */
    private String scalarText(String field) throws IOException {
        JsonToken t = parser.currentToken();
        if (t != JsonToken.VALUE_STRING && t != JsonToken.VALUE_NUMBER_INT) {
            throw bad("\"" + field + "\" must be a string, found " + describe(t));
        }
        return parser.getText();
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "the end of the file";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : "'" + t.asString() + "'";
        };
    }

    // --- errors ----------------------------------------------------------------------------------------------

    private TunaException bad(String what) {
        var loc = parser.currentTokenLocation();
        String path = parser.getParsingContext().pathAsPointer().toString();
        return new TunaException(file + ": line " + loc.getLineNr() + ", column " + loc.getColumnNr()
                + (path.isEmpty() ? "" : " (at " + path + ")") + ": " + what, TunaException.INVALID_INPUT, null);
    }

    private TunaException readError(IOException e) {
        if (e instanceof JsonEOFException eof) {
            var loc = eof.getLocation();
            return new TunaException(file + ": the file is truncated: its JSON ends in the middle"
                    + (loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")")
                    + "; it was probably cut off while downloading or copying: get it again",
                    TunaException.INVALID_INPUT, e);
        }
        if (e instanceof JsonParseException || e instanceof StreamReadException) {
            var p = (StreamReadException) e;
            var loc = p.getLocation();
            return new TunaException(file + ": not valid JSON"
                    + (loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr())
                    + ": " + p.getOriginalMessage(), TunaException.INVALID_INPUT, e);
        }
        return new TunaException(file + ": cannot read: " + e.getMessage(), e);
    }

    private static JsonParser createParser(Path file) {
        if (Files.isDirectory(file)) {
            throw new TunaException(file + ": is a directory; give a SQuAD/KorQuAD .json file");
        }
        try {
            InputStream in = Files.newInputStream(file);
            return JSON.createParser(in);
        } catch (NoSuchFileException e) {
            throw new TunaException(file + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new TunaException(file + ": permission denied", e);
        } catch (IOException e) {
            throw new TunaException(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
