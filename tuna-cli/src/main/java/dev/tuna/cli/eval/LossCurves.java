package dev.tuna.cli.eval;

import com.openai.core.http.HttpResponse;
import com.openai.errors.OpenAIException;
import com.openai.models.files.FileObject;
import com.openai.models.finetuning.jobs.FineTuningJob;
import com.openai.models.finetuning.jobs.JobListParams;
import dev.tuna.cli.client.Api;
import dev.tuna.data.TunaException;
import dev.tuna.data.eval.LossCurve;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The training loss of fine-tuned models: the job whose {@code fine_tuned_model} is the model, its result file
 * {@code step_metrics.csv} through the Files API. Models that are not fine-tuned, or whose job is not listed (another
 * account, deleted), simply have no curve; the report says nothing about them then.
 */
final class LossCurves {
    private LossCurves() {
    }

    static List<LossCurve> fetch(Api api, List<String> models, PrintWriter err) {
        List<String> wanted = models.stream().filter(m -> m.startsWith("ft:")).distinct().toList();
        List<LossCurve> curves = new ArrayList<>();
        if (wanted.isEmpty()) {
            return curves;
        }
        try {
            List<FineTuningJob> jobs = new ArrayList<>();
            api.client().fineTuning().jobs().list(JobListParams.builder().limit(100L).build()).autoPager()
                    .stream().limit(1000).forEach(jobs::add);
            for (String model : wanted) {
                jobs.stream().filter(j -> j.fineTunedModel().filter(model::equals).isPresent()).findFirst()
                        .ifPresent(job -> curve(api, model, job, err).ifPresent(curves::add));
            }
        } catch (OpenAIException | TunaException e) {
            err.println("tuna: note: no loss curve in the report (" + e.getMessage().lines().findFirst().orElse("")
                    + ")");
        }
        return curves;
    }

    private static java.util.Optional<LossCurve> curve(Api api, String model, FineTuningJob job, PrintWriter err) {
        for (String fileId : job.resultFiles()) {
            try {
                FileObject meta = api.client().files().retrieve(fileId);
                if (!meta.filename().endsWith(".csv")) {
                    continue;
                }
                try (HttpResponse response = api.client().files().content(fileId)) {
                    String csv = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
                    return java.util.Optional.of(new LossCurve(model, job.id(),
                            LossCurve.parseStepMetrics(csv, job.id() + "/" + meta.filename())));
                }
            } catch (IOException | OpenAIException | TunaException e) {
                err.println("tuna: note: cannot read the result file " + fileId + " of " + job.id() + ": "
                        + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            }
        }
        return java.util.Optional.empty();
    }
}
