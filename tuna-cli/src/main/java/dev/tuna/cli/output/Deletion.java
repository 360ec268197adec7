package dev.tuna.cli.output;

import java.io.PrintWriter;

/** How the delete commands report: the API's deletion object as JSON, or one line; exit code 1 if it was kept. */
public final class Deletion {
    private Deletion() {
    }

    /**
     * @param result  the SDK's deletion object ({@code FileDeleted}, {@code ModelDeleted}), printed with --json
     * @param id      the deleted object's id, as the backend names it
     * @param deleted the backend's {@code deleted} flag
     */
    public static int report(PrintWriter out, boolean json, Object result, String id, boolean deleted) {
        if (json) {
            Json.print(out, result);
        } else {
            out.println(deleted ? "Deleted " + id + "." : "The backend did not delete " + id + ".");
            out.flush();
        }
        return deleted ? 0 : 1;
    }
}
