package dev.tuna.cli.client;

import dev.tuna.cli.output.Deletion;
import java.io.PrintWriter;

/** A delete command: one line for people, the API's deletion object with --json; exit code 1 if the backend kept it. */
public abstract class ApiDeleteCommand extends ApiCommand<Deletion> {
    @Override
    protected void print(PrintWriter out, Deletion d) {
        out.println(d.deleted() ? "Deleted " + d.id() + "." : "The backend did not delete " + d.id() + ".");
    }

    @Override
    protected Object json(Deletion d) {
        return d.response();
    }

    @Override
    protected int exitCode(Deletion d) {
        return d.deleted() ? 0 : 1;
    }
}
