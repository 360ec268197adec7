package dev.tuna.cli.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressLinesTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void aLongFastRunPrintsTheFirstStepEachTenthAndTheLast() {
        var lines = new ProgressLines();
        List<Long> printed = new ArrayList<>();
        for (long step = 1; step <= 893; step++) {
            if (lines.shouldPrint(step, 893, T0.plusMillis(step * 10))) {
                printed.add(step);
            }
        }
        assertThat(printed).containsExactly(1L, 90L, 179L, 268L, 358L, 447L, 536L, 626L, 715L, 804L, 893L);
    }

    @Test
    void aSlowRunAlsoPrintsEveryThirtySeconds() {
        var lines = new ProgressLines();
        assertThat(lines.shouldPrint(1, 1000, T0)).isTrue();
        assertThat(lines.shouldPrint(2, 1000, T0.plusSeconds(29))).isFalse();
        assertThat(lines.shouldPrint(3, 1000, T0.plusSeconds(30))).isTrue();
        assertThat(lines.shouldPrint(4, 1000, T0.plusSeconds(31))).isFalse();
    }

    @Test
    void shortRunsPrintEveryStep() {
        var lines = new ProgressLines();
        for (long step = 1; step <= 5; step++) {
            assertThat(lines.shouldPrint(step, 5, T0)).as("step " + step).isTrue();
        }
    }
}
