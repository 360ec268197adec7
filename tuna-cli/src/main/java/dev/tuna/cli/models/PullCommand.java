package dev.tuna.cli.models;

import dev.tuna.cli.TunaHome;
import dev.tuna.engine.hub.DownloadListener;
import dev.tuna.engine.hub.HubClient;
import dev.tuna.engine.hub.ModelPuller;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tuna models pull ORG/NAME}: a Hugging Face checkpoint into the local models folder. */
@Command(
        name = "pull",
        mixinStandardHelpOptions = true,
        description = "Download a Hugging Face checkpoint (config, safetensors weights, tokenizer) into the models "
                + "folder, where the local server offers it as a base model for chat and LoRA fine-tuning. "
                + "Interrupted downloads resume; every file is checked against the hub's checksum.",
        footer = {
            "",
            "Environment: HF_TOKEN (gated or private models), HF_ENDPOINT (another hub or a mirror).",
            "",
            "Examples:",
            "  tuna models pull HuggingFaceTB/SmolLM2-135M-Instruct",
            "  tuna models pull Qwen/Qwen2.5-0.5B-Instruct --revision main --name qwen-0.5b",
        })
public final class PullCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ORG/NAME", description = "The model's name on the hub.")
    String repo;

    @Option(names = "--revision", defaultValue = "main", description = "Branch, tag or commit (default: ${DEFAULT-VALUE}).")
    String revision;

    @Option(names = "--name", description = "Folder (and base model) name in the models folder (default: NAME).")
    String name;

    @Option(names = "--models-dir", description = "Models folder (default: $TUNA_HOME/models, TUNA_HOME defaulting to ~/.tuna).")
    Path modelsDir;

    @Override
    public Integer call() throws Exception {
        Path dir = modelsDir != null ? modelsDir : TunaHome.resolve().resolve("models");
        java.nio.file.Files.createDirectories(dir);
        var out = spec.commandLine().getOut();
        HubClient hub = HubClient.fromEnvironment();
        out.println("Pulling " + repo + " (" + revision + ") from " + hub.endpoint() + " into " + dir);
        out.flush();
        try (var progress = new Progress(repo)) {
            ModelPuller.Result result = new ModelPuller(hub, dir).pull(repo, revision, name, progress);
            progress.close();
            out.printf("Done: %s (commit %s, %.1f MB) is ready as base model '%s'.%n",
                    result.dir(), result.commit().substring(0, Math.min(12, result.commit().length())),
                    result.bytes() / 1e6, result.dir().getFileName());
        }
        return 0;
    }

    /** A byte progress bar on a terminal; one line per finished file otherwise. */
    private final class Progress implements DownloadListener, AutoCloseable {
        private final String label;
        private final boolean terminal = System.console() != null && System.console().isTerminal();
        private ProgressBar bar;

        Progress(String label) {
            this.label = label;
        }

        @Override
        public void started(long totalBytes, long alreadyDone) {
            if (terminal) {
                bar = new ProgressBarBuilder().setTaskName(label).setInitialMax(totalBytes)
                        .setStyle(ProgressBarStyle.ASCII).setUnit(" MB", 1_000_000).showSpeed()
                        .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err)).build();
                bar.stepTo(alreadyDone);
            } else if (alreadyDone > 0) {
                spec.commandLine().getOut().printf("Resuming: %.1f of %.1f MB already here.%n", alreadyDone / 1e6, totalBytes / 1e6);
            }
        }

        @Override
        public void progressed(String file, long bytes) {
            if (bar != null) {
                bar.stepBy(bytes);
            }
        }

        @Override
        public void fileDone(String file, boolean verified) {
            if (bar == null) {
                spec.commandLine().getOut().println("  " + file + (verified ? "  verified" : "  (the hub gave no checksum)"));
                spec.commandLine().getOut().flush();
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }
}
