package dev.tuna.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every {@code ./tuna ...} line of the README's shell examples is a command this CLI accepts as written: the
 * subcommands exist and every option and parameter parses. (What the commands do is tested where each command is.)
 */
class ReadmeCommandsTest {
    private static final Path README = Path.of(System.getProperty("tuna.repo.root", ".."), "README.md");

    @Test
    void everyReadmeCommandParses() throws Exception {
        List<String> commands = readmeCommands(Files.readString(README));
        assertThat(commands).as("./tuna commands in " + README).hasSizeGreaterThan(15);
        for (String command : commands) {
            List<String> args = words(command);
            try {
                Main.newCommandLine().parseArgs(args.toArray(String[]::new));
            } catch (CommandLine.ParameterException e) {
                fail("README command does not parse: " + command + "\n  " + e.getMessage());
            }
        }
    }

    @Test
    void wordsSplitLikeAShell() {
        assertThat(words("chat --system 'You are Marv.' \"질문 하나\" x")).containsExactly(
                "chat", "--system", "You are Marv.", "질문 하나", "x");
        assertThat(words("serve   # a comment")).containsExactly("serve");
    }

    /** The {@code ./tuna} invocations in ```sh blocks, without the {@code ./tuna} itself. */
    static List<String> readmeCommands(String markdown) {
        List<String> out = new ArrayList<>();
        boolean inShell = false;
        for (String line : markdown.split("\n")) {
            if (line.startsWith("```")) {
                inShell = !inShell && line.strip().equals("```sh");
                continue;
            }
            if (!inShell) {
                continue;
            }
            for (String part : line.split("&&")) {
                String p = part.strip();
                if (p.startsWith("./tuna ")) {
                    out.add(p.substring("./tuna ".length()));
                }
            }
        }
        return out;
    }

    /** Splits like a POSIX shell for what the README uses: single and double quotes, and a trailing # comment. */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    out.add(word.toString());
                    word = null;
                }
            } else if (c == '#' && word == null) {
                break;
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            out.add(word.toString());
        }
        return out;
    }
}
