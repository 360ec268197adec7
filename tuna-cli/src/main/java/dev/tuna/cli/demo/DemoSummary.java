package dev.tuna.cli.demo;

import dev.tuna.cli.eval.RunCommand;
import dev.tuna.data.eval.EvalReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The demo's closing words: what the scores show, and what tuna-nano can and cannot do. */
record DemoSummary(String base, String model, Duration training, Duration total, Scores trained, Scores heldOut,
                   Path trainedReport, Path heldOutReport) {

    /** EM/F1 of the base and of the fine-tuned model on one question set, and how many questions it had. */
    record Scores(double baseEm, double baseF1, double tunedEm, double tunedF1, int questions) {
    }

    static Scores scores(Path htmlReport) {
        Path json = RunCommand.jsonBeside(htmlReport);
        List<EvalReport.VariantSummary> v = EvalReport.readJson(json).variants();
        DemoCommand.require(v.size() == 2, json + " should compare two models, but has " + v.size());
        return new Scores(v.get(0).exactMatch(), v.get(0).f1(), v.get(1).exactMatch(), v.get(1).f1(),
                v.get(1).questions());
    }

    void print(PrintWriter out) {
        out.printf(Locale.ROOT, "%-34s %12s %12s%n", "KorQuAD 1.0 (official EM / F1)", base, "fine-tuned");
        row(out, "trained questions (" + trained.questions() + ")", trained);
        row(out, "held-out questions (" + heldOut.questions() + ")", heldOut);
        out.println();
        out.println("Fine-tuned model: " + model + " (trained in " + seconds(training) + "; the whole demo took "
                + seconds(total) + ")");
        out.println("Reports: " + trainedReport);
        out.println("         " + heldOutReport);
        out.println();
        if (base.equals("tuna-nano")) {
            out.println("What this shows, honestly: tuna-nano is a tiny model trained from scratch on these "
                    + trained.questions() + " questions.");
            out.println("It learns to reproduce the answers it was trained on (the first row), which proves the whole");
            out.println("workflow trains for real; it knows no Korean beyond them, so on held-out questions (the second");
            out.println("row) it stays near zero. For answers to new questions, fine-tune a real base model with LoRA:");
            out.println("  tuna models pull HuggingFaceTB/SmolLM2-135M-Instruct && tuna demo --base SmolLM2-135M-Instruct");
        } else {
            out.println("The first row measures how well the adapter learned its training answers; the second row,");
            out.println("whether it generalises to questions from articles it never saw.");
        }
        out.println("Every answer above was generated with a seed: run the demo again and you get the same text.");
        out.flush();
    }

    private static void row(PrintWriter out, String label, Scores s) {
        out.printf(Locale.ROOT, "%-34s %5.1f / %4.1f %5.1f / %4.1f%n", label, s.baseEm(), s.baseF1(), s.tunedEm(),
                s.tunedF1());
    }

    private static String seconds(Duration d) {
        long s = d.toSeconds();
        return s >= 60 ? (s / 60) + " min " + (s % 60) + " s" : s + " s";
    }
}
