package dev.tuna.cli.score;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuna.data.TunaException;
import dev.tuna.data.chat.ChatExample;
import dev.tuna.data.validate.ChatFile;
import dev.tuna.engine.chat.EncodedConversation;
import dev.tuna.engine.chat.Turns;
import dev.tuna.engine.runtime.ScoringModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tuna score}: per-token negative log-likelihood of token ids or chat examples under a local model. */
@Command(
        name = "score",
        mixinStandardHelpOptions = true,
        description = {
            "Score text under a local model.",
            "",
            "It prints the negative log-likelihood (in nats) of each token given the ones before it, and their mean. "
                    + "With --tokens, token ids are scored as given: a folder with just config.json and the safetensors "
                    + "weights is enough. With --data, each chat example is rendered with the model's chat template and "
                    + "its learned assistant tokens (and their end-of-turn token) are scored, as training would see "
                    + "them. The model folder may be a Hugging Face checkpoint, a tuna-nano model, or a LoRA adapter "
                    + "(scored on top of its base).",
        },
        footer = {
            "",
            "With --json: {\"nll\": [...], \"mean\": x}, where nll[i] is the NLL of token i+1 given tokens 0..i",
            "(with --data: of each learned token, in order, plus \"examples\" with each line's mean).",
            "",
            "Exit codes: 0 scored, 1 the data file is not valid chat JSONL, 2 bad arguments or unreadable files.",
            "",
            "Examples:",
            "  tuna score --model ~/.tuna/models/SmolLM2-135M-Instruct --tokens 1,9690,314",
            "  tuna score --model ~/.tuna/models/ft-nano --data val.jsonl",
            "  tuna score --model ./my-adapter --data val.jsonl --json | jq .mean",
        })
public final class ScoreCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "Model folder: a checkpoint (config.json + *.safetensors), a tuna-nano model or an adapter.")
    Path model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @Option(names = "--tokens", split = ",", paramLabel = "ID,ID,...",
                description = "Token ids to score, comma-separated (at least two).")
        int[] tokens;

        @Option(names = "--data", paramLabel = "FILE.jsonl", description = "Chat examples to score (OpenAI JSONL).")
        Path data;
    }

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        ScoringModel scoring = ScoringModel.open(model);
        PrintWriter out = spec.commandLine().getOut();
        if (input.tokens != null) {
            scoreTokens(scoring, input.tokens, out);
        } else {
            scoreData(scoring, input.data, out);
        }
        out.flush();
        return 0;
    }

    private void scoreTokens(ScoringModel scoring, int[] tokens, PrintWriter out) {
        if (tokens.length < 2) {
            throw new TunaException("--tokens needs at least two ids: the first one conditions, the rest are scored");
        }
        float[] nll = scoring.nll(tokens);
        double mean = mean(nll);
        if (json) {
            ObjectNode root = JSON.createObjectNode();
            ArrayNode a = root.putArray("nll");
            for (float v : nll) {
                a.add(v);
            }
            root.put("mean", mean);
            out.println(root);
            return;
        }
        out.printf("%8s %10s %10s%n", "position", "token", "nll");
        for (int i = 0; i < nll.length; i++) {
            out.printf("%8d %10d %10.4f%n", i + 1, tokens[i + 1], nll[i]);
        }
        out.printf("mean NLL %.4f nats over %d tokens (perplexity %.2f)%n", mean, nll.length, Math.exp(mean));
    }

    private void scoreData(ScoringModel scoring, Path data, PrintWriter out) {
        List<ChatExample> examples = ChatFile.read(data);
        var encoder = scoring.encoder();
        ObjectNode root = JSON.createObjectNode();
        ArrayNode all = root.putArray("nll");
        ArrayNode perExample = JSON.createArrayNode();
        double sum = 0;
        double weight = 0;
        for (int k = 0; k < examples.size(); k++) {
            EncodedConversation e = encoder.encode(Turns.of(examples.get(k)));
            float[] nll = e.length() < 2 ? new float[0] : scoring.nll(e.tokens());
            double s = 0;
            double w = 0;
            for (int i = 0; i < nll.length; i++) {
                float tw = e.targetWeights()[i];
                if (tw > 0) {
                    s += tw * nll[i];
                    w += tw;
                    all.add(nll[i]);
                }
            }
            sum += s;
            weight += w;
            ObjectNode ex = perExample.addObject();
            ex.put("line", k + 1);
            ex.put("tokens", e.length());
            ex.put("learned", w);
            if (w > 0) {
                ex.put("mean", s / w);
            } else {
                ex.putNull("mean");
            }
            if (!json) {
                out.printf("line %d: %d tokens, %s%n", k + 1, e.length(), w > 0
                        ? String.format("mean NLL %.4f over %.0f learned tokens", s / w, w)
                        : "no learned assistant tokens");
            }
        }
        if (weight == 0) {
            throw new TunaException(data + ": no example has an assistant message to score (all have weight 0)",
                    TunaException.INVALID_INPUT, null);
        }
        double mean = sum / weight;
        if (json) {
            root.put("mean", mean);
            root.set("examples", perExample);
            out.println(root);
        } else {
            out.printf("mean NLL %.4f nats over %.0f learned tokens in %d examples (perplexity %.2f)%n", mean, weight,
                    examples.size(), Math.exp(mean));
        }
    }

    private static double mean(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s / v.length;
    }
}
