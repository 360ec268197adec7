package dev.tuna.cli.jobs;

import com.openai.client.OpenAIClient;
import com.openai.models.finetuning.jobs.FineTuningJob;
import com.openai.models.finetuning.jobs.FineTuningJobEvent;
import com.openai.models.finetuning.jobs.JobListEventsParams;
import dev.tuna.cli.output.Human;
import dev.tuna.cli.output.Json;
import dev.tuna.data.TunaException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Follows a job until it succeeds, fails or is cancelled, polling the job and its new events. On a terminal it
 * draws a live bar (step / total, loss, ETA) on stderr; otherwise it writes plain lines, a few per run. It ends with
 * the final state (and the fine-tuned model's name) and returns the exit code: 0 succeeded, 1 failed or cancelled.
 */
final class JobFollower {
    /** What is printed besides progress: every event ({@code events --follow}), or status changes only ({@code wait}). */
    enum Show { EVENTS, STATUS }

    private final OpenAIClient client;
    private final PrintWriter out;
    private final PrintStream terminalErr;
    private final Show show;
    private final boolean json;
    private final Duration interval;

    private final Set<String> seenEvents = new HashSet<>();
    private final Eta eta = new Eta();
    private final ProgressLines progressLines = new ProgressLines();
    private ProgressBar bar;
    private String lastStatus;
    private Metrics lastMetrics;
    private Long estimatedFinish;

    /**
     * @param terminalErr where the live bar goes, or null for plain lines (not a terminal)
     * @param json        events and the final job as JSON lines instead of text
     */
    JobFollower(OpenAIClient client, PrintWriter out, PrintStream terminalErr, Show show, boolean json, Duration interval) {
        this.client = client;
        this.out = out;
        this.terminalErr = json ? null : terminalErr;
        this.show = show;
        this.json = json;
        this.interval = interval;
    }

    int follow(String jobId) {
        try {
            FineTuningJob job;
            while (true) {
                job = client.fineTuning().jobs().retrieve(jobId);
                estimatedFinish = job.estimatedFinish().orElse(null);
                onStatus(job);
                for (FineTuningJobEvent e : newEvents(jobId)) {
                    onEvent(e);
                }
                if (isFinal(job)) {
                    break;
                }
                sleep();
            }
            closeBar();
            return finish(job);
        } finally {
            closeBar();
        }
    }

    static boolean isFinal(FineTuningJob job) {
        String s = JobView.status(job);
        return s.equals("succeeded") || s.equals("failed") || s.equals("cancelled");
    }

    /** Events not printed yet, oldest first. The API lists newest first, so pages are read until a seen one. */
    private List<FineTuningJobEvent> newEvents(String jobId) {
        List<FineTuningJobEvent> fresh = new ArrayList<>();
        var page = client.fineTuning().jobs().listEvents(JobListEventsParams.builder().fineTuningJobId(jobId).limit(100L).build());
        for (FineTuningJobEvent e : page.autoPager()) {
            if (seenEvents.contains(e.id())) {
                break;
            }
            fresh.add(e);
        }
        fresh.forEach(e -> seenEvents.add(e.id()));
        return fresh.reversed();
    }

    private void onEvent(FineTuningJobEvent e) {
        Optional<Metrics> m = Metrics.of(e);
        m.ifPresent(metrics -> {
            lastMetrics = metrics;
            eta.observe(metrics.step(), Instant.now());
        });
        if (json) {
            if (show == Show.EVENTS) {
                Json.printLine(out, e);
            }
            return;
        }
        if (show == Show.EVENTS && (bar == null || m.isEmpty())) {
            above(Human.epochSeconds(e.createdAt()) + "  " + e.level().asString() + "  " + e.message());
        } else if (show == Show.STATUS && m.isPresent() && terminalErr == null
                && progressLines.shouldPrint(m.get().step(), m.get().totalSteps(), Instant.now())) {
            above(progressLine(m.get()));
        }
        if (m.isPresent() && terminalErr != null) {
            updateBar(m.get());
        }
    }

    private void onStatus(FineTuningJob job) {
        String status = JobView.status(job);
        if (status.equals(lastStatus)) {
            return;
        }
        lastStatus = status;
        if (json || show == Show.EVENTS || isFinal(job)) {
            return;
        }
        above("status: " + status + (status.equals("paused") ? " ('tuna jobs resume " + job.id() + "' continues it)" : ""));
    }

    /** {@code step 3/10  loss 2.3456  ETA 12s}. */
    private String progressLine(Metrics m) {
        StringBuilder sb = new StringBuilder("step " + m.step() + "/" + m.totalSteps());
        if (!m.lossText().isEmpty()) {
            sb.append("  ").append(m.lossText());
        }
        eta.remaining(m.totalSteps(), estimatedFinish, Instant.now())
                .ifPresent(d -> sb.append("  ETA ").append(Human.duration(d)));
        return sb.toString();
    }

    private void updateBar(Metrics m) {
        if (bar == null) {
            bar = new ProgressBarBuilder().setTaskName("training").setInitialMax(m.totalSteps())
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500)
                    .setEtaFunction(state -> eta.remaining(m.totalSteps(), estimatedFinish, Instant.now()))
                    .setConsumer(new ConsoleProgressBarConsumer(terminalErr)).build();
        }
        bar.maxHint(m.totalSteps());
        bar.stepTo(m.step());
        bar.setExtraMessage(m.lossText());
    }

    /** A line of text; on a terminal the bar is cleared first and redrawn after. */
    private void above(String line) {
        if (bar != null) {
            terminalErr.print("\r\033[K");
            terminalErr.flush();
        }
        out.println(line);
        out.flush();
        if (bar != null) {
            bar.refresh();
        }
    }

    private int finish(FineTuningJob job) {
        String status = JobView.status(job);
        if (json) {
            Json.printLine(out, job);
        } else {
            switch (status) {
                case "succeeded" -> out.println("Job " + job.id() + " succeeded" + took(job) + ": fine-tuned model "
                        + job.fineTunedModel().orElse("(none reported)"));
                case "failed" -> out.println("Job " + job.id() + " failed: " + JobView.errorText(job));
                default -> out.println("Job " + job.id() + " was cancelled"
                        + (lastMetrics == null ? "" : " at step " + lastMetrics.step() + "/" + lastMetrics.totalSteps()) + ".");
            }
            out.flush();
        }
        return status.equals("succeeded") ? 0 : TunaException.INVALID_INPUT;
    }

    private static String took(FineTuningJob job) {
        return job.finishedAt().map(f -> " in " + Human.duration(Duration.ofSeconds(f - job.createdAt()))).orElse("");
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    private void sleep() {
        try {
            Thread.sleep(interval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TunaException("interrupted");
        }
    }
}
