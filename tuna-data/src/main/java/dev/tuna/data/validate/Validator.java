package dev.tuna.data.validate;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tuna.data.jsonl.JsonlLine;
import dev.tuna.data.jsonl.JsonlReader;
import dev.tuna.data.jsonl.Jsonl;
import dev.tuna.data.jsonl.LineProblem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a chat fine-tuning JSONL file against every rule of OpenAI's format, counts its tokens with the model's
 * encoding and estimates what training on it would bill. The file is streamed: memory grows with the number of
 * examples (a few counters each), not with their size.
 *
 * <pre>{@code
 * ValidationReport report = Validator.validate(Path.of("train.jsonl"), "gpt-4o-mini");
 * if (!report.valid()) fail(report.openAiErrorCode(), report.failureMessage());
 * }</pre>
 */
public final class Validator {
    /** OpenAI refuses a training file with fewer examples ({@code invalid_n_examples}). */
    public static final int MIN_EXAMPLES = 10;
    /** OpenAI's guide: improvements show from 50–100 examples. */
    public static final int RECOMMENDED_EXAMPLES = 50;
    /** Errors kept in the report's list; all are counted. */
    public static final int MAX_REPORTED_ERRORS = 100;
    /** Lines named per warning. */
    public static final int SAMPLE_LINES = 5;
    /** An assistant message longer than this gets a {@link WarningCategory#LONG_ANSWER} warning. */
    public static final int LONG_ANSWER_TOKENS = 4_096;

    private final ModelProfile model;
    private final TokenCounter counter;
    private final int maxLineBytes;

    public Validator(ModelProfile model) {
        this(model, JsonlReader.DEFAULT_MAX_LINE_BYTES);
    }

    public Validator(ModelProfile model, int maxLineBytes) {
        this.model = model;
        this.counter = TokenCounter.forModel(model);
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * Validates {@code file} for {@code model} ({@code null}: {@link ModelProfile#DEFAULT_MODEL}). A file that cannot
     * be read at all (missing, a directory, no permission) is a {@link dev.tuna.data.TunaException} with exit code 2;
     * everything wrong inside it is in the report.
     */
    public static ValidationReport validate(Path file, String model) {
        return new Validator(ModelProfile.forModel(model)).validate(file);
    }

    public ModelProfile model() {
        return model;
    }

    public ValidationReport validate(Path file) {
        try (JsonlReader reader = JsonlReader.open(file, maxLineBytes)) {
            Run run = new Run(file);
            if (reader.hadByteOrderMark()) {
                run.error(1, new Finding(ErrorCategory.ENCODING, "the file starts with a UTF-8 byte order mark "
                        + "(EF BB BF), which OpenAI's JSON parser rejects"));
            }
            for (JsonlLine line = reader.next(); line != null; line = reader.next()) {
                if (!run.line(line)) {
                    break;
                }
            }
            return run.report(reader.bytesRead());
        }
    }

    /** The state of one validation: counts, per-example token totals, warnings. */
    private final class Run {
        private final Path file;
        private long lines;
        private long examples;
        private boolean binary;
        private long errorCount;
        private final Map<ErrorCategory, Long> errorCounts = new EnumMap<>(ErrorCategory.class);
        private final List<ValidationError> errors = new ArrayList<>();
        private final Map<WarningCategory, WarningTally> warnings = new EnumMap<>(WarningCategory.class);
        private final Map<Long, Long> firstLineOfHash = new HashMap<>();
        private int[] totals = new int[1024];
        private int[] assistantTotals = new int[1024];
        private int[] messageCounts = new int[1024];
        private int counted;
        private long tokenSum;
        private long billedPerEpoch;
        private long overLimit;

        Run(Path file) {
            this.file = file;
        }

        /** Checks one line; false to stop reading (the file is binary). */
        boolean line(JsonlLine line) {
            lines++;
            long n = line.number();
            LineProblem problem = line.problem();
            if (problem != null) {
                examples++;
                switch (problem.kind()) {
                    case BINARY -> {
                        binary = true;
                        error(n, new Finding(ErrorCategory.BINARY_FILE, "line " + n + " has a NUL byte at byte "
                                + problem.column() + ": this is a binary file, not JSONL text"));
                        return false;
                    }
                    case INVALID_UTF8 -> error(n, new Finding(ErrorCategory.ENCODING, "invalid UTF-8 at byte "
                            + problem.column() + " of the line",
                            "Save the file as UTF-8 (it may be in another encoding, such as CP949/EUC-KR or Latin-1)."));
                    case TOO_LONG -> error(n, new Finding(ErrorCategory.LINE_TOO_LONG, String.format(
                            "the line is %,d bytes long; Tuna reads lines of up to %,d bytes",
                            line.byteLength(), problem.column())));
                }
                return true;
            }
            if (line.isBlank()) {
                error(n, new Finding(ErrorCategory.BLANK_LINE, "the line is blank"));
                return true;
            }
            examples++;
            JsonNode root;
            try {
                root = Jsonl.MAPPER.readTree(line.text());
            } catch (JacksonException e) {
                error(n, new Finding(ErrorCategory.INVALID_JSON, describe(e)));
                return true;
            }
            List<Finding> findings = ExampleRules.check(root);
            for (Finding f : findings) {
                error(n, f);
            }
            if (findings.isEmpty()) {
                measure(n, root);
            }
            return true;
        }

        /** Token counts and warnings of a well-formed example. */
        private void measure(long n, JsonNode root) {
            JsonNode messages = root.get("messages");
            long hash = 0xcbf29ce484222325L;
            int total = 3; // every reply is primed with <|start|>assistant<|message|>
            int assistant = 0;
            boolean hasUser = false;
            boolean trains = false;
            boolean emptySystem = false;
            boolean emptyAnswer = false;
            boolean longAnswer = false;
            for (JsonNode message : messages) {
                total += 3;
                String role = message.get("role").textValue();
                for (Map.Entry<String, JsonNode> field : message.properties()) {
                    JsonNode value = field.getValue();
                    if (value.isTextual()) {
                        int tokens = counter.count(value.textValue());
                        total += tokens;
                        if (field.getKey().equals("content") && role.equals("assistant")) {
                            assistant += tokens;
                            longAnswer |= tokens > LONG_ANSWER_TOKENS;
                        }
                    } else if (value.isContainerNode()) {
                        total += counter.count(value.toString());
                    }
                    if (field.getKey().equals("name")) {
                        total += 1;
                    }
                }
                String content = message.path("content").isTextual() ? message.get("content").textValue() : "";
                hash = fnv(fnv(hash, role), content);
                switch (role) {
                    case "user" -> hasUser = true;
                    case "system" -> emptySystem |= content.isEmpty();
                    case "assistant" -> {
                        trains |= message.path("weight").asInt(1) != 0;
                        emptyAnswer |= !content.isEmpty() && content.isBlank();
                    }
                    default -> {
                    }
                }
            }
            for (String key : new String[] {"tools", "functions"}) {
                JsonNode defs = root.get(key);
                if (defs != null) {
                    String json = defs.toString();
                    total += counter.count(json);
                    hash = fnv(hash, json);
                }
            }
            if (total > model.tokenLimit()) {
                overLimit++;
                error(n, new Finding(ErrorCategory.TOO_MANY_TOKENS, String.format(
                        "the example has %,d tokens; %s trains on at most %,d per example",
                        total, model.model(), model.tokenLimit())));
            }
            record(total, assistant, messages.size());
            if (emptySystem) {
                warn(WarningCategory.EMPTY_SYSTEM_MESSAGE, n, null);
            }
            if (emptyAnswer) {
                warn(WarningCategory.EMPTY_ANSWER, n, null);
            }
            if (longAnswer) {
                warn(WarningCategory.LONG_ANSWER, n, null);
            }
            if (!hasUser) {
                warn(WarningCategory.MISSING_USER_MESSAGE, n, null);
            }
            if (!trains) {
                warn(WarningCategory.NOTHING_TRAINED, n, null);
            }
            Long first = firstLineOfHash.putIfAbsent(hash, n);
            if (first != null) {
                warn(WarningCategory.DUPLICATE_EXAMPLE, n, "line " + n + " repeats line " + first);
            }
        }

        private void record(int total, int assistant, int messageCount) {
            if (counted == totals.length) {
                totals = Arrays.copyOf(totals, counted * 2);
                assistantTotals = Arrays.copyOf(assistantTotals, counted * 2);
                messageCounts = Arrays.copyOf(messageCounts, counted * 2);
            }
            totals[counted] = total;
            assistantTotals[counted] = assistant;
            messageCounts[counted] = messageCount;
            counted++;
            tokenSum += total;
            billedPerEpoch += Math.min(total, model.tokenLimit());
        }

        void error(long line, Finding finding) {
            errorCount++;
            errorCounts.merge(finding.category(), 1L, Long::sum);
            if (errors.size() < MAX_REPORTED_ERRORS) {
                errors.add(new ValidationError(line, finding.category(), finding.message(), finding.fix()));
            }
        }

        private void warn(WarningCategory category, long line, String detail) {
            warnings.computeIfAbsent(category, c -> new WarningTally()).add(line, detail);
        }

        ValidationReport report(long bytes) {
            if (!binary && examples < MIN_EXAMPLES) {
                String what = examples == 0 ? "the file has no examples" + (bytes == 0 ? " (it is empty)" : "")
                        : "the file has " + examples + " example" + (examples == 1 ? "" : "s");
                error(0, new Finding(ErrorCategory.TOO_FEW_EXAMPLES, what + "; OpenAI needs at least " + MIN_EXAMPLES));
            } else if (!binary && examples < RECOMMENDED_EXAMPLES) {
                warnings.put(WarningCategory.FEW_EXAMPLES, new WarningTally());
            }
            if (!model.known()) {
                warnings.put(WarningCategory.UNKNOWN_MODEL, new WarningTally());
            }
            errors.sort((a, b) -> Long.compare(a.line() == 0 ? Long.MAX_VALUE : a.line(),
                    b.line() == 0 ? Long.MAX_VALUE : b.line()));
            Map<String, Long> counts = new LinkedHashMap<>();
            errorCounts.forEach((category, count) -> counts.put(category.wireName(), count));
            List<ValidationWarning> warningList = new ArrayList<>();
            warnings.forEach((category, tally) -> warningList.add(tally.toWarning(category, examples, model)));
            TokenStats tokens = new TokenStats(Distribution.of(totals, counted), Distribution.of(assistantTotals, counted),
                    Distribution.of(messageCounts, counted), tokenSum, overLimit);
            return new ValidationReport(file.toString(), model, bytes, lines, examples, errorCount, counts, errors,
                    warningList, tokens, CostEstimate.of(counted, billedPerEpoch, model));
        }
    }

    /** Occurrences of one kind of warning: how many, and the first few lines. */
    private static final class WarningTally {
        long count;
        final List<Long> lines = new ArrayList<>();
        final List<String> details = new ArrayList<>();

        void add(long line, String detail) {
            count++;
            if (lines.size() < SAMPLE_LINES) {
                lines.add(line);
                if (detail != null) {
                    details.add(detail);
                }
            }
        }

        ValidationWarning toWarning(WarningCategory category, long examples, ModelProfile model) {
            String what = switch (category) {
                case EMPTY_SYSTEM_MESSAGE -> count + " example(s) have an empty system message";
                case DUPLICATE_EXAMPLE -> count + " example(s) repeat an earlier one (" + String.join(", ", details)
                        + (count > details.size() ? ", ..." : "") + ")";
                case EMPTY_ANSWER -> count + " example(s) have an assistant answer that is only whitespace";
                case LONG_ANSWER -> count + " example(s) have an assistant answer over " + LONG_ANSWER_TOKENS
                        + " tokens";
                case MISSING_USER_MESSAGE -> count + " example(s) have no user message";
                case NOTHING_TRAINED -> count + " example(s) have only assistant messages with weight 0";
                case FEW_EXAMPLES -> "the file has only " + examples + " examples";
                case UNKNOWN_MODEL -> "'" + model.model() + "' is not an OpenAI model Tuna knows";
            };
            return new ValidationWarning(category, category == WarningCategory.FEW_EXAMPLES
                    || category == WarningCategory.UNKNOWN_MODEL ? 0 : count, lines, what + ": " + category.why());
        }
    }

    private static long fnv(long hash, String s) {
        for (int i = 0; i < s.length(); i++) {
            hash ^= s.charAt(i);
            hash *= 0x100000001b3L;
        }
        hash ^= 0xff; // separates fields, so ("ab","c") and ("a","bc") differ
        return hash * 0x100000001b3L;
    }

    /** Jackson's complaint, made readable: where on the line, and what. */
    private static String describe(JacksonException e) {
        JsonLocation where = e.getLocation();
        String column = where != null && where.getColumnNr() > 0 ? " at column " + where.getColumnNr() : "";
        if (e instanceof JsonEOFException) {
            return "the line ends before its JSON is complete" + column + " (a truncated line?)";
        }
        String message = e.getOriginalMessage();
        int cut = message.indexOf('\n');
        return "invalid JSON" + column + ": " + (cut < 0 ? message : message.substring(0, cut));
    }
}
