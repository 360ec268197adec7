package dev.tuna.cli.jobs;

import java.time.Duration;
import java.time.Instant;

/**
 * Which training steps get a line when progress goes to a file or a pipe (no live bar): the first, each tenth of
 * the run, the last, and otherwise one at least every {@link #EVERY} — a 900-step job gives a dozen lines, not 900.
 */
final class ProgressLines {
    static final Duration EVERY = Duration.ofSeconds(30);

    private long lastTenth = -1;
    private Instant lastLine;

    boolean shouldPrint(long step, long totalSteps, Instant now) {
        long tenth = totalSteps > 0 ? step * 10 / totalSteps : step;
        boolean print = tenth > lastTenth || step >= totalSteps
                || lastLine == null || Duration.between(lastLine, now).compareTo(EVERY) >= 0;
        if (print) {
            lastTenth = Math.max(lastTenth, tenth);
            lastLine = now;
        }
        return print;
    }
}
