package dev.tuna.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TableTest {
    @Test
    void columnsAlignInTerminalColumnsWhenCellsHoldKorean() {
        var text = new StringWriter();
        new Table("MODEL", "SUFFIX", "STATUS").row("ft:a", "한국어", "ok").row("ft:bb", "marv", "ok")
                .print(new PrintWriter(text));
        var lines = text.toString().lines().toList();
        assertThat(lines).containsExactly(
                "MODEL  SUFFIX  STATUS",
                "ft:a   한국어  ok",
                "ft:bb  marv    ok");
    }

    @Test
    void widthsOfScripts() {
        assertThat(DisplayWidth.of("abc")).isEqualTo(3);
        assertThat(DisplayWidth.of("한국어")).isEqualTo(6);
        assertThat(DisplayWidth.of("e\u0301")).isEqualTo(1);
        assertThat(DisplayWidth.pad("한", 4)).isEqualTo("한  ");
        assertThat(DisplayWidth.fittingPrefix("가나다", 5)).isEqualTo(2);
        assertThat(DisplayWidth.fittingPrefix("가나다", 1)).isEqualTo(1);
    }
}
