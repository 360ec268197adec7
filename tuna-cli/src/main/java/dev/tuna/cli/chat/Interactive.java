package dev.tuna.cli.chat;

import com.openai.errors.OpenAIException;
import dev.tuna.cli.client.ApiErrors;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The interactive chat: one line per message, history kept. Commands: {@code /system TEXT} (no text: none),
 * {@code /seed N} or {@code /seed off}, {@code /reset} (forget the history), {@code /exit} (or end of input).
 * A failed request is reported and the conversation goes on.
 */
final class Interactive {
    private final Responder responder;
    private final PrintWriter out;
    private final PrintWriter err;
    private final String model;
    private final boolean stream;
    private Sampling sampling;

    Interactive(Responder responder, PrintWriter out, PrintWriter err, String model, Sampling sampling, boolean stream) {
        this.responder = responder;
        this.out = out;
        this.err = err;
        this.model = model;
        this.sampling = sampling;
        this.stream = stream;
    }

    int run(String system, InputStream input) {
        Conversation c = new Conversation(system);
        out.println("Chatting with " + model + (system == null ? "" : " (system: " + system + ")") + ".");
        out.println("Commands: /system TEXT, /seed N|off, /reset, /exit.");
        BufferedReader in = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
        while (true) {
            out.print("> ");
            out.flush();
            String line;
            try {
                line = in.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (line == null) {
                out.println();
                out.flush();
                return 0;
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("/")) {
                if (!command(line, c)) {
                    return 0;
                }
                continue;
            }
            c.user(line);
            try {
                Answer a = responder.askAndPrint(c.params(model, sampling), stream);
                c.assistant(a.text());
            } catch (OpenAIException e) {
                c.forgetLastUser();
                err.println("tuna: " + ApiErrors.explain(e, responder.backend()).getMessage());
                err.flush();
            }
        }
    }

    /** Runs a slash command; false means exit. */
    private boolean command(String line, Conversation c) {
        String name = line.split("\\s+", 2)[0];
        String arg = line.length() > name.length() ? line.substring(name.length()).strip() : "";
        switch (name) {
            case "/exit", "/quit" -> {
                return false;
            }
            case "/system" -> {
                c.system(arg.isEmpty() ? null : Personas.expand(arg));
                out.println(c.system() == null ? "(no system prompt)" : "(system: " + c.system() + ")");
            }
            case "/seed" -> {
                if (arg.equals("off") || arg.isEmpty()) {
                    sampling = sampling.withSeed(null);
                    out.println("(no seed)");
                } else {
                    try {
                        sampling = sampling.withSeed(Long.parseLong(arg));
                        out.println("(seed " + arg + ")");
                    } catch (NumberFormatException e) {
                        out.println("(/seed takes a whole number or 'off', not '" + arg + "')");
                    }
                }
            }
            case "/reset" -> {
                c.clear();
                out.println("(history cleared)");
            }
            default -> out.println("(unknown command " + name + "; commands: /system TEXT, /seed N|off, /reset, /exit)");
        }
        out.flush();
        return true;
    }
}
