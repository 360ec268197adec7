package dev.tuna.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command: {@code tuna <command>}. Each subcommand is its own class in its own package. */
@Command(
        name = "tuna",
        mixinStandardHelpOptions = true,
        versionProvider = TunaVersion.class,
        synopsisSubcommandLabel = "COMMAND",
        description = {
            "The OpenAI fine-tuning workflow: prepare and validate chat data, upload it, fine-tune, chat with "
                    + "the result and evaluate it, against OpenAI or a local server that really trains.",
            ""
        },
        subcommands = {
            dev.tuna.cli.prepare.PrepareCommand.class,
            dev.tuna.cli.validate.ValidateCommand.class,
            dev.tuna.cli.files.FilesCommand.class,
            dev.tuna.cli.jobs.JobsCommand.class,
            dev.tuna.cli.chat.ChatCommand.class,
            dev.tuna.cli.models.ModelsCommand.class,
            dev.tuna.cli.bench.BenchCommand.class,
            dev.tuna.cli.eval.EvalCommand.class,
            dev.tuna.cli.score.ScoreCommand.class,
            dev.tuna.cli.serve.ServeCommand.class,
            dev.tuna.cli.demo.DemoCommand.class,
            picocli.CommandLine.HelpCommand.class,
        },
        footer = {
            "",
            "Backend of files, jobs, chat and models:",
            "  URL: --base-url, else the profile's, else TUNA_BASE_URL, else",
            "       OPENAI_BASE_URL, else the local server http://127.0.0.1:8321/v1, which",
            "       is started in the background when nothing answers there (not with",
            "       TUNA_NO_AUTOSTART=1) and stopped by 'tuna serve --stop'",
            "  key: --api-key, else the profile's, else TUNA_API_KEY, else OPENAI_API_KEY",
            "  profile: --profile NAME or TUNA_PROFILE; built in are 'local' and 'openai'",
            "       (key from OPENAI_API_KEY); add your own to $TUNA_HOME/config.toml",
            "       (TUNA_HOME defaults to ~/.tuna):",
            "         [profiles.lab]",
            "         base_url = \"http://gpu-box.lan:8321/v1\"",
            "         api_key_env = \"LAB_KEY\"      # or: api_key = \"sk-...\"",
            "",
            "The tutorial, on the local server:",
            "  tuna prepare korquad data/korquad/KorQuAD_v1.0_dev.json -o train.jsonl \\",
            "      --limit 200",
            "  tuna jobs create --model tuna-nano --training-file train.jsonl \\",
            "      --suffix marv --wait",
            "  tuna chat --model ft:tuna-nano:local:marv:XXXXXXXX \\",
            "      --compare-system marv helpful \"What is KorQuAD?\"",
            "",
            "Run 'tuna COMMAND --help' for a command's options and examples.",
            "Exit codes: 0 success, 1 input judged bad (validation errors, failed job),",
            "2 usage or I/O error.",
        })
public final class TunaCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
