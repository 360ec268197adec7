package dev.tuna.cli.eval;

import com.openai.errors.OpenAIException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.tuna.cli.client.Api;
import dev.tuna.cli.client.ApiErrors;
import dev.tuna.data.eval.Answerer;
import dev.tuna.data.eval.EvalMessage;
import dev.tuna.data.eval.RunSettings;
import java.util.List;

/**
 * Asks {@code /v1/chat/completions} through the official SDK, which retries rate limits, 5xx and dropped
 * connections itself (honouring Retry-After); what still fails is reported in the CLI's one-line form.
 */
final class ChatAnswerer implements Answerer {
    private final Api api;
    private final RunSettings settings;

    ChatAnswerer(Api api, RunSettings settings) {
        this.api = api;
        this.settings = settings;
    }

    @Override
    public String answer(String model, List<EvalMessage> messages) {
        ChatCompletionCreateParams.Builder b = ChatCompletionCreateParams.builder().model(model);
        for (EvalMessage m : messages) {
            switch (m.role()) {
                case "system" -> b.addSystemMessage(m.content());
                case "assistant" -> b.addAssistantMessage(m.content());
                default -> b.addUserMessage(m.content());
            }
        }
        if (settings.seed() != null) {
            b.seed(settings.seed());
        }
        if (settings.temperature() != null) {
            b.temperature(settings.temperature());
        }
        if (settings.maxTokens() != null) {
            b.maxCompletionTokens(settings.maxTokens());
        }
        try {
            ChatCompletion c = api.client().chat().completions().create(b.build());
            return c.choices().isEmpty() ? "" : c.choices().getFirst().message().content().orElse("");
        } catch (OpenAIException e) {
            throw ApiErrors.explain(e, api.backend());
        }
    }
}
