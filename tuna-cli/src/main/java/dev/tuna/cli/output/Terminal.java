package dev.tuna.cli.output;

/** Whether output goes to a person at a terminal (live progress bars) or to a pipe or file (plain lines). */
public final class Terminal {
    private Terminal() {
    }

    public static boolean interactive() {
        var console = System.console();
        return console != null && console.isTerminal();
    }

    /** The terminal's width from COLUMNS, else 100. */
    public static int width() {
        try {
            int w = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", ""));
            return w >= 40 ? w : 100;
        } catch (NumberFormatException e) {
            return 100;
        }
    }
}
