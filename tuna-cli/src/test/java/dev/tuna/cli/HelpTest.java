package dev.tuna.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every backend command explains itself with examples, in an 80-column terminal without ragged wrapping. */
class HelpTest {
    private static final List<String> COMMANDS = List.of("files", "jobs", "chat", "models");

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
        assertThat(commands).hasSizeGreaterThan(20);
        for (CommandLine c : commands) {
            if (c.getCommandName().equals("pull")) {
                continue; // not this CLI's backend commands
            }
            c.setUsageHelpWidth(80);
            StringWriter help = new StringWriter();
            c.usage(new PrintWriter(help));
            String name = c.getCommandSpec().qualifiedName();
            assertThat(help.toString()).as(name).contains("Examples:").contains("  " + name.substring(0, name.indexOf(' ') < 0 ? name.length() : name.indexOf(' ')) + " ");
            for (String line : help.toString().lines().toList()) {
                assertThat(line.length()).as(name + ": " + line).isLessThanOrEqualTo(80);
            }
            // picocli wraps each element of a multi-line text on its own, so an element wider than the terminal
            // leaves a ragged short line behind: those must fit as written.
            var usage = c.getCommandSpec().usageMessage();
            List<String> rows = new ArrayList<>(List.of(usage.footer()));
            if (usage.description().length > 1) {
                rows.addAll(List.of(usage.description()));
            }
            for (String row : rows) {
                assertThat(row.length()).as(name + ": " + row).isLessThan(79);
            }
        }
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
