package dev.tuna.cli.files;

import com.openai.models.files.FileObject;
import dev.tuna.cli.output.Human;
import dev.tuna.cli.output.Table;
import java.io.PrintWriter;
import java.util.List;

/** How files look to people: one table row each, or a block of fields for one. */
final class FileView {
    private FileView() {
    }

    static void table(PrintWriter out, List<FileObject> files) {
        Table t = new Table("ID", "FILENAME", "PURPOSE", "SIZE", "CREATED", "STATUS");
        for (FileObject f : files) {
            t.row(f.id(), f.filename(), f.purpose().asString(), Human.bytes(f.bytes()), Human.epochSeconds(f.createdAt()),
                    f.status().asString());
        }
        t.print(out);
    }

    static void details(PrintWriter out, FileObject f) {
        out.println("id:        " + f.id());
        out.println("filename:  " + f.filename());
        out.println("purpose:   " + f.purpose().asString());
        out.println("size:      " + Human.bytes(f.bytes()) + " (" + f.bytes() + " bytes)");
        out.println("created:   " + Human.epochSeconds(f.createdAt()));
        out.println("status:    " + f.status().asString());
        f.expiresAt().ifPresent(e -> out.println("expires:   " + Human.epochSeconds(e)));
        f.statusDetails().ifPresent(d -> out.println("details:   " + d));
        out.flush();
    }
}
