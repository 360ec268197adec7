package dev.tuna.cli.output;

/** Whether output goes to a person at a terminal (live progress bars) or to a pipe or file (plain lines). */
public final class Terminal {
    private Terminal() {
    }

    public static boolean interactive() {
        var console = System.console();
        return console != null && console.isTerminal();
    }

    /**
     * The width to lay text out in: COLUMNS when set (shells seldom export it), else {@code detected} (picocli's
     * look at the terminal) on a terminal, else 100.
     */
    public static int width(int detected) {
        try {
            int w = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", ""));
            if (w >= 40) {
                return w;
            }
        } catch (NumberFormatException e) {
            // not set: fall through
        }
        return interactive() && detected >= 40 ? detected : 100;
    }
}
