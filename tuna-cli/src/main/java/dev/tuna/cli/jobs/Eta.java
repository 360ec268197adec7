package dev.tuna.cli.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Time left for a running job: the backend's {@code estimated_finish} when it gives one, else the pace of the
 * steps seen since watching began.
 */
final class Eta {
    private Instant firstSeenAt;
    private long firstStep = -1;
    private Instant lastAt;
    private long lastStep;

    void observe(long step, Instant now) {
        if (firstStep < 0 || step < firstStep) {
            firstStep = step;
            firstSeenAt = now;
        }
        lastStep = step;
        lastAt = now;
    }

    Optional<Duration> remaining(long totalSteps, Long estimatedFinishEpochSeconds, Instant now) {
        if (estimatedFinishEpochSeconds != null && estimatedFinishEpochSeconds > 0) {
            return Optional.of(Duration.between(now, Instant.ofEpochSecond(estimatedFinishEpochSeconds))).filter(d -> !d.isNegative());
        }
        if (firstStep < 0 || lastStep <= firstStep) {
            return Optional.empty();
        }
        double secondsPerStep = Duration.between(firstSeenAt, lastAt).toMillis() / 1000.0 / (lastStep - firstStep);
        return Optional.of(Duration.ofMillis((long) (secondsPerStep * (totalSteps - lastStep) * 1000)));
    }
}
