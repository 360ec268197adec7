package dev.tuna.data.eval;

import java.util.List;

/** Asks a model one chat completion; implemented over HTTP by the CLI and by fakes in tests. */
@FunctionalInterface
public interface Answerer {
    /**
     * The assistant's reply to {@code messages} (system message first, if any), untrimmed.
     *
     * @throws Exception when the request failed for good (the implementation does its own retries)
     */
    String answer(String model, List<EvalMessage> messages) throws Exception;
}
