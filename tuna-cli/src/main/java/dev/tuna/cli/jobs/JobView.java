package dev.tuna.cli.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.ObjectMappers;
import com.openai.models.finetuning.jobs.FineTuningJob;
import dev.tuna.cli.output.Human;
import dev.tuna.cli.output.Table;
import java.io.PrintWriter;
import java.util.List;

/** How jobs look to people. */
final class JobView {
    private JobView() {
    }

    static void table(PrintWriter out, List<FineTuningJob> jobs) {
        Table t = new Table("ID", "MODEL", "STATUS", "FINE-TUNED MODEL", "CREATED");
        for (FineTuningJob j : jobs) {
            t.row(j.id(), j.model(), status(j), j.fineTunedModel().orElse("-"), Human.epochSeconds(j.createdAt()));
        }
        t.print(out);
    }

    static void details(PrintWriter out, FineTuningJob j) {
        JsonNode tree = tree(j);
        out.println("id:               " + j.id());
        out.println("status:           " + status(j));
        out.println("model:            " + j.model());
        out.println("fine-tuned model: " + j.fineTunedModel().orElse("-"));
        out.println("training file:    " + j.trainingFile());
        out.println("validation file:  " + j.validationFile().orElse("-"));
        out.println("hyperparameters:  " + hyperparameters(tree));
        out.println("seed:             " + j.seed());
        out.println("created:          " + Human.epochSeconds(j.createdAt()));
        j.finishedAt().ifPresent(f -> out.println("finished:         " + Human.epochSeconds(f)));
        j.estimatedFinish().filter(e -> e > 0).ifPresent(e -> out.println("estimated finish: " + Human.epochSeconds(e)));
        j.trainedTokens().ifPresent(t -> out.println("trained tokens:   " + t));
        if (!j.resultFiles().isEmpty()) {
            out.println("result files:     " + String.join(", ", j.resultFiles()));
        }
        j.error().ifPresent(e -> out.println("error:            " + errorText(j)));
        out.flush();
    }

    /** The status as the backend spells it (also {@code paused}, which the SDK's enum does not know). */
    static String status(FineTuningJob j) {
        return j.status().asString();
    }

    static String errorText(FineTuningJob j) {
        JsonNode e = tree(j).path("error");
        String msg = e.path("message").asText("");
        String code = e.path("code").asText("");
        String param = e.path("param").asText("");
        StringBuilder sb = new StringBuilder(msg.isBlank() ? "(no message)" : msg);
        if (!code.isBlank() && !code.equals("null")) {
            sb.append(" [").append(code);
            if (!param.isBlank() && !param.equals("null")) {
                sb.append(", ").append(param);
            }
            sb.append(']');
        }
        return sb.toString();
    }

    /** {@code n_epochs=3 batch_size=auto learning_rate_multiplier=2.0}, from method.supervised or the legacy field. */
    static String hyperparameters(JsonNode job) {
        JsonNode h = job.path("method").path("supervised").path("hyperparameters");
        if (!h.isObject()) {
            h = job.path("hyperparameters");
        }
        StringBuilder sb = new StringBuilder();
        for (String k : List.of("n_epochs", "batch_size", "learning_rate_multiplier")) {
            if (h.has(k) && !h.get(k).isNull()) {
                sb.append(sb.isEmpty() ? "" : " ").append(k).append('=').append(h.get(k).asText());
            }
        }
        return sb.isEmpty() ? "auto" : sb.toString();
    }

    static JsonNode tree(Object apiObject) {
        return ObjectMappers.jsonMapper().valueToTree(apiObject);
    }
}
