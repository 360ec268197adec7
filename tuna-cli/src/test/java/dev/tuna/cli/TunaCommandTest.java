package dev.tuna.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TunaCommandTest {
    @Test
    void helpListsCommandsAndExitsZero() {
        var out = new StringWriter();
        var cli = Main.newCommandLine();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString()).contains("Usage: tuna").contains("Exit codes");
    }

    @Test
    void unknownCommandIsAUsageErrorWithExitCodeTwo() {
        var err = new StringWriter();
        var cli = Main.newCommandLine();
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("no-such-command")).isEqualTo(2);
        assertThat(err.toString()).contains("tuna: Unmatched argument").doesNotContain("Exception");
    }
}
