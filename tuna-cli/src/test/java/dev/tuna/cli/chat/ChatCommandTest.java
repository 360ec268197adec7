package dev.tuna.cli.chat;

import static dev.tuna.cli.client.Fixtures.chat;
import static dev.tuna.cli.client.Fixtures.chatStream;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuna.cli.Cli;
import dev.tuna.cli.client.FakeOpenAi;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChatCommandTest {
    private static final String CHAT = "POST /v1/chat/completions";
    private final FakeOpenAi api = new FakeOpenAi();
    private final ObjectMapper mapper = new ObjectMapper();

    @AfterEach
    void stop() {
        api.close();
    }

    private Cli.Result run(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--base-url";
        all[args.length + 1] = api.baseUrl();
        return Cli.run(all);
    }

    private JsonNode sent(int i) throws Exception {
        return mapper.readTree(api.requests(CHAT).get(i).body());
    }

    @Test
    void oneQuestionSendsThePersonaAndEverySamplingSetting() throws Exception {
        api.on(CHAT, 200, chat("fp_local", "Paris, obviously."));
        Cli.Result r = run("chat", "--model", "ft:tuna-nano:local:marv:abcd1234", "--persona", "marv", "--seed", "42",
                "--temperature", "0.7", "--top-p", "0.9", "--max-tokens", "32", "What", "is", "the", "capital?");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("Paris, obviously.\n");
        assertThat(r.err()).as("local backend: no note about differing answers").isEmpty();
        JsonNode body = sent(0);
        assertThat(body.get("model").asText()).isEqualTo("ft:tuna-nano:local:marv:abcd1234");
        assertThat(body.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(body.at("/messages/0/content").asText()).isEqualTo("Marv is a factual chatbot that is also sarcastic.");
        assertThat(body.at("/messages/1/content").asText()).isEqualTo("What is the capital?");
        assertThat(body.get("seed").asLong()).isEqualTo(42);
        assertThat(body.get("temperature").asDouble()).isEqualTo(0.7);
        assertThat(body.get("top_p").asDouble()).isEqualTo(0.9);
        assertThat(body.get("max_completion_tokens").asLong()).isEqualTo(32);
    }

    @Test
    void severalChoicesAreNumberedAndJsonIsTheCompletion() throws Exception {
        api.on(CHAT, 200, chat(null, "Red", "Blue"));
        Cli.Result r = run("chat", "--model", "tuna-nano", "--n", "2", "Name a colour");
        assertThat(r.out()).isEqualTo("[1] Red\n\n[2] Blue\n");
        assertThat(sent(0).get("n").asLong()).isEqualTo(2);
        assertThat(sent(0).at("/messages/0/role").asText()).as("no system prompt given").isEqualTo("user");
        JsonNode completion = mapper.readTree(run("chat", "--model", "tuna-nano", "--json", "Hi").out());
        assertThat(completion.get("object").asText()).isEqualTo("chat.completion");
        assertThat(completion.at("/choices/1/message/content").asText()).isEqualTo("Blue");
    }

    @Test
    void streamingPrintsThePiecesAndJsonStreamingPrintsTheChunks() throws Exception {
        api.on(CHAT, 200, chatStream("Hel", "lo", " there"));
        Cli.Result r = run("chat", "--model", "tuna-nano", "--stream", "Hi");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("Hello there\n");
        assertThat(sent(0).get("stream").asBoolean()).isTrue();
        var lines = run("chat", "--model", "tuna-nano", "--stream", "--json", "Hi").out().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(mapper.readTree(lines.get(1)).at("/choices/0/delta/content").asText()).isEqualTo("Hel");
    }

    @Test
    void compareSystemAsksUnderEachPromptAndShowsThemSideBySide() throws Exception {
        api.on(CHAT, FakeOpenAi.json(200, chat(null, "Paris. As if you did not know.")),
                FakeOpenAi.json(200, chat(null, "The capital of France is Paris.")));
        Cli.Result r = run("chat", "--model", "tuna-nano", "--seed", "1", "--compare-system", "marv", "You are a helpful assistant.",
                "Capital of France?");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(sent(0).at("/messages/0/content").asText()).isEqualTo(Personas.MARV);
        assertThat(sent(1).at("/messages/0/content").asText()).isEqualTo(Personas.HELPFUL);
        assertThat(sent(1).get("seed").asLong()).isEqualTo(1);
        var lines = r.out().lines().toList();
        assertThat(lines.getFirst()).startsWith("system: Marv is a factual chatbot").contains(" | system: You are a helpful");
        assertThat(r.out()).contains("Paris. As if you did not know.").contains("The capital of France is Paris.");
        assertThat(lines.stream().filter(l -> l.contains(" |")).count()).as("columns").isEqualTo(lines.size());

        api.on(CHAT, 200, chat(null, "x"));
        JsonNode rows = mapper.readTree(run("chat", "--model", "tuna-nano", "--compare-system", "marv", "helpful", "--json", "Q").out());
        assertThat(rows).hasSize(2);
        assertThat(rows.at("/1/system").asText()).isEqualTo(Personas.HELPFUL);
        assertThat(rows.at("/1/completion/object").asText()).isEqualTo("chat.completion");
    }

    @Test
    void interactiveModeKeepsHistoryAndObeysSlashCommands() throws Exception {
        api.on(CHAT, FakeOpenAi.json(200, chat(null, "Hello!")), FakeOpenAi.json(200, chat(null, "Still here.")),
                FakeOpenAi.json(200, chat(null, "Fresh start.")));
        String script = "Hi\n/system marv\n/seed 9\nAre you there?\n/reset\n/seed off\n/nope\nNew topic\n/exit\nnever sent\n";
        Cli.Result r = Cli.run(cli -> ((ChatCommand) cli.getSubcommands().get("chat").getCommand())
                        .withInput(new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8))),
                "chat", "--model", "tuna-nano", "--base-url", api.baseUrl());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Chatting with tuna-nano.").contains("Hello!").contains("(system: " + Personas.MARV + ")")
                .contains("(seed 9)").contains("Still here.").contains("(history cleared)").contains("(no seed)")
                .contains("(unknown command /nope").contains("Fresh start.");
        assertThat(api.requests(CHAT)).hasSize(3);
        JsonNode second = sent(1);
        assertThat(second.get("messages")).hasSize(4);
        assertThat(second.at("/messages/0/content").asText()).isEqualTo(Personas.MARV);
        assertThat(second.at("/messages/1/content").asText()).isEqualTo("Hi");
        assertThat(second.at("/messages/2/content").asText()).isEqualTo("Hello!");
        assertThat(second.at("/messages/3/content").asText()).isEqualTo("Are you there?");
        assertThat(second.get("seed").asLong()).isEqualTo(9);
        JsonNode third = sent(2);
        assertThat(third.get("messages")).as("history reset, system kept").hasSize(2);
        assertThat(third.has("seed")).isFalse();
    }

    @Test
    void aFailedTurnInInteractiveModeIsReportedAndTheChatGoesOn() throws Exception {
        api.on(CHAT, FakeOpenAi.json(404, FakeOpenAi.error("The model `x` does not exist", "invalid_request_error", "model", "model_not_found")),
                FakeOpenAi.json(200, chat(null, "ok")));
        Cli.Result r = Cli.run(cli -> ((ChatCommand) cli.getSubcommands().get("chat").getCommand())
                        .withInput(new ByteArrayInputStream("first\nsecond\n".getBytes(StandardCharsets.UTF_8))),
                "chat", "--model", "x", "--base-url", api.baseUrl());
        assertThat(r.exit()).isZero();
        assertThat(r.err()).contains("tuna: unknown model at");
        assertThat(sent(1).get("messages")).as("the failed turn is not kept").hasSize(1);
    }

    @Test
    void aRemoteBackendWithoutSeedIsNotedOnceWithTheFingerprint() {
        // The fake stands in for a remote host through the JVM's HTTP proxy setting: nothing leaves loopback.
        api.on(CHAT, 200, chat("fp_44709d6fcb", "Hi"));
        System.setProperty("http.proxyHost", "127.0.0.1");
        System.setProperty("http.proxyPort", Integer.toString(api.port()));
        try {
            Cli.Result r = Cli.run("chat", "--model", "gpt-4o-mini", "--base-url", "http://remote.invalid/v1", "--api-key", "sk-x",
                    "--compare-system", "marv", "helpful", "Hi");
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.err().lines().toList()).containsExactly("note: remote.invalid is a remote backend and no --seed was given,"
                    + " so answers may differ between runs (system_fingerprint fp_44709d6fcb).");
            Cli.Result seeded = Cli.run("chat", "--model", "gpt-4o-mini", "--base-url", "http://remote.invalid/v1", "--api-key", "sk-x",
                    "--seed", "3", "Hi");
            assertThat(seeded.err()).isEmpty();
        } finally {
            System.clearProperty("http.proxyHost");
            System.clearProperty("http.proxyPort");
        }
        assertThat(api.requests(CHAT)).hasSize(3);
    }

    @Test
    void badOptionCombinationsAreUsageErrors() {
        for (List<String> args : List.of(
                List.of("chat", "--model", "m", "--stream", "--n", "2", "Hi"),
                List.of("chat", "--model", "m", "--persona", "pirate", "Hi"),
                List.of("chat", "--model", "m", "--temperature", "3", "Hi"),
                List.of("chat", "--model", "m", "--system", "a", "--persona", "marv", "Hi"))) {
            Cli.Result r = run(args.toArray(String[]::new));
            assertThat(r.exit()).as(args + "\n" + r).isEqualTo(2);
            assertThat(r.err()).startsWith("tuna: ").doesNotContain("Exception");
        }
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void wrappingKeepsWordsAndSplitsOnlyOverlongOnes() {
        assertThat(SideBySide.wrap("the quick brown fox", 10)).containsExactly("the quick", "brown fox");
        assertThat(SideBySide.wrap("abcdefghijkl", 5)).containsExactly("abcde", "fghij", "kl");
        assertThat(SideBySide.wrap("one\ntwo", 10)).containsExactly("one", "two");
    }

    @Test
    void koreanWrapsAndPadsByTerminalColumnsSoTheColumnsLineUp() {
        // A Hangul syllable takes two columns: "대한민국의 수도는" is 16 wide, not 9.
        assertThat(SideBySide.wrap("대한민국의 수도는 서울입니다", 10)).containsExactly("대한민국의", "수도는", "서울입니다");
        assertThat(SideBySide.wrap("가나다라마바", 5)).containsExactly("가나", "다라", "마바");
        var text = new java.io.StringWriter();
        SideBySide.print(new java.io.PrintWriter(text), List.of("marv", "helpful"),
                List.of("서울입니다. 당연하죠.", "The capital is Seoul."), 60);
        List<String> lines = text.toString().lines().toList();
        int bar = dev.tuna.cli.output.DisplayWidth.of(lines.get(0).substring(0, lines.get(0).indexOf(" | ")));
        for (String line : lines) {
            int at = line.indexOf(" | ");
            assertThat(at).as(line).isPositive();
            assertThat(dev.tuna.cli.output.DisplayWidth.of(line.substring(0, at))).as(line).isEqualTo(bar);
        }
        assertThat(text.toString()).contains("서울입니다. 당연하죠.");
    }
}
