package dev.tuna.cli.chat;

import dev.tuna.cli.client.Api;
import dev.tuna.cli.client.BackendOptions;
import dev.tuna.cli.output.Json;
import dev.tuna.cli.output.Terminal;
import dev.tuna.data.TunaException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tuna chat --model M [options] [TEXT]}. */
@Command(
        name = "chat",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Chat with a model: a base model, a fine-tuned one (ft:...) or a checkpoint. With TEXT, ask "
                + "once and print the answer; without it, talk interactively (history kept) with the commands "
                + "/system TEXT, /seed N (or /seed off), /reset and /exit. --compare-system asks the same question "
                + "under two system prompts and shows the answers side by side.",
        footer = {
            "",
            "Personas: marv = \"" + Personas.MARV + "\"",
            "          helpful = \"" + Personas.HELPFUL + "\"",
            "The local server gives the same answer for the same --seed every time;",
            "OpenAI only tries to.",
            "",
            "Examples:",
            "  tuna chat --model ft:tuna-nano:local:marv:abcd1234 --persona marv \\",
            "      \"What is the capital of France?\"",
            "  tuna chat --model tuna-nano --seed 42 --temperature 0.7 --stream Hello",
            "  tuna chat --model ft:tuna-nano:local:marv:abcd1234 \\",
            "      --compare-system marv helpful \"Who wrote Hamlet?\"",
            "  tuna chat --model gpt-4o-mini --profile openai --n 3 --json \"A colour?\"",
            "  tuna chat --model tuna-nano --system \"You answer in one word.\"",
        })
public final class ChatCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BackendOptions backend;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "The model to talk to.")
    String model;

    static final class SystemChoice {
        @Option(names = "--system", paramLabel = "TEXT", description = "The system prompt.")
        String system;

        @Option(names = "--persona", paramLabel = "NAME", description = "A named system prompt: marv or helpful.")
        String persona;

        @Option(names = "--compare-system", paramLabel = "PROMPT", arity = "2",
                description = "Two system prompts (or persona names) to compare side by side; repeat the option for "
                        + "more pairs.")
        List<String> compare;
    }

    @ArgGroup(exclusive = true)
    SystemChoice systemChoice = new SystemChoice();

    @Option(names = "--seed", paramLabel = "N", description = "Seed for sampling: same seed, same answer (locally).")
    Long seed;

    @Option(names = "--temperature", paramLabel = "T", description = "0-2; 0 is greedy (default: the backend's, 1).")
    Double temperature;

    @Option(names = "--top-p", paramLabel = "P", description = "Nucleus sampling mass, 0-1 (default: the backend's, 1).")
    Double topP;

    @Option(names = "--max-tokens", paramLabel = "N", description = "At most this many tokens per answer.")
    Long maxTokens;

    @Option(names = "--n", paramLabel = "N", description = "Answers per question (default 1).")
    Long n;

    @Option(names = "--stream", description = "Print the answer as it is written.")
    boolean stream;

    @Option(names = "--json", description = "Print the chat completion as JSON (with --stream: one chunk per line).")
    boolean json;

    @Parameters(paramLabel = "TEXT", arity = "0..*", description = "The message (words are joined); omit it to chat interactively.")
    List<String> words = new ArrayList<>();

    private InputStream input = System.in;

    /** Where interactive mode reads from (tests give it a script). */
    public ChatCommand withInput(InputStream in) {
        this.input = in;
        return this;
    }

    @Override
    public Integer call() {
        checkOptions();
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        Sampling sampling = new Sampling(seed, temperature, topP, maxTokens, n);
        try (Api api = backend.connect()) {
            Responder responder = new Responder(api, out, err, json);
            String text = String.join(" ", words).strip();
            if (text.isEmpty()) {
                return new Interactive(responder, out, err, model, sampling, stream).run(system(), input);
            }
            if (systemChoice.compare != null) {
                return compare(responder, text, sampling, out);
            }
            Conversation c = new Conversation(system());
            c.user(text);
            responder.askAndPrint(c.params(model, sampling), stream);
        }
        return 0;
    }

    private int compare(Responder responder, String text, Sampling sampling, java.io.PrintWriter out) {
        List<String> systems = systemChoice.compare.stream().map(Personas::expand).toList();
        List<String> answers = new ArrayList<>();
        List<Object> raw = new ArrayList<>();
        for (String system : systems) {
            Conversation c = new Conversation(system);
            c.user(text);
            Answer a = responder.ask(c.params(model, sampling));
            answers.add(a.text());
            raw.add(a.raw());
        }
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = 0; i < systems.size(); i++) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("system", systems.get(i));
                row.put("completion", raw.get(i));
                rows.add(row);
            }
            Json.print(out, rows);
        } else {
            SideBySide.print(out, systems, answers, Terminal.width(spec.usageMessage().width()));
        }
        return 0;
    }

    private String system() {
        if (systemChoice.persona != null) {
            String p = Personas.expand(systemChoice.persona);
            if (p.equals(systemChoice.persona)) {
                throw new TunaException("unknown persona '" + systemChoice.persona + "'; choose marv or helpful, or give --system TEXT");
            }
            return p;
        }
        return systemChoice.system;
    }

    private void checkOptions() {
        if (stream && n != null && n > 1) {
            throw new TunaException("--stream shows one answer as it is written; use it with --n 1, or drop --stream");
        }
        if (systemChoice.compare != null && (stream || words.isEmpty())) {
            throw new TunaException("--compare-system needs a question (TEXT) and cannot be combined with --stream");
        }
        if (temperature != null && (temperature < 0 || temperature > 2)) {
            throw new TunaException("--temperature must be between 0 and 2, got " + temperature);
        }
        if (topP != null && (topP <= 0 || topP > 1)) {
            throw new TunaException("--top-p must be in (0, 1], got " + topP);
        }
        if (n != null && n < 1) {
            throw new TunaException("--n must be at least 1, got " + n);
        }
        if (maxTokens != null && maxTokens < 1) {
            throw new TunaException("--max-tokens must be at least 1, got " + maxTokens);
        }
    }
}
