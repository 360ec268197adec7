package dev.tuna.cli.jobs;

import com.openai.core.JsonValue;
import com.openai.models.finetuning.jobs.FineTuningJob;
import com.openai.models.finetuning.jobs.JobCreateParams;
import com.openai.models.finetuning.methods.SupervisedHyperparameters;
import com.openai.models.finetuning.methods.SupervisedMethod;
import dev.tuna.cli.client.Api;
import dev.tuna.cli.client.BackendOptions;
import dev.tuna.cli.output.Json;
import dev.tuna.data.TunaException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tuna jobs create --model M --training-file FILE|ID ...}. */
@Command(
        name = "create",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Create a supervised fine-tuning job. --training-file (and --validation-file) take a file id or a "
                + "local JSONL path; a path is first checked with the 'tuna validate' rules (--no-validate skips that), "
                + "then uploaded. Omitted hyperparameters are 'auto': the backend picks them from the data.",
        footer = {
            "",
            "LoRA options are for the local server's Hugging Face base models (tuna-nano",
            "always trains all weights); they go out as Tuna's 'lora' extension of the",
            "hyperparameters, {r, alpha, dropout, target_modules}.",
            "",
            "Examples:",
            "  tuna jobs create --model tuna-nano --training-file train.jsonl \\",
            "      --suffix marv --wait",
            "  tuna jobs create --model gpt-4o-mini-2024-07-18 --profile openai \\",
            "      --training-file file-abc123 --epochs 3",
            "  tuna jobs create --model SmolLM2-135M-Instruct --training-file train.jsonl \\",
            "      --validation-file val.jsonl --lora-rank 16 --lora-alpha 32 --seed 7",
        })
public final class CreateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BackendOptions backend;

    @Mixin
    FollowOptions followOptions;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "Base model, e.g. tuna-nano or gpt-4o-mini-2024-07-18.")
    String model;

    @Option(names = "--training-file", required = true, paramLabel = "FILE|ID", description = "Training data: a JSONL path or a file id.")
    String trainingFile;

    @Option(names = "--validation-file", paramLabel = "FILE|ID", description = "Validation data: a JSONL path or a file id.")
    String validationFile;

    @Option(names = "--no-validate", description = "Upload local files without checking them first.")
    boolean noValidate;

    @Option(names = "--suffix", paramLabel = "TEXT", description = "Up to 64 characters added to the fine-tuned model's name.")
    String suffix;

    @Option(names = {"--epochs", "--n-epochs"}, paramLabel = "N", description = "Passes over the training data (1-50; default auto).")
    Long epochs;

    @Option(names = "--batch-size", paramLabel = "N", description = "Examples per optimizer step (1-256; default auto).")
    Long batchSize;

    @Option(names = "--learning-rate-multiplier", paramLabel = "X", description = "Scales the base learning rate (> 0; default auto).")
    Double learningRateMultiplier;

    @Option(names = "--seed", paramLabel = "N", description = "Makes the job reproducible (0-2147483647; default: the backend picks one).")
    Long seed;

    @Option(names = "--metadata", paramLabel = "KEY=VALUE", description = "A metadata pair (repeatable, up to 16).")
    Map<String, String> metadata;

    @Option(names = "--lora-rank", paramLabel = "R", description = "LoRA rank r (local server; default 8).")
    Integer loraRank;

    @Option(names = "--lora-alpha", paramLabel = "A", description = "LoRA alpha (local server; default 16).")
    Double loraAlpha;

    @Option(names = "--lora-dropout", paramLabel = "P", description = "LoRA dropout in [0, 1) (local server; default 0.05).")
    Double loraDropout;

    @Option(names = "--lora-targets", paramLabel = "MODULES", split = ",",
            description = "Projections to adapt, e.g. q_proj,v_proj (local server; default all linear ones).")
    List<String> loraTargets;

    @Option(names = "--wait", description = "Then follow the job until it ends, like 'tuna jobs wait'.")
    boolean waitForIt;

    @Option(names = "--json", description = "Print the created job as JSON (with --wait: the final job).")
    boolean json;

    @Override
    public Integer call() {
        checkOptions();
        // With --json, stdout carries only JSON; notes about validation and uploads go to stderr.
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter notes = json ? spec.commandLine().getErr() : out;
        try (Api api = backend.connect()) {
            var uploads = new TrainingFiles(api.client(), model, !noValidate, notes);
            JobCreateParams.Builder params = JobCreateParams.builder()
                    .model(model)
                    .trainingFile(uploads.fileId(trainingFile, "--training-file"));
            if (validationFile != null) {
                params.validationFile(uploads.fileId(validationFile, "--validation-file"));
            }
            if (suffix != null) {
                params.suffix(suffix);
            }
            if (seed != null) {
                params.seed(seed);
            }
            var lora = lora();
            if (epochs != null || batchSize != null || learningRateMultiplier != null || lora.isPresent()) {
                var h = SupervisedHyperparameters.builder();
                if (epochs != null) {
                    h.nEpochs(epochs);
                }
                if (batchSize != null) {
                    h.batchSize(batchSize);
                }
                if (learningRateMultiplier != null) {
                    h.learningRateMultiplier(learningRateMultiplier);
                }
                lora.ifPresent(l -> h.putAdditionalProperty("lora", JsonValue.from(l)));
                params.method(JobCreateParams.Method.builder().type(JobCreateParams.Method.Type.SUPERVISED)
                        .supervised(SupervisedMethod.builder().hyperparameters(h.build()).build()).build());
            }
            if (metadata != null && !metadata.isEmpty()) {
                var m = JobCreateParams.Metadata.builder();
                metadata.forEach((k, v) -> m.putAdditionalProperty(k, JsonValue.from(v)));
                params.metadata(m.build());
            }

            FineTuningJob job = api.client().fineTuning().jobs().create(params.build());
            if (waitForIt) {
                notes.println("Created job " + job.id() + " (" + job.model() + ", " + JobView.status(job) + "); following it.");
                notes.flush();
                return followOptions.follower(api.client(), out, JobFollower.Show.STATUS, json).follow(job.id());
            }
            if (json) {
                Json.print(out, job);
            } else {
                out.println("Created job " + job.id() + " (" + job.model() + ", " + JobView.status(job) + ").");
                out.println("Follow it with 'tuna jobs wait " + job.id() + "' or 'tuna jobs events " + job.id() + " --follow'.");
                out.flush();
            }
        }
        return 0;
    }

    private void checkOptions() {
        if (suffix != null && (suffix.isEmpty() || suffix.length() > 64)) {
            throw new TunaException("--suffix must be 1 to 64 characters, got " + suffix.length());
        }
        if (loraDropout != null && !(loraDropout >= 0 && loraDropout < 1)) {
            throw new TunaException("--lora-dropout must be in [0, 1), got " + loraDropout);
        }
        if (loraRank != null && loraRank < 1) {
            throw new TunaException("--lora-rank must be at least 1, got " + loraRank);
        }
    }

    /** Tuna's {@code lora} hyperparameter (PEFT's names), with only the settings given; empty when none was. */
    private java.util.Optional<Map<String, Object>> lora() {
        Map<String, Object> l = new LinkedHashMap<>();
        if (loraRank != null) {
            l.put("r", loraRank);
        }
        if (loraAlpha != null) {
            l.put("alpha", loraAlpha);
        }
        if (loraDropout != null) {
            l.put("dropout", loraDropout);
        }
        if (loraTargets != null) {
            l.put("target_modules", loraTargets);
        }
        return l.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(l);
    }
}
