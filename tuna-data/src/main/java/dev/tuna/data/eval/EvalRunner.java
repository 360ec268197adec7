package dev.tuna.data.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.tuna.data.TunaException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks every variant every question {@code repeat} times, at most {@code concurrency} requests at once, skipping what
 * the cache already holds and recording each new answer in it as soon as it arrives. The first request that fails
 * for good stops the run; the answers received so far stay in the cache for the next attempt.
 */
public final class EvalRunner {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Progress of a run, for a progress bar. Called from worker threads. */
    public interface Progress {
        void started(int total, int alreadyAnswered);

        void answered();
    }

    private EvalRunner() {
    }

    public static RunAnswers run(EvalDataset dataset, List<Variant> variants, RunSettings settings, Answerer answerer,
                                 PredictionCache cache, Progress progress) {
        List<EvalQuestion> questions = dataset.questions();
        RunAnswers answers = new RunAnswers(variants, questions, settings.repeat());
        record Task(int v, int q, int r, List<EvalMessage> messages, String key) {
        }
        List<Task> todo = new ArrayList<>();
        int cached = 0;
        for (int v = 0; v < variants.size(); v++) {
            for (int q = 0; q < questions.size(); q++) {
                List<EvalMessage> messages = messages(variants.get(v), questions.get(q));
                String request = requestKey(variants.get(v).model(), messages, settings);
                for (int r = 0; r < settings.repeat(); r++) {
                    String key = request + "/" + r;
                    String known = cache.get(key);
                    if (known != null) {
                        answers.set(v, q, r, known);
                        cached++;
                    } else {
                        todo.add(new Task(v, q, r, messages, key));
                    }
                }
            }
        }
        progress.started(cached + todo.size(), cached);
        if (todo.isEmpty()) {
            return answers;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(settings.concurrency(), todo.size()),
                Thread.ofPlatform().daemon().name("eval-", 0).factory());
        try {
            List<Future<?>> futures = new ArrayList<>();
            AtomicBoolean failed = new AtomicBoolean();
            for (Task t : todo) {
                futures.add(pool.submit(() -> {
                    if (failed.get()) {
                        return null; // a request already failed for good: start no new ones
                    }
                    String answer;
                    try {
                        answer = answerer.answer(variants.get(t.v()).model(), t.messages());
                    } catch (Exception e) {
                        failed.set(true);
                        throw e;
                    }
                    cache.put(t.key(), answer);
                    answers.set(t.v(), t.q(), t.r(), answer);
                    progress.answered();
                    return null;
                }));
            }
            for (int i = 0; i < futures.size(); i++) {
                try {
                    futures.get(i).get();
                } catch (ExecutionException e) {
                    Task t = todo.get(i);
                    Throwable cause = e.getCause();
                    String why = cause instanceof TunaException te ? te.getMessage() : String.valueOf(cause.getMessage());
                    throw new TunaException("asking " + variants.get(t.v()).model() + " question "
                            + questions.get(t.q()).id() + " failed: " + why + ". The " + cache.size()
                            + " answers received so far are kept in " + cache.file()
                            + "; run the same command again to continue.", cause);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TunaException("interrupted; the answers so far are kept in " + cache.file(), e);
        } finally {
            pool.shutdownNow();
        }
        return answers;
    }

    /** The system message (the variant's, else the file's own) followed by the question's turns. */
    public static List<EvalMessage> messages(Variant variant, EvalQuestion question) {
        List<EvalMessage> messages = new ArrayList<>();
        String system = variant.system() != null ? variant.system() : question.fileSystemPrompt();
        if (system != null) {
            messages.add(EvalMessage.system(system));
        }
        messages.addAll(question.turns());
        return messages;
    }

    /** A digest of everything that makes a request: asking again with any of it changed is a new question. */
    static String requestKey(String model, List<EvalMessage> messages, RunSettings settings) {
        ArrayNode a = JSON.createArrayNode();
        a.add(model);
        a.add(settings.requestFingerprint());
        for (EvalMessage m : messages) {
            a.add(m.role());
            a.add(m.content());
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(a.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
