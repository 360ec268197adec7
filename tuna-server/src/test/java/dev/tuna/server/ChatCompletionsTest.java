package dev.tuna.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.tuna.server.testing.ScriptedTrainer;
import dev.tuna.server.testing.TestServer;
import dev.tuna.server.testing.WordModels;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /v1/chat/completions}: the knobs the engine honours, and a clear 400 for those it cannot. */
class ChatCompletionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ASK = "\"model\":\"tuna-nano\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
            + "{\"role\":\"user\",\"content\":\"Capital of France?\"}]";
    @TempDir
    Path dir;
    TestServer server;
    WordModels models = new WordModels();

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(dir.resolve("data"), new ScriptedTrainer(5), models);
    }

    @AfterEach
    void stop() {
        server.assertAllResponsesMatchSpec();
        server.close();
    }

    private JsonNode chat(String fields) throws Exception {
        HttpResponse<String> r = server.postJson("/v1/chat/completions", "{" + ASK + fields + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void choicesSeedsLimitsAndUnknownFields() throws Exception {
        JsonNode three = chat(",\"n\":3,\"seed\":5,\"temperature\":1.2,\"some_future_field\":{\"x\":1},\"user\":\"u1\"");
        assertThat(three.get("choices")).hasSize(3);
        assertThat(three.get("id").asText()).startsWith("chatcmpl-");
        assertThat(three.get("system_fingerprint").asText()).startsWith("fp_");
        assertThat(chat(",\"n\":3,\"seed\":5,\"temperature\":1.2").get("choices")).isEqualTo(three.get("choices"));

        JsonNode cut = chat(",\"max_tokens\":1,\"seed\":1");
        assertThat(cut.at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(cut.at("/usage/completion_tokens").asInt()).isEqualTo(1);
        JsonNode cut2 = chat(",\"max_completion_tokens\":2,\"seed\":1");
        assertThat(cut2.at("/usage/completion_tokens").asInt()).isEqualTo(2);
        assertThat(cut2.at("/usage/total_tokens").asInt())
                .isEqualTo(cut2.at("/usage/prompt_tokens").asInt() + 2);

        JsonNode greedy = chat(",\"temperature\":0");
        assertThat(chat(",\"temperature\":0").at("/choices/0/message/content")).isEqualTo(greedy.at("/choices/0/message/content"));

        JsonNode parts = chat(",\"messages\":[{\"role\":\"developer\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\"}]},"
                + "{\"role\":\"user\",\"content\":\"Q\"}]");
        assertThat(parts.at("/choices/0/message/role").asText()).isEqualTo("assistant");
        assertThat(models.loads.get()).isEqualTo(1); // loaded once, then cached
    }

    @Test
    void streamsChunksThenUsageThenDone() throws Exception {
        HttpResponse<String> r = server.postJson("/v1/chat/completions", "{" + ASK
                + ",\"stream\":true,\"seed\":3,\"n\":2,\"stream_options\":{\"include_usage\":true}}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<JsonNode> chunks = new ArrayList<>();
        List<String> lines = r.body().lines().filter(l -> !l.isEmpty()).toList();
        assertThat(lines.getLast()).isEqualTo("data: [DONE]");
        for (String line : lines.subList(0, lines.size() - 1)) {
            assertThat(line).startsWith("data: ");
            chunks.add(JSON.readTree(line.substring(6)));
        }
        JsonNode usage = chunks.getLast();
        assertThat(usage.get("choices")).isEmpty();
        assertThat(usage.at("/usage/completion_tokens").asInt()).isPositive();
        for (JsonNode c : chunks.subList(0, chunks.size() - 1)) {
            assertThat(c.get("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(c.get("id")).isEqualTo(chunks.getFirst().get("id"));
            assertThat(c.get("usage").isNull()).isTrue();
        }
        JsonNode whole = chat(",\"seed\":3,\"n\":2");
        for (int choice = 0; choice < 2; choice++) {
            int index = choice;
            StringBuilder text = new StringBuilder();
            List<JsonNode> mine = chunks.stream().filter(c -> !c.get("choices").isEmpty()
                    && c.at("/choices/0/index").asInt() == index).toList();
            assertThat(mine.getFirst().at("/choices/0/delta/role").asText()).isEqualTo("assistant");
            mine.forEach(c -> text.append(c.at("/choices/0/delta/content").asText("")));
            assertThat(mine.getLast().at("/choices/0/finish_reason").asText()).isEqualTo("stop");
            assertThat(text.toString()).isEqualTo(whole.at("/choices/" + choice + "/message/content").asText());
        }
    }

    @Test
    void unsupportedFeaturesAreAClear400() throws Exception {
        String[][] cases = {
            {",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]", "tools"},
            {",\"logprobs\":true", "logprobs"},
            {",\"response_format\":{\"type\":\"json_object\"}", "response_format"},
            {",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"x\"}}]}]",
                "messages[0].content[0]"},
            {",\"messages\":[{\"role\":\"tool\",\"content\":\"1\",\"tool_call_id\":\"c\"}]", "messages[0].role"},
            {",\"temperature\":3", "temperature"},
            {",\"n\":0", "n"},
            {",\"messages\":[]", "messages"},
            {",\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"]", "stop"},
        };
        for (String[] c : cases) {
            HttpResponse<String> r = server.postJson("/v1/chat/completions", "{" + ASK + c[0] + "}");
            assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).at("/error/param").asText()).as(c[0]).isEqualTo(c[1]);
        }
        HttpResponse<String> unknown = server.postJson("/v1/chat/completions",
                "{\"model\":\"nope\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).at("/error/code").asText()).isEqualTo("model_not_found");
    }

    @Test
    void busyGenerationSlotsAnswer429WithRetryAfter() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch generating = new java.util.concurrent.CountDownLatch(1);
        dev.tuna.server.engine.ModelProvider slow = (base, tuned) -> {
            dev.tuna.engine.runtime.ChatModel inner = new WordModels().load(base, tuned);
            return new dev.tuna.engine.runtime.ChatModel() {
                @Override
                public dev.tuna.engine.generate.GenerationResult chat(List<dev.tuna.engine.chat.Turn> messages,
                        dev.tuna.engine.generate.GenerationParams params, dev.tuna.engine.generate.TokenListener l) {
                    generating.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return inner.chat(messages, params, l);
                }

                @Override
                public int promptTokens(List<dev.tuna.engine.chat.Turn> messages) {
                    return inner.promptTokens(messages);
                }

                @Override
                public int contextLength() {
                    return inner.contextLength();
                }

                @Override
                public String fingerprint() {
                    return inner.fingerprint();
                }

                @Override
                public void close() {
                    inner.close();
                }
            };
        };
        try (TestServer busy = TestServer.start(dir.resolve("busy"), new ScriptedTrainer(5), slow,
                c -> c.withChatConcurrency(1).withChatQueueWait(java.time.Duration.ofMillis(200)))) {
            var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return busy.postJson("/v1/chat/completions", "{" + ASK + "}");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(generating.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            HttpResponse<String> second = busy.postJson("/v1/chat/completions", "{" + ASK + "}");
            assertThat(second.statusCode()).isEqualTo(429);
            assertThat(second.headers().firstValue("Retry-After")).isPresent();
            assertThat(second.headers().firstValue("x-should-retry")).hasValue("true");
            assertThat(JSON.readTree(second.body()).at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
            release.countDown();
            assertThat(first.get(30, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            busy.assertAllResponsesMatchSpec();
        }
    }

    @Test
    void sdkStopSequences() {
        ChatCompletion full = server.client().chat().completions().create(ChatCompletionCreateParams.builder()
                .model("tuna-nano").addUserMessage("Q").seed(11L).build());
        String text = full.choices().getFirst().message().content().orElseThrow();
        String[] words = text.split(" ");
        assertThat(words.length).isGreaterThan(2);
        ChatCompletion stopped = server.client().chat().completions().create(ChatCompletionCreateParams.builder()
                .model("tuna-nano").addUserMessage("Q").seed(11L).stop(" " + words[2]).build());
        assertThat(stopped.choices().getFirst().message().content()).hasValue(text.substring(0,
                text.indexOf(" " + words[2])));
    }
}
