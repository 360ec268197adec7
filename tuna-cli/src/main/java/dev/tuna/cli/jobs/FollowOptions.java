package dev.tuna.cli.jobs;

import com.openai.client.OpenAIClient;
import dev.tuna.cli.output.Terminal;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How a job is followed (a picocli mixin): the poll interval. */
final class FollowOptions {
    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "2",
            description = "Seconds between polls while following (default: ${DEFAULT-VALUE}).")
    double intervalSeconds;

    JobFollower follower(OpenAIClient client, PrintWriter out, JobFollower.Show show, boolean json) {
        Duration interval = Duration.ofMillis(Math.max(50, (long) (intervalSeconds * 1000)));
        return new JobFollower(client, out, Terminal.interactive() ? System.err : null, show, json, interval);
    }
}
