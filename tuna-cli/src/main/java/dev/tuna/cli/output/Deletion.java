package dev.tuna.cli.output;

import java.io.PrintWriter;

/** How the delete commands report without --json: one line; exit code 1 if the backend kept the object. */
public final class Deletion {
    private Deletion() {
    }

    /** @param id the object's id, as the backend names it; deleted its {@code deleted} flag */
    public static void print(PrintWriter out, String id, boolean deleted) {
        out.println(deleted ? "Deleted " + id + "." : "The backend did not delete " + id + ".");
    }

    public static int exitCode(boolean deleted) {
        return deleted ? 0 : 1;
    }
}
