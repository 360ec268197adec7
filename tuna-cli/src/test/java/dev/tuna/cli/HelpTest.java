package dev.tuna.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command explains itself with examples, in an 80-column terminal without ragged wrapping. */
class HelpTest {
    private static final List<String> COMMANDS = List.of("files", "jobs", "chat", "models", "prepare", "validate",
            "eval", "score", "bench", "serve", "demo");

    private static List<CommandLine> all(CommandLine cli) {
        List<CommandLine> out = new ArrayList<>();
        out.add(cli);
        cli.getSubcommands().values().forEach(c -> out.addAll(all(c)));
        return out;
    }

    @Test
    void everyCommandHasExamplesAndFitsEightyColumns() {
        CommandLine root = Main.newCommandLine();
        List<CommandLine> commands = new ArrayList<>();
        COMMANDS.forEach(name -> commands.addAll(all(root.getSubcommands().get(name))));
        assertThat(commands).hasSizeGreaterThan(30);
        assertThat(root.getSubcommands().keySet()).as("a command this test does not check")
                .allMatch(name -> COMMANDS.contains(name) || name.equals("help"));
        var soft = new SoftAssertions();
        for (CommandLine c : commands) {
            c.setUsageHelpWidth(80);
            StringWriter help = new StringWriter();
            c.usage(new PrintWriter(help));
            String name = c.getCommandSpec().qualifiedName();
            soft.assertThat(help.toString()).as(name).contains("Examples:").contains("  " + name.substring(0, name.indexOf(' ') < 0 ? name.length() : name.indexOf(' ')) + " ");
            for (String line : help.toString().lines().toList()) {
                soft.assertThat(line.length()).as(name + ": " + line).isLessThanOrEqualTo(80);
            }
            // picocli wraps each element of a multi-line text on its own, so an indented element (an example, an
            // aligned row) wider than the terminal leaves a ragged short line behind: those must fit as written.
            // Prose paragraphs may wrap.
            var usage = c.getCommandSpec().usageMessage();
            List<String> rows = new ArrayList<>(List.of(usage.footer()));
            if (usage.description().length > 1) {
                rows.addAll(List.of(usage.description()));
            }
            for (String row : rows) {
                if (row.startsWith(" ")) {
                    soft.assertThat(row.length()).as(name + ": " + row).isLessThan(79);
                }
            }
        }
        soft.assertAll();
    }

    @Test
    void theRootHelpExplainsBackendsWithinEightyColumns() {
        StringWriter out = new StringWriter();
        CommandLine root = Main.newCommandLine();
        root.setUsageHelpWidth(80);
        root.usage(new PrintWriter(out));
        assertThat(out.toString()).contains("TUNA_BASE_URL").contains("[profiles.lab]").contains("tuna serve --stop");
        out.toString().lines().forEach(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(80));
        for (String row : root.getCommandSpec().usageMessage().footer()) {
            assertThat(row.length()).as(row).isLessThan(79);
        }
    }
}
