package dev.tuna.cli.jobs;

import dev.tuna.data.TunaException;
import dev.tuna.data.validate.ValidationError;
import dev.tuna.data.validate.ValidationReport;
import dev.tuna.data.validate.ValidationWarning;
import dev.tuna.data.validate.Validator;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The {@code tuna validate} rules applied to a local training file before it is uploaded, so that a bad file fails
 * here, with line numbers, instead of minutes later as a failed job.
 */
final class TrainingFileCheck {
    /** Errors listed before "... and N more". */
    private static final int SHOWN_ERRORS = 10;

    private TrainingFileCheck() {
    }

    static void check(Path file, String model, PrintWriter notes) {
        ValidationReport report = Validator.validate(file, model);
        if (!report.valid()) {
            StringBuilder sb = new StringBuilder(file + " is not valid fine-tuning data (" + report.errorCount() + " error"
                    + (report.errorCount() == 1 ? "" : "s") + "; 'tuna validate " + file + "' shows them all, "
                    + "--no-validate uploads anyway):");
            int shown = 0;
            for (ValidationError e : report.errors()) {
                if (shown++ == SHOWN_ERRORS) {
                    break;
                }
                sb.append(System.lineSeparator()).append("  ").append(e);
            }
            if (report.errorCount() > SHOWN_ERRORS) {
                sb.append(System.lineSeparator()).append("  ... and ").append(report.errorCount() - SHOWN_ERRORS).append(" more");
            }
            throw new TunaException(sb.toString(), TunaException.INVALID_INPUT, null);
        }
        notes.println("Checked " + file.getFileName() + ": " + report.examples() + " examples, no errors"
                + (report.warnings().isEmpty() ? "." : ", " + report.warnings().size()
                        + (report.warnings().size() == 1 ? " warning:" : " warnings:")));
        for (ValidationWarning w : report.warnings()) {
            notes.println("  warning: " + w.message());
        }
        notes.flush();
    }
}
