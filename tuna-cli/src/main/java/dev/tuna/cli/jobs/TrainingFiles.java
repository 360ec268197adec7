package dev.tuna.cli.jobs;

import com.openai.client.OpenAIClient;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import dev.tuna.cli.output.Human;
import dev.tuna.data.TunaException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns a {@code --training-file}/{@code --validation-file} argument into a file id: an existing local path is
 * validated (unless asked not to) and uploaded; anything else is taken as the id of a file already uploaded.
 */
final class TrainingFiles {
    private final OpenAIClient client;
    private final String model;
    private final boolean validate;
    private final PrintWriter notes;

    TrainingFiles(OpenAIClient client, String model, boolean validate, PrintWriter notes) {
        this.client = client;
        this.model = model;
        this.validate = validate;
        this.notes = notes;
    }

    String fileId(String argument, String option) {
        Path path = Path.of(argument);
        if (!Files.isRegularFile(path)) {
            if (argument.startsWith("file-") || !(argument.contains("/") || argument.contains("\\") || argument.endsWith(".jsonl"))) {
                return argument;
            }
            throw new TunaException(option + " " + argument + ": no such file (give a JSONL path or the id of an uploaded file)");
        }
        if (validate) {
            TrainingFileCheck.check(path, model, notes);
        }
        FileObject f = client.files().create(FileCreateParams.builder().file(path).purpose(FilePurpose.FINE_TUNE).build());
        notes.println("Uploaded " + path.getFileName() + " as " + f.id() + " (" + Human.bytes(f.bytes()) + ").");
        notes.flush();
        return f.id();
    }
}
